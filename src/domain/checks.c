/*
 * checks.c - the structure and check characters of the identifiers the
 * field uses: resident ID numbers (GB 11643, ISO 7064 MOD 11-2), unified
 * social credit codes (GB 32100, MOD 31) and 12-digit statistical
 * division codes.  Every failure names the part that is wrong.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../core/util.h"
#include "checks.h"

#define ID_LEN		18
#define USCC_LEN	18
#define REGION_LEN	12

/* GB 32100 character set: digits and capitals without I, O, Z, S, V. */
static const char uscc_charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* Registration authorities (GB 32100 position 1). */
static const char uscc_authorities[] = "123456789ABCDEFGHJKLMNY";

/* GB/T 2260 province-level codes. */
static const char *const province_codes[] = {
	"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33",
	"34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50",
	"51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81",
	"82"
};

static const char *const level_codes[] = {
	[REGION_PROV] = "PROV",
	[REGION_PREF] = "PREF",
	[REGION_COUNTY] = "COUNTY",
	[REGION_TOWN] = "TOWN",
	[REGION_VILLAGE] = "VILLAGE",
};

/* A string cut into its UTF-8 characters, so positions count characters. */
struct chars {
	size_t		 n;
	const char	*p[ID_LEN];
	int		 len[ID_LEN];
};

/*
 * Split s into at most ID_LEN characters; n is the full character count
 * even when it is larger, so a length message can state it.
 */
static void
chars_split(const char *s, struct chars *c)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0;
	int			 l;

	c->n = 0;
	while (u[i] != '\0') {
		l = 1;
		/* Continuation bytes belong to the character before. */
		while (u[i + l] != '\0' && (u[i + l] & 0xc0) == 0x80)
			l++;
		if (c->n < ID_LEN) {
			c->p[c->n] = (const char *)u + i;
			c->len[c->n] = l;
		}
		c->n++;
		i += l;
	}
}

static int
is_digit(int ch)
{
	return (ch >= '0' && ch <= '9');
}

static int
province_ok(const char *two)
{
	size_t	i;

	for (i = 0; i < nitems(province_codes); i++)
		if (strncmp(province_codes[i], two, 2) == 0)
			return (1);
	return (0);
}

/* Today's date in China (UTC+8, no daylight saving) as YYYY-MM-DD. */
static void
today_china(char out[11])
{
	time_t		t = time(NULL) + 8 * 3600;
	struct tm	tm;

	gmtime_r(&t, &tm);
	if (strftime(out, 11, "%Y-%m-%d", &tm) != 10)
		out[0] = '\0';
}

char
id_number_check_char(const char *first17)
{
	static const int	 w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9,
	    10, 5, 8, 4, 2 };
	int			 i, sum = 0;

	for (i = 0; i < 17; i++) {
		if (!is_digit(first17[i]))
			return ('?');
		sum += (first17[i] - '0') * w[i];
	}
	return ("10X98765432"[sum % 11]);
}

void
id_number_birth(const char *s, char out[11])
{
	out[0] = '\0';
	if (s == NULL || strnlen(s, 14) < 14)
		return;
	snprintf(out, 11, "%.4s-%.2s-%.2s", s + 6, s + 10, s + 12);
}

int
id_number_sex(const char *s)
{
	if (s == NULL || strnlen(s, 17) < 17 || !is_digit(s[16]))
		return (0);
	return ((s[16] - '0') % 2 == 1 ? 1 : 2);
}

static int
id_birth_ok(const char *s, const char *field, struct err *e)
{
	char	birth[11], now[11];

	id_number_birth(s, birth);
	if (strncmp(birth, "1900", 4) < 0) {
		err_setl(e, ERR_INVALID, field,
		    "出生日期码（第 7-14 位）%.8s 早于 1900 年",
		    "the birth date part (characters 7-14), %.8s, is before "
		    "1900", s + 6);
		return (-1);
	}
	if (date_valid(birth) != 0) {
		err_setl(e, ERR_INVALID, field,
		    "出生日期码（第 7-14 位）%.8s 不是有效的日期",
		    "the birth date part (characters 7-14), %.8s, is not a "
		    "real date", s + 6);
		return (-1);
	}
	today_china(now);
	if (strcmp(birth, now) > 0) {
		err_setl(e, ERR_INVALID, field,
		    "出生日期码（第 7-14 位）%s 晚于今天",
		    "the birth date part (characters 7-14), %s, is in the "
		    "future", birth);
		return (-1);
	}
	return (0);
}

/* The part of an ID number that character i (from 0) belongs to. */
static const char *
id_part(size_t i, int en)
{
	if (i < 6)
		return (en ? "region part: " : "地区码：");
	if (i < 14)
		return (en ? "birth date part: " : "出生日期码：");
	if (i < 17)
		return (en ? "sequence part: " : "顺序码：");
	return (en ? "check character: " : "校验码：");
}

int
check_id_number(const char *s, const char *field, struct err *e)
{
	struct chars	c;
	size_t		i;
	char		want, got;

	if (s == NULL)
		s = "";
	chars_split(s, &c);
	if (c.n != ID_LEN) {
		err_setl(e, ERR_INVALID, field,
		    "公民身份号码应为 18 位，实际为 %zu 位",
		    "an ID number has 18 characters, not %zu", c.n);
		return (-1);
	}
	for (i = 0; i < 17; i++) {
		if (c.len[i] != 1 || !is_digit(*c.p[i])) {
			err_setl(e, ERR_INVALID, field,
			    "%s第 %zu 位应为数字，实际为“%.*s”",
			    "%scharacter %zu must be a digit, not '%.*s'",
			    id_part(i, 0), i + 1, c.len[i], c.p[i]);
			/* Each language names the part its own way. */
			snprintf(e->msg_en, sizeof(e->msg_en),
			    "%scharacter %zu must be a digit, not '%.*s'",
			    id_part(i, 1), i + 1, c.len[i], c.p[i]);
			err_bo_label(e, id_part(i, 0));
			return (-1);
		}
	}
	/* 83 is issued to Taiwan residents with a residence permit. */
	if (!province_ok(s) && strncmp(s, "83", 2) != 0) {
		err_setl(e, ERR_INVALID, field,
		    "地区码（第 1-6 位）%.6s 的省级代码 %.2s 不存在",
		    "the region part (characters 1-6), %.6s, starts with %.2s, "
		    "which is not a province code", s, s);
		return (-1);
	}
	if (id_birth_ok(s, field, e) == -1)
		return (-1);
	want = id_number_check_char(s);
	got = s[17];
	if (c.len[17] == 1 && got == 'x' && want == 'X') {
		err_setl(e, ERR_INVALID, field,
		    "校验码（第 18 位）须为大写 X，不能为小写 x",
		    "the check character (character 18) must be an uppercase "
		    "X, not a lowercase x");
		return (-1);
	}
	if (c.len[17] != 1 || got != want) {
		err_setl(e, ERR_INVALID, field,
		    "校验码（第 18 位）应为 %c，实际为 %.*s",
		    "the check character (character 18) should be %c, not "
		    "%.*s", want, c.len[17], c.p[17]);
		return (-1);
	}
	return (0);
}

static int
uscc_value(char ch)
{
	const char	*p;

	if (ch == '\0' || (p = strchr(uscc_charset, ch)) == NULL)
		return (-1);
	return ((int)(p - uscc_charset));
}

char
uscc_check_char(const char *first17)
{
	static const int	 w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29,
	    25, 13, 8, 24, 10, 30, 28 };
	int			 i, v, sum = 0;

	for (i = 0; i < 17; i++) {
		if ((v = uscc_value(first17[i])) == -1)
			return ('?');
		sum += v * w[i];
	}
	v = 31 - sum % 31;
	return (uscc_charset[v == 31 ? 0 : v]);
}

/* Every character must come from the GB 32100 set. */
static int
uscc_chars_ok(const struct chars *c, const char *field, struct err *e)
{
	size_t	i;
	char	ch;

	for (i = 0; i < USCC_LEN; i++) {
		ch = *c->p[i];
		if (c->len[i] == 1 && uscc_value(ch) != -1)
			continue;
		if (c->len[i] == 1 && ch >= 'a' && ch <= 'z')
			err_setl(e, ERR_INVALID, field,
			    "第 %zu 位“%c”须为大写字母",
			    "character %zu, '%c', must be an uppercase letter",
			    i + 1, ch);
		else if (c->len[i] == 1 && ch != '\0' && strchr("IOZSV", ch))
			err_setl(e, ERR_INVALID, field,
			    "第 %zu 位不能为“%c”：代码不使用 I、O、Z、S、V",
			    "character %zu cannot be %c: the letters I, O, Z, "
			    "S and V are never used", i + 1, ch);
		else
			err_setl(e, ERR_INVALID, field,
			    "第 %zu 位“%.*s”不是数字或允许的大写字母",
			    "character %zu, '%.*s', is not a digit or an "
			    "allowed uppercase letter", i + 1, c->len[i],
			    c->p[i]);
		return (-1);
	}
	return (0);
}

int
check_uscc(const char *s, const char *field, struct err *e)
{
	struct chars	c;
	int		i;
	char		want;

	if (s == NULL)
		s = "";
	chars_split(s, &c);
	if (c.n != USCC_LEN) {
		err_setl(e, ERR_INVALID, field,
		    "统一社会信用代码应为 18 位，实际为 %zu 位",
		    "a unified social credit code has 18 characters, not %zu",
		    c.n);
		return (-1);
	}
	if (uscc_chars_ok(&c, field, e) == -1)
		return (-1);
	if (strchr(uscc_authorities, s[0]) == NULL) {
		err_setl(e, ERR_INVALID, field,
		    "第 1 位登记管理部门代码不能为“%c”",
		    "character 1, the registration authority, cannot be %c",
		    s[0]);
		return (-1);
	}
	for (i = 2; i < 8; i++) {
		if (!is_digit(s[i])) {
			err_setl(e, ERR_INVALID, field,
			    "第 %d 位应为数字（第 3-8 位为行政区划码），"
			    "实际为“%c”",
			    "character %d must be a digit (characters 3-8 are "
			    "the region code), not %c", i + 1, s[i]);
			return (-1);
		}
	}
	want = uscc_check_char(s);
	if (s[17] != want) {
		err_setl(e, ERR_INVALID, field,
		    "第 18 位校验位应为 %c，实际为 %c",
		    "the check character (character 18) should be %c, not %c",
		    want, s[17]);
		return (-1);
	}
	return (0);
}

/* True if code[from..to) is all zeros. */
static int
zeros(const char *code, int from, int to)
{
	int	i;

	for (i = from; i < to; i++)
		if (code[i] != '0')
			return (0);
	return (1);
}

int
check_region_code(const char *s, const char *field, struct err *e)
{
	struct chars	c;
	size_t		i;

	if (s == NULL)
		s = "";
	chars_split(s, &c);
	if (c.n != REGION_LEN) {
		err_setl(e, ERR_INVALID, field,
		    "区划代码应为 12 位数字，实际为 %zu 位",
		    "a division code has 12 digits, not %zu characters", c.n);
		return (-1);
	}
	for (i = 0; i < REGION_LEN; i++) {
		if (c.len[i] != 1 || !is_digit(*c.p[i])) {
			err_setl(e, ERR_INVALID, field,
			    "第 %zu 位应为数字，实际为“%.*s”",
			    "character %zu must be a digit, not '%.*s'", i + 1,
			    c.len[i], c.p[i]);
			return (-1);
		}
	}
	if (!province_ok(s)) {
		err_setl(e, ERR_INVALID, field,
		    "第 1-2 位省级代码 %.2s 不存在",
		    "characters 1-2, %.2s, are not a province code", s);
		return (-1);
	}
	if (zeros(s, 2, 4) && !zeros(s, 4, 12)) {
		err_setl(e, ERR_INVALID, field,
		    "第 3-4 位市级代码为 00，其后各位也必须为 0",
		    "characters 3-4 (prefecture) are 00, so characters 5-12 "
		    "must be 0 as well");
		return (-1);
	}
	/*
	 * A county part of 00 under a real prefecture is legal: Dongguan,
	 * Zhongshan, Jiayuguan and Danzhou have towns directly beneath
	 * them (441900003000).  A village under no township is not.
	 */
	if (zeros(s, 6, 9) && !zeros(s, 9, 12)) {
		err_setl(e, ERR_INVALID, field,
		    "第 7-9 位乡级代码为 000，其后各位也必须为 0",
		    "characters 7-9 (township) are 000, so characters 10-12 "
		    "must be 0 as well");
		return (-1);
	}
	return (0);
}

enum region_level
region_level(const char *code)
{
	if (code == NULL || strnlen(code, REGION_LEN) < REGION_LEN)
		return (REGION_VILLAGE);
	if (zeros(code, 2, 12))
		return (REGION_PROV);
	if (zeros(code, 4, 12))
		return (REGION_PREF);
	if (zeros(code, 6, 12))
		return (REGION_COUNTY);
	if (zeros(code, 9, 12))
		return (REGION_TOWN);
	return (REGION_VILLAGE);
}

/* Significant digits of each level. */
static const int level_width[] = {
	[REGION_PROV] = 2,
	[REGION_PREF] = 4,
	[REGION_COUNTY] = 6,
	[REGION_TOWN] = 9,
	[REGION_VILLAGE] = 12,
};

void
region_parent(const char *code, char out[13])
{
	enum region_level	l;

	out[0] = '\0';
	if (code == NULL || strlen(code) != REGION_LEN)
		return;
	if ((l = region_level(code)) == REGION_PROV)
		return;
	memcpy(out, code, REGION_LEN);
	memset(out + level_width[l - 1], '0',
	    (size_t)(REGION_LEN - level_width[l - 1]));
	out[REGION_LEN] = '\0';
}

void
region_prefix(const char *code, char out[13])
{
	out[0] = '\0';
	if (code == NULL || strlen(code) != REGION_LEN)
		return;
	snprintf(out, 13, "%.*s", level_width[region_level(code)], code);
}

const char *
region_level_code(enum region_level l)
{
	if ((int)l < 0 || l > REGION_VILLAGE)
		return ("");
	return (level_codes[l]);
}
