/*
 * test_checks.c - ID numbers, credit codes and division codes against
 * published and hand-computed examples; every failure names its part.
 * Also the enumeration tables and the demo data they must agree with.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/util.h"
#include "domain/checks.h"
#include "domain/demo_names.h"
#include "domain/enums.h"

/* Expect s to fail with field "f" and msg_en containing want. */
static void
expect_fail(int (*check)(const char *, const char *, struct err *),
    const char *s, const char *want)
{
	struct err	e;

	err_clear(&e);
	cr_assert(eq(int, check(s, "f", &e), -1), "accepted '%s'",
	    s ? s : "(null)");
	cr_assert(eq(int, e.code, ERR_INVALID));
	cr_assert(eq(str, e.field, "f"));
	cr_assert(strstr(e.msg_en, want) != NULL,
	    "'%s': message \"%s\" lacks \"%s\"", s ? s : "(null)", e.msg_en,
	    want);
	cr_assert(e.msg_zh[0] != '\0');
	cr_assert(strcmp(e.msg_zh, e.msg_en) != 0, "no Chinese message");
}

static void
expect_ok(int (*check)(const char *, const char *, struct err *),
    const char *s)
{
	struct err	e;

	err_clear(&e);
	cr_assert(eq(int, check(s, "f", &e), 0), "'%s' rejected: %s", s,
	    e.msg_en);
}

/* Criterion's str comparisons take char *: view a const string as one. */
static char *
cs(const char *s)
{
	return ((char *)(uintptr_t)s);
}

/* ---- resident ID numbers ---- */

Test(id_number, published_example)
{
	/* GB 11643-1999's own example. */
	expect_ok(check_id_number, "11010519491231002X");
	cr_assert(eq(chr, id_number_check_char("11010519491231002"), 'X'));
}

/*
 * Hand-computed: 63010520120315010 weighted by 7 9 10 5 8 4 2 1 6 3 7 9
 * 10 5 8 4 2 sums to 176; 176 mod 11 = 0, and "10X98765432"[0] = '1'.
 */
Test(id_number, hand_computed)
{
	static const char *const good[] = {
		"630105201203150101",	/* check 1, sum mod 11 = 0 */
		"630105201203150160",	/* check 0, sum mod 11 = 1 */
		"63010520120315011X",	/* check X, sum mod 11 = 2 */
		"630105201501010019",	/* sum 135, 135 mod 11 = 3 -> 9 */
		"630105200002290111",	/* 29 February 2000 */
		"632123201108080381",
	};
	size_t	i;

	for (i = 0; i < nitems(good); i++) {
		expect_ok(check_id_number, good[i]);
		cr_assert(eq(chr, id_number_check_char(good[i]), good[i][17]));
	}
	cr_assert(eq(chr, id_number_check_char("63010520150101001"), '9'));
}

Test(id_number, length)
{
	expect_fail(check_id_number, "", "18 characters, not 0");
	expect_fail(check_id_number, NULL, "18 characters, not 0");
	expect_fail(check_id_number, "11010519491231002", "not 17");
	expect_fail(check_id_number, "11010519491231002X1", "not 19");
	/* Characters, not bytes: 17 digits and one Chinese character. */
	expect_fail(check_id_number, "11010519491231002号", "not 号");
	/* 16 digits and one Chinese character (3 bytes): 17, not 19. */
	expect_fail(check_id_number, "1101051949123100号", "not 17");
}

Test(id_number, non_digit_position)
{
	expect_fail(check_id_number, "1101A519491231002X", "character 5 ");
	expect_fail(check_id_number, "1101A519491231002X", "not 'A'");
	expect_fail(check_id_number, "X1010519491231002X", "character 1 ");
	expect_fail(check_id_number, "1101051949123100 X", "character 17 ");
	expect_fail(check_id_number, "11零10519491231002X", "character 3 ");
	expect_fail(check_id_number, "11零10519491231002X", "'零'");
}

Test(id_number, region_part)
{
	/* 99 is no province; the check characters are right. */
	expect_fail(check_id_number, "990105194912310023", "region part");
	expect_fail(check_id_number, "000000201203150107", "province");
}

Test(id_number, birth_date_part)
{
	/* Each has its correct check character, so only the date is wrong. */
	expect_fail(check_id_number, "110105194902310026", "not a real date");
	expect_fail(check_id_number, "110105194902310026", "19490231");
	expect_fail(check_id_number, "110105190002290017", "not a real date");
	expect_fail(check_id_number, "11010520131301001X", "not a real date");
	expect_fail(check_id_number, "110105189912310023", "before 1900");
	expect_fail(check_id_number, "110105209912310029", "in the future");
	expect_fail(check_id_number, "110105209912310029", "characters 7-14");
	expect_ok(check_id_number, "11010519000101001X");
	expect_ok(check_id_number, "110105200402290012");
}

Test(id_number, birth_today_and_tomorrow)
{
	char		 id[19], d[9];
	time_t		 t = time(NULL) + 8 * 3600;	/* China, UTC+8 */
	struct tm	 tm;
	struct err	 e;

	gmtime_r(&t, &tm);
	strftime(d, sizeof(d), "%Y%m%d", &tm);
	snprintf(id, sizeof(id), "630105%s001", d);
	id[17] = id_number_check_char(id);
	id[18] = '\0';
	expect_ok(check_id_number, id);

	t += 24 * 3600;
	gmtime_r(&t, &tm);
	strftime(d, sizeof(d), "%Y%m%d", &tm);
	snprintf(id, sizeof(id), "630105%s001", d);
	id[17] = id_number_check_char(id);
	id[18] = '\0';
	err_clear(&e);
	cr_assert(eq(int, check_id_number(id, "f", &e), -1));
	cr_assert(strstr(e.msg_en, "future") != NULL, "%s", e.msg_en);
}

Test(id_number, check_character)
{
	expect_fail(check_id_number, "110105194912310021",
	    "should be X, not 1");
	expect_fail(check_id_number, "630105201501010015",
	    "should be 9, not 5");
	expect_fail(check_id_number, "63010520150101001A",
	    "should be 9, not A");
	/* A lowercase x is refused, and the message says why. */
	expect_fail(check_id_number, "11010519491231002x", "uppercase X");
	/* A lowercase x where X is not even right is just wrong. */
	expect_fail(check_id_number, "63010520150101001x",
	    "should be 9, not x");
}

Test(id_number, field_is_passed_through)
{
	struct err	e;

	err_clear(&e);
	cr_assert(eq(int, check_id_number("1", "children/id_number", &e), -1));
	cr_assert(eq(str, e.field, "children/id_number"));
}

Test(id_number, birth_and_sex)
{
	char	d[11];

	id_number_birth("11010519491231002X", d);
	cr_assert(eq(str, d, "1949-12-31"));
	id_number_birth("630105200002290111", d);
	cr_assert(eq(str, d, "2000-02-29"));
	id_number_birth("6301", d);
	cr_assert(eq(str, d, ""));
	/* Digit 17: odd is male (1), even is female (2). */
	cr_assert(eq(int, id_number_sex("11010519491231002X"), 2));
	cr_assert(eq(int, id_number_sex("630105201501010019"), 1));
	cr_assert(eq(int, id_number_sex("630105201203150160"), 2));
	cr_assert(eq(int, id_number_sex("63010520120315011X"), 1));
	cr_assert(eq(int, id_number_sex("6301"), 0));
}

Test(id_number, check_char_rejects_non_digits)
{
	cr_assert(eq(chr, id_number_check_char("1101A519491231002"), '?'));
}

/* ---- unified social credit codes ---- */

/* An independent GB 32100 check: value by position in the alphabet. */
static char
ref_uscc_check(const char *s)
{
	static const char	 cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	int			 w = 1, sum = 0, i, r;

	for (i = 0; i < 17; i++) {
		sum += (int)(strchr(cs, s[i]) - cs) * w;
		w = w * 3 % 31;		/* weights are 3^i mod 31 */
	}
	r = (31 - sum % 31) % 31;
	return (cs[r]);
}

Test(uscc, published_example)
{
	expect_ok(check_uscc, "91350100M000100Y43");
	cr_assert(eq(chr, uscc_check_char("91350100M000100Y4"), '3'));
}

Test(uscc, independent_reference)
{
	static const char *const bodies[] = {
		"91350100M000100Y4", "11630105MB0L61056", "52630105MJ0H7352X",
		"52630100MJ2N4068X", "12630105MB1A06374", "Y1000000000000000",
		"51110000500000000", "93630105MA7YXWTRQ",
	};
	char	code[19];
	size_t	i;

	for (i = 0; i < nitems(bodies); i++) {
		cr_assert(eq(chr, uscc_check_char(bodies[i]),
		    ref_uscc_check(bodies[i])), "%s", bodies[i]);
		snprintf(code, sizeof(code), "%s%c", bodies[i],
		    ref_uscc_check(bodies[i]));
		expect_ok(check_uscc, code);
	}
	/* Hand-computed: the demo purchaser's code ends in 4. */
	cr_assert(eq(chr, uscc_check_char("11630105MB0L61056"), '4'));
}

Test(uscc, failures)
{
	expect_fail(check_uscc, "", "18 characters, not 0");
	expect_fail(check_uscc, "91350100M000100Y4", "not 17");
	expect_fail(check_uscc, "91350100m000100Y43", "character 9");
	expect_fail(check_uscc, "91350100m000100Y43", "uppercase");
	expect_fail(check_uscc, "91350100M000I00Y43", "letters I, O, Z, S");
	expect_fail(check_uscc, "91350100M000I00Y43", "character 13 ");
	expect_fail(check_uscc, "91350100M000100Y4#", "'#'");
	expect_fail(check_uscc, "9135010号M000100Y43", "character 8");
	expect_fail(check_uscc, "01350100M000100Y43",
	    "registration authority");
	expect_fail(check_uscc, "P1350100M000100Y43",
	    "registration authority, cannot be P");
	expect_fail(check_uscc, "9135A100M000100Y43", "character 5 ");
	expect_fail(check_uscc, "9135A100M000100Y43", "region code");
	expect_fail(check_uscc, "91350100M000100Y44", "should be 3, not 4");
}

Test(uscc, authorities)
{
	char	code[19];
	char	body[18];
	size_t	i;
	const char *ok = "123456789ABCDEFGHJKLMNY";

	for (i = 0; ok[i] != '\0'; i++) {
		snprintf(body, sizeof(body), "%c1630105MB0L61056", ok[i]);
		snprintf(code, sizeof(code), "%s%c", body,
		    ref_uscc_check(body));
		expect_ok(check_uscc, code);
	}
}

/* ---- division codes ---- */

struct region_case {
	const char		*code;
	enum region_level	 level;
	const char		*parent;
	const char		*prefix;
};

Test(region, levels_parents_prefixes)
{
	static const struct region_case cases[] = {
		{ "630000000000", REGION_PROV, "", "63" },
		{ "630100000000", REGION_PREF, "630000000000", "6301" },
		{ "630105000000", REGION_COUNTY, "630100000000", "630105" },
		{ "630105100000", REGION_TOWN, "630105000000", "630105100" },
		{ "630105100201", REGION_VILLAGE, "630105100000",
		    "630105100201" },
		{ "110101001001", REGION_VILLAGE, "110101001000",
		    "110101001001" },
		/* Dongguan: towns directly under the prefecture. */
		{ "441900003000", REGION_TOWN, "441900000000", "441900003" },
		{ "820000000000", REGION_PROV, "", "82" },
	};
	char	out[13];
	size_t	i;

	for (i = 0; i < nitems(cases); i++) {
		expect_ok(check_region_code, cases[i].code);
		cr_assert(eq(int, region_level(cases[i].code), cases[i].level),
		    "%s", cases[i].code);
		region_parent(cases[i].code, out);
		cr_assert(eq(str, out, cs(cases[i].parent)));
		region_prefix(cases[i].code, out);
		cr_assert(eq(str, out, cs(cases[i].prefix)));
	}
}

Test(region, level_codes)
{
	cr_assert(eq(str, cs(region_level_code(REGION_PROV)), "PROV"));
	cr_assert(eq(str, cs(region_level_code(REGION_PREF)), "PREF"));
	cr_assert(eq(str, cs(region_level_code(REGION_COUNTY)),
	    "COUNTY"));
	cr_assert(eq(str, cs(region_level_code(REGION_TOWN)), "TOWN"));
	cr_assert(eq(str, cs(region_level_code(REGION_VILLAGE)),
	    "VILLAGE"));
}

Test(region, failures)
{
	expect_fail(check_region_code, "", "12 digits, not 0");
	expect_fail(check_region_code, NULL, "12 digits, not 0");
	expect_fail(check_region_code, "630105", "not 6");
	expect_fail(check_region_code, "6301051002010", "not 13");
	expect_fail(check_region_code, "63010510020A", "character 12 ");
	expect_fail(check_region_code, "6301-5100201", "character 5 ");
	expect_fail(check_region_code, "990000000000", "province");
	expect_fail(check_region_code, "160000000000", "province");
	expect_fail(check_region_code, "830000000000", "province");
	expect_fail(check_region_code, "630000000100", "prefecture");
	expect_fail(check_region_code, "630000000100", "characters 5-12");
	expect_fail(check_region_code, "630001000000", "prefecture");
	expect_fail(check_region_code, "630105000201", "township");
	expect_fail(check_region_code, "630105000201", "characters 10-12");
}

Test(region, every_province_code)
{
	static const char *const prov[] = { "11", "12", "13", "14", "15",
	    "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
	    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61",
	    "62", "63", "64", "65", "71", "81", "82" };
	char	code[13];
	int	p, n = 0;
	size_t	i;

	for (i = 0; i < nitems(prov); i++) {
		snprintf(code, sizeof(code), "%s0000000000", prov[i]);
		expect_ok(check_region_code, code);
	}
	/* Exactly those 34 of the 100 two-digit prefixes are provinces. */
	for (p = 0; p < 100; p++) {
		struct err e;

		snprintf(code, sizeof(code), "%02d0000000000", p);
		if (check_region_code(code, "f", &e) == 0)
			n++;
	}
	cr_assert(eq(int, n, 34));
}

/* ---- enumerations ---- */

static const struct enum_decl *const all_enums[] = {
	&enum_sex, &enum_ethnicity, &enum_region_level, &enum_org_type,
	&enum_org_form, &enum_org_rating, &enum_hukou_type, &enum_schooling,
	&enum_health, &enum_left_behind_type, &enum_guardianship,
	&enum_risk_level,
};

static int
code_char(char c)
{
	return ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
}

static int
non_ascii(const char *s)
{
	return ((unsigned char)s[0] >= 0x80);
}

Test(enums, unique_ascii_codes_and_labels)
{
	const struct enum_decl	*d;
	const char		*c;
	size_t			 i, j, k;

	for (i = 0; i < nitems(all_enums); i++) {
		d = all_enums[i];
		cr_assert(d->name != NULL && d->name[0] != '\0');
		cr_assert(d->nvalues >= 2, "%s", d->name);
		for (j = 0; j < d->nvalues; j++) {
			c = d->values[j].code;
			cr_assert(c != NULL && c[0] != '\0', "%s", d->name);
			for (; *c != '\0'; c++)
				cr_assert(code_char(*c), "%s: code %s", d->name,
				    d->values[j].code);
			cr_assert(d->values[j].zh && d->values[j].zh[0]);
			cr_assert(d->values[j].en && d->values[j].en[0]);
			/* The Chinese label is not just the English one. */
			cr_assert(non_ascii(d->values[j].zh) ||
			    strcmp(d->name, "org_rating") == 0,
			    "%s: %s", d->name, d->values[j].code);
			for (k = 0; k < j; k++)
				cr_assert(strcmp(d->values[k].code,
				    d->values[j].code) != 0, "%s: dup %s",
				    d->name, d->values[j].code);
		}
		for (k = 0; k < i; k++)
			cr_assert(strcmp(all_enums[k]->name, d->name) != 0);
	}
}

Test(enums, ethnicity_gb3304)
{
	const struct enum_decl	*d = &enum_ethnicity;
	char			 want[3];
	size_t			 i;

	cr_assert(eq(sz, d->nvalues, 58));
	for (i = 0; i < 56; i++) {
		snprintf(want, sizeof(want), "%02zu", i + 1);
		cr_assert(eq(str, cs(d->values[i].code), want));
	}
	cr_assert(eq(str, cs(d->values[0].zh), "汉族"));
	cr_assert(eq(str, cs(d->values[2].zh), "回族"));
	cr_assert(eq(str, cs(d->values[3].zh), "藏族"));
	cr_assert(eq(str, cs(d->values[3].en), "Tibetan"));
	cr_assert(eq(str, cs(d->values[29].zh), "土族"));
	cr_assert(eq(str, cs(d->values[34].zh), "撒拉族"));
	cr_assert(eq(str, cs(d->values[55].zh), "基诺族"));
	cr_assert(eq(str, cs(d->values[56].code), "97"));
	cr_assert(eq(str, cs(d->values[57].code), "98"));
	cr_assert(eq(str, cs(d->values[57].zh), "外国血统中国籍人士"));
	/* Every group but the last two ends in 族. */
	for (i = 0; i < 56; i++) {
		const char *z = d->values[i].zh;

		cr_assert(strlen(z) > 3 &&
		    strcmp(z + strlen(z) - 3, "族") == 0, "%s", z);
	}
}

Test(enums, orders_and_members)
{
	cr_assert(eq(str, cs(enum_guardianship.values[0].code),
	    "PARENT_CARE"));
	cr_assert(eq(sz, enum_guardianship.nvalues, 7));
	cr_assert(eq(str, cs(enum_guardianship.values[4].code),
	    "UNSUPERVISED"));
	cr_assert(eq(str, cs(enum_guardianship.values[4].zh), "无人监护"));
	cr_assert(eq(sz, enum_org_type.nvalues, 6));
	cr_assert(eq(str, cs(enum_org_type.values[0].code), "PURCHASER"));
	cr_assert(eq(sz, enum_risk_level.nvalues, 4));
	cr_assert(eq(str, cs(enum_risk_level.values[3].code), "CRITICAL"));
	cr_assert(eq(sz, enum_schooling.nvalues, 6));
	cr_assert(eq(sz, enum_left_behind_type.nvalues, 4));
	cr_assert(eq(sz, enum_org_rating.nvalues, 6));
	cr_assert(eq(str, cs(enum_sex.values[0].code), "M"));
	cr_assert(eq(str, cs(enum_sex.values[1].code), "F"));
}

/* The region-level enumeration and region_level_code() agree. */
Test(enums, region_levels_match_checks)
{
	int	l;

	cr_assert(eq(sz, enum_region_level.nvalues, 5));
	for (l = REGION_PROV; l <= REGION_VILLAGE; l++)
		cr_assert(eq(str, cs(enum_region_level.values[l].code),
		    cs(region_level_code((enum region_level)l))));
}

/* ---- demo data ---- */

Test(demo_data, regions_valid_and_ordered)
{
	char	parent[13];
	size_t	i, j;
	int	found, villages = 0, towns = 0;

	cr_assert(demo_nregions >= 5 + 8);
	for (i = 0; i < demo_nregions; i++) {
		expect_ok(check_region_code, demo_regions[i].code);
		cr_assert(demo_regions[i].name[0] != '\0');
		if (region_level(demo_regions[i].code) == REGION_VILLAGE)
			villages++;
		if (region_level(demo_regions[i].code) == REGION_TOWN)
			towns++;
		for (j = 0; j < i; j++)
			cr_assert(strcmp(demo_regions[j].code,
			    demo_regions[i].code) != 0);
		/* Each parent is listed before its children. */
		region_parent(demo_regions[i].code, parent);
		if (i == 0) {
			cr_assert(eq(str, parent, ""));
			continue;
		}
		for (j = 0, found = 0; j < i; j++)
			found |= strcmp(demo_regions[j].code, parent) == 0;
		cr_assert(found, "%s has no parent listed",
		    demo_regions[i].code);
	}
	cr_assert(eq(int, towns, 2));
	cr_assert(villages >= 8 && villages <= 12);
	cr_assert(eq(str, cs(demo_regions[3].code), "630105100000"));
	cr_assert(eq(str, cs(demo_regions[3].name), "大堡子镇"));
	cr_assert(eq(str, cs(demo_regions[4].code), "630105101000"));
}

Test(demo_data, names)
{
	size_t	i, nm = 0, nf = 0;

	cr_assert(demo_nsurnames >= 10);
	cr_assert(demo_ngiven_m >= 10 && demo_ngiven_f >= 10);
	for (i = 0; i < demo_nsurnames; i++)
		cr_assert(demo_surnames[i].ethnicity != NULL &&
		    (strcmp(demo_surnames[i].ethnicity, "01") == 0 ||
		    strcmp(demo_surnames[i].ethnicity, "03") == 0 ||
		    strcmp(demo_surnames[i].ethnicity, "30") == 0));
	for (i = 0; i < demo_nbo_names; i++) {
		const unsigned char *b =
		    (const unsigned char *)demo_bo_names[i].bo;

		/* Tibetan block U+0F00..U+0FFF is E0 BC xx .. E0 BF xx. */
		cr_assert(b[0] == 0xe0 && b[1] >= 0xbc && b[1] <= 0xbf,
		    "%s", demo_bo_names[i].zh);
		cr_assert(demo_bo_names[i].sex == 'M' ||
		    demo_bo_names[i].sex == 'F' || demo_bo_names[i].sex == 'U');
		nm += demo_bo_names[i].sex != 'F';
		nf += demo_bo_names[i].sex != 'M';
	}
	cr_assert(nm >= 4 && nf >= 4);
	cr_assert(eq(str, cs(demo_bo_names[0].zh), "卓玛"));
	cr_assert(eq(str, cs(demo_bo_names[0].bo), "སྒྲོལ་མ"));
}
