/*
 * demo.c - the demonstration data set: regions, organizations, a roster
 * of fictional children with plausible proportions, and the demo users.
 * Deterministic from a seed (xorshift64*), written through the generic
 * resource API in one transaction so it meets every validation rule.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../core/arena.h"
#include "../core/util.h"
#include "checks.h"
#include "demo.h"
#include "demo_names.h"
#include "resource.h"
#include "workflow.h"
#include "roles.h"

/* Ages are counted at the start of the 2026/27 school year. */
#define AS_OF_Y		2026
#define AS_OF_M		9
#define AS_OF_D		1
#define AGE_MIN		3
#define AGE_MAX		15
#define SEQ_SLOTS	499	/* sequence numbers per birth date and sex */
#define MAX_VILLAGES	32

const struct demo_login demo_logins[] = {
	{ "admin", "系统管理员", ROLE_ADMIN, "", "系统管理员",
	    "Administrator", "全部", "everywhere" },
	{ "worker", "李晓燕", ROLE_WORKER, "630105100", "一线社工",
	    "Social worker", "大堡子镇", "Dabaozi town" },
	{ "supervisor", "马文清", ROLE_SUPERVISOR, "630105", "督导",
	    "Supervisor", "城北区", "Chengbei district" },
	{ "lead", "张海龙", ROLE_LEAD, "630105", "项目主管", "Project lead",
	    "城北区", "Chengbei district" },
	{ "purchaser", "赵立新", ROLE_PURCHASER, "630105", "购买方",
	    "Purchaser officer", "城北区", "Chengbei district" },
	{ "evaluator", "陈静", ROLE_EVALUATOR, "630105", "第三方评估",
	    "Evaluator", "城北区", "Chengbei district" },
	{ "director", "祁秀兰", ROLE_DIRECTOR, "630105100201", "儿童主任",
	    "Village child director", "陶家寨村", "Taojiazhai village" },
	{ "township", "韩永明", ROLE_TOWNSHIP, "630105101", "儿童督导员",
	    "Township child supervisor", "廿里铺镇", "Nianlipu town" },
};
const size_t demo_nlogins = nitems(demo_logins);

/*
 * The first 17 characters of each fictional credit code; the check
 * character is computed.  Characters 9-17 are an organization code
 * whose last character is its own GB 11714 check, worked out beforehand.
 */
#define USCC_PURCHASER	"11630105MB0L61056"	/* 机构编制, 机关 */
#define USCC_PROVIDER	"52630105MJ0H7352X"	/* 民政, 社会服务机构 */
#define USCC_EVALUATOR	"52630100MJ2N4068X"
#define USCC_SCHOOL	"12630105MB1A06374"	/* 机构编制, 事业单位 */

struct rng {
	uint64_t	s;
};

struct demo {
	struct store		*db;
	struct arena		*a;
	struct actor		 actor;
	struct rng		 rng;
	int64_t			 purchaser, provider, evaluator;
	int64_t			 committee;	/* first village's committee */
	int64_t			 project;	/* the purchase project */
	const struct demo_region *villages[MAX_VILLAGES];
	size_t			 nvillages;
	int64_t			 day0;		/* earliest birth date */
	int64_t			 ndays;
	int			*seq;		/* [day * 2 + female] */
};

/* A child as drawn, before it becomes JSON. */
struct child {
	const struct demo_region *village;
	const char	*town;
	char		 name[64];
	char		 name_bo[160];
	int		 male;
	int		 age;
	char		 birth[11];
	const char	*ethnicity;
	char		 id_number[19];
	char		 address[160];
	const char	*hukou;
	const char	*schooling;
	const char	*school;
	int		 grade;		/* 0 = none */
	int		 boarding;
	const char	*health;
	int		 disability;	/* 0 = none */
	const char	*lbt;
	const char	*guardianship;
	const char	*risk;
	const char	*notes;
};

/* splitmix64 spreads any seed, 0 included, over the state. */
static void
rng_seed(struct rng *r, unsigned seed)
{
	uint64_t	z = (uint64_t)seed + 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	r->s = (z ^ (z >> 31)) | 1;
}

static uint64_t
rng_next(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return (r->s * 0x2545f4914f6cdd1dULL);
}

static unsigned
rng_below(struct rng *r, unsigned n)
{
	return ((unsigned)((rng_next(r) >> 32) % n));
}

/* Days since 1970-01-01 (H. Hinnant's civil calendar algorithms). */
static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t		era;
	unsigned	yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + (int64_t)doe - 719468);
}

static void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t		era;
	unsigned	doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)((int64_t)yoe + era * 400 + (*m <= 2));
}

/*
 * Create one row through the declared resource and return its id.  The
 * input is consumed; the row returned is a new reference we release.
 * The arena is reset after each row so a large roster stays small.
 */
static int64_t
demo_create(struct demo *d, const char *name, json_t *in, struct err *e)
{
	const struct resource	*r;
	json_t			*row;
	int64_t			 id = -1;

	if (in == NULL) {
		err_set(e, ERR_INTERNAL, "", "demo: cannot build a %s row",
		    name);
		return (-1);
	}
	if ((r = resource_find(name)) == NULL) {
		err_set(e, ERR_INTERNAL, "", "demo: no resource %s", name);
		json_decref(in);
		return (-1);
	}
	row = resource_create(r, d->db, &d->actor, in, d->a, e);
	json_decref(in);
	if (row != NULL) {
		id = json_integer_value(json_object_get(row, "id"));
		json_decref(row);
		if (id <= 0) {
			err_set(e, ERR_INTERNAL, "", "demo: %s row has no id",
			    name);
			id = -1;
		}
	}
	arena_reset(d->a);
	return (id);
}

static const char *
region_name(const char *code)
{
	size_t	i;

	for (i = 0; i < demo_nregions; i++)
		if (strcmp(demo_regions[i].code, code) == 0)
			return (demo_regions[i].name);
	return ("");
}

static int
demo_regions_create(struct demo *d, struct err *e)
{
	const struct demo_region	*r;
	size_t				 i;

	for (i = 0; i < demo_nregions; i++) {
		r = &demo_regions[i];
		if (demo_create(d, "regions", json_pack("{s:s, s:s}", "code",
		    r->code, "name", r->name), e) == -1)
			return (-1);
		if (region_level(r->code) == REGION_VILLAGE &&
		    d->nvillages < MAX_VILLAGES)
			d->villages[d->nvillages++] = r;
	}
	if (d->nvillages == 0) {
		err_set(e, ERR_INTERNAL, "", "demo: no villages");
		return (-1);
	}
	return (0);
}

/*
 * The project's organizations.  Names, credit codes, phone numbers (no
 * Xining number starts with 0) and addresses are invented.
 */
static const struct demo_org {
	const char	*name;
	const char	*uscc17;	/* NULL: none recorded */
	const char	*type;
	const char	*form;
	const char	*region;
	const char	*rating;
	const char	*phone;
	const char	*address;
} demo_orgs[] = {
	{ "西宁市城北区民政局", USCC_PURCHASER, "PURCHASER", "GOVERNMENT",
	    "630105000000", NULL, "0971-0000101", "西宁市城北区（示例地址）" },
	{ "青海守望社会工作服务中心", USCC_PROVIDER, "PROVIDER",
	    "SOCIAL_SERVICE_ORG", "630105000000", "4A", "0971-0000102",
	    "西宁市城北区大堡子镇（示例地址）" },
	{ "青海明衡社会服务评估中心", USCC_EVALUATOR, "EVALUATOR",
	    "SOCIAL_SERVICE_ORG", "630100000000", "3A", "0971-0000103",
	    "西宁市（示例地址）" },
	{ "大堡子镇中心小学", USCC_SCHOOL, "SCHOOL", "PUBLIC_INSTITUTION",
	    "630105100000", NULL, NULL, NULL },
	{ "廿里铺镇中心小学", NULL, "SCHOOL", "PUBLIC_INSTITUTION",
	    "630105101000", NULL, NULL, NULL },
	{ "城北区育才中学", NULL, "SCHOOL", "PUBLIC_INSTITUTION",
	    "630105000000", NULL, NULL, NULL },
};

static int64_t
org_create(struct demo *d, const struct demo_org *o, struct err *e)
{
	const char	*code = NULL;

	if (o->uscc17 != NULL)
		code = arena_printf(d->a, "%s%c", o->uscc17,
		    uscc_check_char(o->uscc17));
	return (demo_create(d, "organizations", json_pack(
	    "{s:s, s:s*, s:s, s:s, s:s, s:s*, s:s*, s:s*}", "name", o->name,
	    "uscc", code, "org_type", o->type, "org_form", o->form,
	    "region_code", o->region, "rating", o->rating, "phone", o->phone,
	    "address", o->address), e));
}

/* The organizations above, then a committee for every village. */
static int
demo_orgs_create(struct demo *d, struct err *e)
{
	struct demo_org	 vc;
	char		 name[128];
	size_t		 i;
	int64_t		 id;

	for (i = 0; i < nitems(demo_orgs); i++) {
		if ((id = org_create(d, &demo_orgs[i], e)) == -1)
			return (-1);
		if (strcmp(demo_orgs[i].type, "PURCHASER") == 0)
			d->purchaser = id;
		else if (strcmp(demo_orgs[i].type, "PROVIDER") == 0)
			d->provider = id;
		else if (strcmp(demo_orgs[i].type, "EVALUATOR") == 0)
			d->evaluator = id;
	}
	memset(&vc, 0, sizeof(vc));
	vc.name = name;
	vc.type = vc.form = "VILLAGE_COMMITTEE";
	for (i = 0; i < d->nvillages; i++) {
		snprintf(name, sizeof(name), "%s村民委员会",
		    d->villages[i]->name);
		vc.region = d->villages[i]->code;
		if ((id = org_create(d, &vc, e)) == -1)
			return (-1);
		if (i == 0)
			d->committee = id;
	}
	return (0);
}

/* Tibetan names: boys two male-or-either names, girls often X + 卓玛. */
static void
child_name_bo(struct demo *d, struct child *c)
{
	const struct demo_bo_name	*a, *b;

	do {
		a = &demo_bo_names[rng_below(&d->rng, demo_nbo_names)];
	} while (c->male ? a->sex == 'F' : a->sex != 'U');
	do {
		b = &demo_bo_names[rng_below(&d->rng, demo_nbo_names)];
	} while (b == a || (c->male ? b->sex == 'F' : b->sex != 'F'));
	if (!c->male && rng_below(&d->rng, 100) < 15) {
		snprintf(c->name, sizeof(c->name), "%s", b->zh);
		snprintf(c->name_bo, sizeof(c->name_bo), "%s", b->bo);
		return;
	}
	snprintf(c->name, sizeof(c->name), "%s%s", a->zh, b->zh);
	snprintf(c->name_bo, sizeof(c->name_bo), "%s་%s", a->bo, b->bo);
}

static void
child_name(struct demo *d, struct child *c)
{
	const struct demo_surname	*s;
	const char			*given;

	c->name_bo[0] = '\0';
	if (strcmp(c->ethnicity, "04") == 0) {
		child_name_bo(d, c);
		return;
	}
	do {
		s = &demo_surnames[rng_below(&d->rng, demo_nsurnames)];
	} while (strcmp(s->ethnicity, c->ethnicity) != 0);
	given = c->male ?
	    demo_given_m[rng_below(&d->rng, demo_ngiven_m)] :
	    demo_given_f[rng_below(&d->rng, demo_ngiven_f)];
	snprintf(c->name, sizeof(c->name), "%s%s", s->zh, given);
}

/* Ages weighted like the 2018 national figures: most are 6-13. */
static int
draw_age(struct demo *d)
{
	static const int	 w[AGE_MAX + 1] = { [3] = 7, [4] = 7, [5] = 7,
	    [6] = 8, [7] = 8, [8] = 8, [9] = 8, [10] = 8, [11] = 8, [12] = 8,
	    [13] = 8, [14] = 5, [15] = 5 };
	int			 total = 0, age, r;

	for (age = AGE_MIN; age <= AGE_MAX; age++)
		total += w[age];
	r = (int)rng_below(&d->rng, (unsigned)total);
	for (age = AGE_MIN; age < AGE_MAX; age++)
		if ((r -= w[age]) < 0)
			break;
	return (age);
}

/*
 * Birth date giving the age on the as-of date; the household registration
 * (mostly the unified kind for those born after the 2014-2016 reform,
 * and about 1% with none, who then have no number); an ID number
 * with the district prefix, that date, a sequence whose parity is the
 * sex, and the check character.
 */
static int
child_birth(struct demo *d, struct child *c, struct err *e)
{
	int64_t		lo, hi, day;
	int		y, m, dd, *slot, seq;
	unsigned	r;

	c->age = draw_age(d);
	lo = days_from_civil(AS_OF_Y - c->age - 1, AS_OF_M, AS_OF_D) + 1;
	hi = days_from_civil(AS_OF_Y - c->age, AS_OF_M, AS_OF_D);
	day = lo + rng_below(&d->rng, (unsigned)(hi - lo + 1));
	civil_from_days(day, &y, &m, &dd);
	snprintf(c->birth, sizeof(c->birth), "%04u-%02u-%02u",
	    (unsigned)y % 10000, (unsigned)m % 100, (unsigned)dd % 100);
	r = rng_below(&d->rng, 100);
	if (r < 1)
		c->hukou = "NONE";
	else if (y >= 2016)
		c->hukou = r < 90 ? "UNIFIED" : "AGRICULTURAL";
	else
		c->hukou = r < 75 ? "AGRICULTURAL" : "UNIFIED";
	c->id_number[0] = '\0';
	if (strcmp(c->hukou, "NONE") == 0)
		return (0);	/* no household registration, no number */
	slot = &d->seq[(day - d->day0) * 2 + !c->male];
	if (*slot >= SEQ_SLOTS) {
		err_set(e, ERR_INVALID, "nchildren",
		    "demo: too many children born on %s", c->birth);
		return (-1);
	}
	/* Spread the numbers a little so they do not all start at 001. */
	seq = ((int)(day % 211) + (*slot)++) % SEQ_SLOTS;
	seq = c->male ? seq * 2 + 1 : seq * 2 + 2;
	snprintf(c->id_number, sizeof(c->id_number), "630105%.4s%.2s%.2s%03u",
	    c->birth, c->birth + 5, c->birth + 8, (unsigned)seq % 1000);
	c->id_number[17] = id_number_check_char(c->id_number);
	c->id_number[18] = '\0';
	return (0);
}

static void
child_school(struct demo *d, struct child *c)
{
	unsigned	r = rng_below(&d->rng, 100);

	c->grade = 0;
	c->boarding = 0;
	c->school = NULL;
	if (c->age <= 5) {
		c->schooling = r < 12 ? "NOT_ENROLLED" : "PRESCHOOL";
		if (r >= 12)
			c->school = strcmp(c->town, "大堡子镇") == 0 ?
			    "大堡子镇中心幼儿园" : "廿里铺镇中心幼儿园";
		return;
	}
	if (c->age >= 13 && r < 4) {
		c->schooling = "DROPPED_OUT";
		return;
	}
	r = rng_below(&d->rng, 100);
	if (c->age <= 11) {
		c->schooling = "PRIMARY";
		c->grade = c->age - 5;
		c->school = strcmp(c->town, "大堡子镇") == 0 ?
		    "大堡子镇中心小学" : "廿里铺镇中心小学";
		c->boarding = c->grade >= 4 && r < 15;
	} else if (c->age <= 14) {
		c->schooling = "JUNIOR";
		c->grade = c->age - 5;
		c->school = "城北区育才中学";
		c->boarding = r < 60;
	} else {
		c->schooling = "SENIOR";
		c->grade = 10;
		c->school = r < 70 ? "城北区育才中学" :
		    "西宁市职业技术学校（示例）";
		c->boarding = r < 80;
	}
}

/* The risk level rises one step for an out-of-school or disabled child. */
static const char *
risk_raise(const char *risk)
{
	if (strcmp(risk, "LOW") == 0)
		return ("MEDIUM");
	if (strcmp(risk, "MEDIUM") == 0)
		return ("HIGH");
	return (risk);
}

static const char *
risk_from(unsigned r, unsigned low, unsigned medium, unsigned high)
{
	if (r < low)
		return ("LOW");
	if (r < low + medium)
		return ("MEDIUM");
	if (r < low + medium + high)
		return ("HIGH");
	return ("CRITICAL");
}

/*
 * Left-behind type and guardianship: most often both parents away and
 * the child entrusted to grandparents; a few older children live alone.
 * Risk follows from them (weights in percent: low, medium, high, and
 * critical takes the rest).
 */
static void
child_care(struct demo *d, struct child *c)
{
	unsigned	r = rng_below(&d->rng, 100);
	unsigned	g = rng_below(&d->rng, 100);
	unsigned	k = rng_below(&d->rng, 100);

	c->notes = NULL;
	c->risk = risk_from(k, 85, 15, 0);
	if (r < 78) {
		c->lbt = "BOTH_AWAY";
		c->risk = risk_from(k, 70, 25, 5);
		if (g < 84)
			c->guardianship = "ENTRUSTED_GRANDPARENT";
		else if (g < 93 || (g < 97 && c->age < 8))
			c->guardianship = "ENTRUSTED_OTHER";
		else if (g < 97) {
			c->guardianship = "UNSUPERVISED";
			c->risk = k < 50 ? "HIGH" : "CRITICAL";
			c->notes = "父母均在外务工，儿童独自居住，"
			    "需立即落实委托监护（示例数据）";
		} else {
			c->guardianship = g < 99 ? "TEMP_CUSTODY" :
			    "COURT_APPOINTED";
			c->risk = risk_from(k, 0, 40, 60);
		}
	} else if (r < 88) {
		c->lbt = "ONE_AWAY_INCAPABLE";
		c->guardianship = g < 50 ? "ENTRUSTED_GRANDPARENT" :
		    "PARENT_AT_HOME";
		c->risk = risk_from(k, 25, 60, 15);
	} else if (r < 96) {
		c->lbt = "LEGACY_ONE_AWAY";
		c->guardianship = "PARENT_AT_HOME";
	} else {
		c->lbt = "NOT_LEFT_BEHIND";
		c->guardianship = "PARENT_CARE";
	}
	if (strcmp(c->schooling, "DROPPED_OUT") == 0 ||
	    strcmp(c->health, "DISABLED") == 0)
		c->risk = risk_raise(c->risk);
	if (c->notes == NULL && strcmp(c->risk, "HIGH") == 0)
		c->notes = "监护人年迈多病，监护能力不足，"
		    "建议重点走访（示例数据）";
}

/* Village, sex (boys 54%, as in 2018), ethnicity, name, health. */
static void
child_basics(struct demo *d, struct child *c)
{
	char		town[13];
	unsigned	r = rng_below(&d->rng, 100);

	c->village = d->villages[rng_below(&d->rng, (unsigned)d->nvillages)];
	region_parent(c->village->code, town);
	c->town = region_name(town);
	c->male = rng_below(&d->rng, 100) < 54;
	c->ethnicity = r < 30 ? "04" : r < 42 ? "03" : r < 48 ? "30" : "01";
	child_name(d, c);
	r = rng_below(&d->rng, 100);
	c->health = r < 94 ? "HEALTHY" : r < 98 ? "ILL" : "DISABLED";
	c->disability = strcmp(c->health, "DISABLED") == 0 ?
	    2 + (int)rng_below(&d->rng, 3) : 0;
	snprintf(c->address, sizeof(c->address), "西宁市城北区%s%s%u号",
	    c->town, c->village->name, 1 + rng_below(&d->rng, 180));
}

static json_t *
child_json(const struct child *c)
{
	return (json_pack("{s:s, s:s*, s:s, s:s, s:s, s:s*, s:s, s:s, s:s,"
	    " s:s, s:s*, s:o*, s:b, s:s, s:o*, s:s, s:s, s:s, s:s*}",
	    "name", c->name,
	    "name_bo", c->name_bo[0] != '\0' ? c->name_bo : NULL,
	    "sex", c->male ? "M" : "F",
	    "birth_date", c->birth,
	    "ethnicity", c->ethnicity,
	    "id_number", c->id_number[0] != '\0' ? c->id_number : NULL,
	    "village_code", c->village->code,
	    "address", c->address,
	    "hukou_type", c->hukou,
	    "schooling", c->schooling,
	    "school_name", c->school,
	    "grade", c->grade > 0 ? json_integer(c->grade) : NULL,
	    "boarding", c->boarding,
	    "health", c->health,
	    "disability_grade", c->disability > 0 ?
	    json_integer(c->disability) : NULL,
	    "left_behind_type", c->lbt,
	    "guardianship", c->guardianship,
	    "risk_level", c->risk,
	    "notes", c->notes));
}

/*
 * The purchase project every demo child is served by, taken from the
 * needs survey to service through its state machine (DOMAIN.md §11.2),
 * so its history shows each step.
 */
static const struct demo_step {
	const char	*action;
	const char	*fields;	/* JSON, or NULL */
} demo_project_steps[] = {
	{ "design", NULL },
	{ "review", NULL },
	{ "budget", "{\"budget_fen\": 48000000, \"matching_fen\": 2000000}" },
	{ "procure", "{\"procurement_method\": \"CONSULTATION\"}" },
	{ "award", NULL },
	{ "contract", "{\"contract_no\": \"CBMZ-2026-017\", "
	    "\"start_date\": \"2026-03-01\", \"end_date\": \"2027-02-28\"}" },
	{ "start", NULL },
};

static int
demo_project_create(struct demo *d, struct err *e)
{
	const struct resource	*r = resource_find("projects");
	json_t			*fields, *row;
	size_t			 i;

	d->project = demo_create(d, "projects", json_pack("{s:s, s:s, s:I, "
	    "s:I, s:s, s:s}", "name", "城北区农村留守儿童关爱保护社会工作服务项目",
	    "region_code", "630105000000", "purchaser_org_id",
	    (json_int_t)d->purchaser, "provider_org_id",
	    (json_int_t)d->provider, "fund_source", "CENTRAL",
	    "target_population", "城北区农村留守儿童及其照料人"), e);
	if (d->project == -1)
		return (-1);
	for (i = 0; i < nitems(demo_project_steps); i++) {
		fields = demo_project_steps[i].fields == NULL ? NULL :
		    json_loads(demo_project_steps[i].fields, 0, NULL);
		row = resource_transition(r, d->db, &d->actor, d->project,
		    (int64_t)i + 1, demo_project_steps[i].action, NULL, fields,
		    d->a, e);
		json_decref(fields);
		if (row == NULL)
			return (-1);
		json_decref(row);
		arena_reset(d->a);
	}
	return (0);
}

/* The provider's staff, the buyer and the evaluator, in the project. */
static int
demo_members_create(struct demo *d, struct err *e)
{
	static const char *const roles[][2] = {
		{ "worker", "WORKER" }, { "supervisor", "SUPERVISOR" },
		{ "lead", "LEAD" }, { "purchaser", "PURCHASER" },
		{ "evaluator", "EVALUATOR" },
	};
	struct stmt	*st;
	int64_t		 uid;
	size_t		 i;
	int		 rc;

	for (i = 0; i < nitems(roles); i++) {
		if ((st = store_prepare(d->db, "SELECT id FROM users WHERE "
		    "login = ?", e)) == NULL)
			return (-1);
		stmt_bind_text(st, 1, roles[i][0]);
		rc = stmt_step(st, e);
		uid = rc == 1 ? stmt_int64(st, 0) : 0;
		stmt_finalize(st);
		if (rc != 1)
			return (-1);
		if (demo_create(d, "memberships", json_pack("{s:I, s:I, s:s, "
		    "s:s}", "user_id", (json_int_t)uid, "project_id",
		    (json_int_t)d->project, "role", roles[i][1], "since",
		    "2026-03-01"), e) == -1)
			return (-1);
	}
	return (0);
}

static int
demo_children_create(struct demo *d, int n, struct err *e)
{
	struct child	c;
	json_t		*j;
	int		i, rc = 0;

	d->day0 = days_from_civil(AS_OF_Y - AGE_MAX - 1, AS_OF_M, AS_OF_D);
	d->ndays = days_from_civil(AS_OF_Y - AGE_MIN, AS_OF_M, AS_OF_D) -
	    d->day0 + 1;
	d->seq = xcalloc((size_t)d->ndays * 2, sizeof(*d->seq));
	for (i = 0; i < n && rc == 0; i++) {
		memset(&c, 0, sizeof(c));
		child_basics(d, &c);
		if (child_birth(d, &c, e) == -1) {
			rc = -1;
			break;
		}
		child_school(d, &c);
		child_care(d, &c);
		j = child_json(&c);
		json_object_set_new(j, "project_id", json_integer(d->project));
		if (demo_create(d, "children", j, e) == -1)
			rc = -1;
	}
	free(d->seq);
	d->seq = NULL;
	return (rc);
}

static int
demo_users_create(struct demo *d, struct pwcost cost, struct err *e)
{
	const struct demo_login	*l;
	int64_t			 org;
	size_t			 i;

	for (i = 0; i < demo_nlogins; i++) {
		l = &demo_logins[i];
		if (l->roles & ROLE_PROVIDER)
			org = d->provider;
		else if (l->roles & ROLE_PURCHASER)
			org = d->purchaser;
		else if (l->roles & ROLE_EVALUATOR)
			org = d->evaluator;
		else if (l->roles & ROLE_DIRECTOR)
			org = d->committee;
		else
			org = 0;
		if (auth_user_create(d->db, l->login, DEMO_PASSWORD,
		    l->display_name, l->roles, l->scope, org, cost, e) <= 0)
			return (-1);
	}
	return (0);
}

int
demo_seed(struct store *db, unsigned seed, int nchildren, struct pwcost cost,
    struct err *e)
{
	struct demo	d;
	int		rc = -1;

	if (nchildren <= 0)
		nchildren = DEMO_CHILDREN;
	if (nchildren > DEMO_CHILDREN_MAX) {
		err_setl(e, ERR_INVALID, "nchildren",
		    "示例儿童人数最多为 %d",
		    "the demo holds at most %d children",
		    DEMO_CHILDREN_MAX);
		return (-1);
	}
	memset(&d, 0, sizeof(d));
	d.db = db;
	d.a = arena_new();
	d.actor.user_id = 0;
	d.actor.roles = ROLE_ANY;
	d.actor.scope = "";
	d.actor.remote_addr = "local";
	rng_seed(&d.rng, seed);
	if (store_begin(db, e) == -1)
		goto out;
	if (demo_regions_create(&d, e) == -1 ||
	    demo_orgs_create(&d, e) == -1 ||
	    demo_project_create(&d, e) == -1 ||
	    demo_partners_seed(db, &d.actor, d.a, e) == -1 ||
	    demo_children_create(&d, nchildren, e) == -1 ||
	    demo_users_create(&d, cost, e) == -1 ||
	    demo_members_create(&d, e) == -1 ||
	    (nchildren >= DEMO_SERVICES_MIN && demo_services_seed(db, seed,
	    d.project, d.a, e) == -1) ||
	    store_commit(db, e) == -1) {
		store_rollback(db);
		goto out;
	}
	rc = 0;
out:
	arena_free(d.a);
	return (rc);
}
