/*
 * test_registry.c - the child registry (issue 4): the fuller child record
 * and its family (parents, entrusted caregivers, contact logs), the
 * left-behind rule as data, the guardianship state machine and its alert,
 * the ID number's region part, search, duplicate candidates and merges;
 * on SQLite and PostgreSQL.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/conf.h"
#include "domain/checks.h"
#include "domain/retention.h"
#include "t_app.h"

static void
up(void)
{
	t_app_up();
	t_login("worker");
}

TestSuite(registry, .init = up, .fini = t_app_down, .timeout = 60);

/* The formats are the literals below, each with one %lld. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

static struct res *
post(const char *path, const char *fmt, long long id)
{
	char	body[1024];

	snprintf(body, sizeof(body), fmt, id);
	return (t_call("POST", path, body));
}

static struct res *
getf(const char *fmt, long long id)
{
	char	path[256];

	snprintf(path, sizeof(path), fmt, id);
	return (t_call("GET", path, NULL));
}

static void
parent(long long child, const char *body)
{
	struct res	*r;
	char		 b[512];

	snprintf(b, sizeof(b), "{\"child_id\":%lld,%s}", child, body);
	r = t_call("POST", "/api/v1/parents", b);
	cr_assert(r->status == 201, "parent: %d %s", r->status, r->body);
}

static struct res *
step(long long id, const char *body)
{
	struct res	*r;
	char		 path[96], match[32];

	r = getf("/api/v1/children/%lld", id);
	snprintf(match, sizeof(match), "If-Match: %lld", t_int(r, "revision"));
	snprintf(path, sizeof(path), "/api/v1/children/%lld/transitions", id);
	return (t_call_h("POST", path, body, (const char *[]){ match, NULL }));
}

/* An ID number with a right check character: region, birth, seq, sex. */
static const char *
idnum(char out[19], const char *region6, const char *yyyymmdd, int seq)
{
	snprintf(out, 19, "%.6s%.8s%03d", region6, yyyymmdd, seq);
	out[17] = id_number_check_char(out);
	out[18] = '\0';
	return (out);
}

/* ---- 1. the child record and its family ---- */

Test(registry, categories_econ_and_hukou_are_filterable)
{
	struct res	*r;
	long long	 a, b;

	r = t_call("POST", "/api/v1/children", "{\"name\":\"马小花\",\"sex\":"
	    "\"F\",\"birth_date\":\"2015-03-08\",\"village_code\":"
	    "\"630105100201\",\"cat_left_behind\":true,\"cat_difficult\":true,"
	    "\"econ_dibao\":true,\"has_hukou\":true,\"hukou_type\":"
	    "\"AGRICULTURAL\",\"income_source\":\"MIGRANT_WAGES\","
	    "\"schooling\":\"DROPPED_OUT\",\"confirmed_by\":\"马建国\","
	    "\"confirmed_on\":\"2024-05-01\"}");
	cr_assert_eq(r->status, 201, "%s", r->body);
	a = t_int(r, "id");
	cr_assert_str_eq(t_str(r, "guardianship_state"), "PARENT_CARE");
	cr_assert_str_eq(t_str(r, "income_source"), "MIGRANT_WAGES");
	b = t_child("李四", "M", "2014-01-01");
	r = t_call("GET", "/api/v1/children?cat_difficult=true", NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 1);
	cr_assert_eq(t_int(r, "items/0/id"), a);
	r = t_call("GET", "/api/v1/children?econ_dibao=true&schooling="
	    "DROPPED_OUT", NULL);
	cr_assert_eq(t_int(r, "items/0/id"), a);
	r = t_call("GET", "/api/v1/children?has_hukou=true", NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 1);
	(void)b;
}

Test(registry, child_record_rules_refuse_and_write_nothing)
{
	struct res	*r;

	r = t_call("POST", "/api/v1/children", "{\"name\":\"甲\",\"sex\":\"M\","
	    "\"birth_date\":\"2015-03-08\",\"village_code\":\"630105100201\","
	    "\"has_hukou\":true,\"hukou_type\":\"NONE\"}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "has_hukou");
	r = t_call("POST", "/api/v1/children", "{\"name\":\"甲\",\"sex\":\"M\","
	    "\"birth_date\":\"2015-03-08\",\"village_code\":\"630105100201\","
	    "\"confirmed_on\":\"2024-01-01\"}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "confirmed_by");
	r = t_call("POST", "/api/v1/children", "{\"name\":\"甲\",\"sex\":\"M\","
	    "\"birth_date\":\"2015-03-08\",\"village_code\":\"630105100201\","
	    "\"confirmed_by\":\"x\",\"confirmed_on\":\"2999-01-01\"}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "confirmed_on");
	r = t_call("POST", "/api/v1/children", "{\"name\":\"甲\",\"sex\":\"M\","
	    "\"birth_date\":\"2015-03-08\",\"village_code\":\"630105100201\","
	    "\"guardianship_state\":\"ENTRUSTED\"}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "guardianship_state");
	cr_assert_eq(t_sql_int("SELECT count(*) FROM children"), 0);
}

Test(registry, family_records_scoped_through_the_child_and_audited)
{
	struct res	*r;
	long long	 c = t_child("王五", "M", "2013-06-01"), pid;

	r = post("/api/v1/parents", "{\"child_id\":%lld,\"role\":\"FATHER\","
	    "\"migrant\":true,\"work_province\":\"广东\",\"work_city\":\"东莞\","
	    "\"away_since\":\"2020-02-01\",\"phone\":\"13800000000\","
	    "\"capacity\":\"CAPABLE\"}", c);
	cr_assert_eq(r->status, 201, "%s", r->body);
	pid = t_int(r, "id");
	cr_assert_str_eq(t_str(r, "phone"), "13800000000");
	/* The phone is sealed at rest. */
	cr_assert_eq(t_sql_int("SELECT count(*) FROM parents WHERE phone = "
	    "'13800000000'"), 0);
	r = post("/api/v1/caregivers", "{\"child_id\":%lld,\"name\":\"王奶奶\","
	    "\"relation\":\"GRANDPARENT_P\",\"capable\":true}", c);
	cr_assert_eq(r->status, 201, "%s", r->body);
	r = post("/api/v1/contact_logs", "{\"child_id\":%lld,\"contact_on\":"
	    "\"2024-03-01\",\"who\":\"FATHER\",\"how\":\"VIDEO\",\"minutes\":20}",
	    c);
	cr_assert_eq(r->status, 201, "%s", r->body);
	r = post("/api/v1/contact_logs", "{\"child_id\":%lld,\"contact_on\":"
	    "\"2024-03-01\",\"who\":\"FATHER\",\"how\":\"LETTER\"}", c);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "how");
	r = post("/api/v1/contact_logs", "{\"child_id\":%lld,\"contact_on\":"
	    "\"2999-03-01\",\"who\":\"FATHER\",\"how\":\"PHONE\"}", c);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "contact_on");
	/* Reads are audited. */
	r = getf("/api/v1/parents/%lld", pid);
	cr_assert_eq(r->status, 200);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM audit_log WHERE resource "
	    "= 'parents' AND action = 'read'"), 1);
	r = getf("/api/v1/contact_logs?child_id=%lld", c);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 1);
	/* Another county's worker sees none of it. */
	t_login("worker2");
	r = getf("/api/v1/parents/%lld", pid);
	cr_assert_eq(r->status, 404);
	r = t_call("GET", "/api/v1/caregivers", NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 0);
	r = post("/api/v1/parents", "{\"child_id\":%lld,\"role\":\"MOTHER\"}",
	    c);
	cr_assert_eq(r->status, 403);
}

Test(registry, a_parent_who_died_is_not_away)
{
	struct res	*r;
	long long	 c = t_child("赵六", "F", "2013-06-01");

	r = post("/api/v1/parents", "{\"child_id\":%lld,\"role\":\"MOTHER\","
	    "\"alive\":false}", c);
	cr_assert_eq(r->status, 201, "%s", r->body);
	cr_assert_str_eq(t_str(r, "capacity"), "DECEASED");
	r = post("/api/v1/parents", "{\"child_id\":%lld,\"role\":\"MOTHER\","
	    "\"alive\":false,\"migrant\":true}", c);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "migrant");
	r = post("/api/v1/parents", "{\"child_id\":%lld,\"role\":\"MOTHER\","
	    "\"alive\":false,\"capacity\":\"ILLNESS\"}", c);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "capacity");
	r = post("/api/v1/parents", "{\"child_id\":%lld,\"role\":\"FATHER\","
	    "\"capacity\":\"DECEASED\"}", c);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "alive");
}

/* ---- 2. eligibility ---- */

static struct res *
eligibility(long long c)
{
	struct res	*r = getf("/api/v1/children/%lld/eligibility", c);

	cr_assert_eq(r->status, 200, "%s", r->body);
	return (r);
}

static int
is_eligible(const struct res *r)
{
	return (json_is_true(json_object_get(t_json(r), "eligible")));
}

Test(registry, both_parents_away)
{
	long long	 c = t_child("孙七", "M", "2015-01-01");
	struct res	*r;

	parent(c, "\"role\":\"FATHER\",\"migrant\":true");
	parent(c, "\"role\":\"MOTHER\",\"migrant\":true");
	r = eligibility(c);
	cr_assert(is_eligible(r));
	cr_assert_str_eq(t_str(r, "left_behind_type"), "BOTH_AWAY");
	cr_assert_str_eq(t_str(r, "grounds/0/code"), "BOTH_AWAY");
	cr_assert(strstr(t_str(r, "reasons/1/zh"), "父亲外出务工") != NULL,
	    "%s", r->body);
	cr_assert(strstr(t_str(r, "reasons/0/en"), "under 16") != NULL);
}

Test(registry, one_away_other_ill_or_disabled)
{
	long long	 c = t_child("周八", "M", "2015-01-01");
	long long	 d = t_child("吴九", "F", "2015-01-01");
	struct res	*r;

	parent(c, "\"role\":\"FATHER\",\"migrant\":true");
	parent(c, "\"role\":\"MOTHER\",\"migrant\":false,"
	    "\"capacity\":\"ILLNESS\"");
	r = eligibility(c);
	cr_assert(is_eligible(r));
	cr_assert_str_eq(t_str(r, "left_behind_type"), "ONE_AWAY_INCAPABLE");
	cr_assert_str_eq(t_str(r, "grounds/0/code"), "OTHER_ILLNESS");
	parent(d, "\"role\":\"MOTHER\",\"migrant\":true");
	parent(d, "\"role\":\"FATHER\",\"capacity\":\"DISABILITY\"");
	r = eligibility(d);
	cr_assert(is_eligible(r));
	cr_assert_str_eq(t_str(r, "grounds/0/code"), "OTHER_DISABILITY");
}

Test(registry, one_away_other_capable_is_not_left_behind)
{
	long long	 c = t_child("郑十", "M", "2015-01-01");
	struct res	*r;

	parent(c, "\"role\":\"FATHER\",\"migrant\":true");
	parent(c, "\"role\":\"MOTHER\",\"capacity\":\"CAPABLE\"");
	r = eligibility(c);
	cr_assert(!is_eligible(r));
	cr_assert_str_eq(t_str(r, "left_behind_type"), "NOT_LEFT_BEHIND");
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "grounds")), 0);
}

Test(registry, missing_parent_record_is_named)
{
	long long	 c = t_child("钱一", "M", "2015-01-01");
	struct res	*r;

	parent(c, "\"role\":\"FATHER\",\"migrant\":true");
	r = eligibility(c);
	cr_assert(!is_eligible(r));
	cr_assert_str_eq(t_str(r, "reasons/2/zh"), "未登记母亲信息");
	cr_assert_str_eq(t_str(r, "reasons/2/en"), "no record of the mother");
}

Test(registry, local_grounds_are_configuration)
{
	long long	 c = t_child("冯二", "M", "2015-01-01");
	long long	 d = t_child("陈三", "M", "2015-01-01");
	struct res	*r;
	struct err	 e;

	parent(c, "\"role\":\"FATHER\",\"migrant\":true");
	parent(c, "\"role\":\"MOTHER\",\"capacity\":\"PRISON\"");
	parent(d, "\"role\":\"FATHER\",\"migrant\":true");
	parent(d, "\"role\":\"MOTHER\",\"alive\":false");
	/* National rule: 重病/重残 only. */
	r = eligibility(c);
	cr_assert(!is_eligible(r));
	cr_assert(strstr(r->body, "OTHER_PRISON") == NULL, "%s", r->body);
	cr_assert(!is_eligible(eligibility(d)));
	cr_assert_eq(conf_set(&t_app.conf, "left-behind-grounds", "BOTH_AWAY "
	    "OTHER_ILLNESS OTHER_DISABILITY OTHER_PRISON OTHER_DECEASED",
	    SRC_FLAG, &e), 0);
	r = eligibility(c);
	cr_assert(is_eligible(r));
	cr_assert_str_eq(t_str(r, "grounds/0/code"), "OTHER_PRISON");
	r = eligibility(d);
	cr_assert(is_eligible(r));
	cr_assert_str_eq(t_str(r, "grounds/0/code"), "OTHER_DECEASED");
	/* A misspelt ground is a configuration error, not a silent no. */
	conf_set(&t_app.conf, "left-behind-grounds", "BOTH_AWAY PRISONN",
	    SRC_FLAG, &e);
	r = getf("/api/v1/children/%lld/eligibility", c);
	cr_assert_eq(r->status, 500);
}

/* Every ground of the table, each admitted by configuration. */
Test(registry, each_incapacity_ground_when_admitted)
{
	static const struct {
		const char	*mother, *ground;
	} cases[] = {
		{ "\"capacity\":\"ILLNESS\"", "OTHER_ILLNESS" },
		{ "\"capacity\":\"DISABILITY\"", "OTHER_DISABILITY" },
		{ "\"capacity\":\"PRISON\"", "OTHER_PRISON" },
		{ "\"capacity\":\"MISSING\"", "OTHER_MISSING" },
		{ "\"alive\":false", "OTHER_DECEASED" },
		{ "\"capacity\":\"OTHER\"", "OTHER_INCAPABLE" },
	};
	struct res	*r;
	struct err	 e;
	char		 m[128];
	size_t		 i;
	long long	 c;

	conf_set(&t_app.conf, "left-behind-grounds", "BOTH_AWAY "
	    "OTHER_ILLNESS,OTHER_DISABILITY OTHER_PRISON OTHER_MISSING "
	    "OTHER_DECEASED OTHER_INCAPABLE", SRC_FLAG, &e);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		c = t_child("吕四", "M", "2015-01-01");
		parent(c, "\"role\":\"FATHER\",\"migrant\":true");
		snprintf(m, sizeof(m), "\"role\":\"MOTHER\",%s",
		    cases[i].mother);
		parent(c, m);
		r = eligibility(c);
		cr_assert(is_eligible(r), "%s: %s", cases[i].ground, r->body);
		cr_assert_str_eq(t_str(r, "grounds/0/code"), cases[i].ground);
		cr_assert_str_eq(t_str(r, "left_behind_type"),
		    "ONE_AWAY_INCAPABLE");
	}
	/* The later row of a role wins: the mother recovered. */
	parent(c, "\"role\":\"MOTHER\",\"capacity\":\"CAPABLE\"");
	cr_assert(!is_eligible(eligibility(c)));
}

Test(registry, age_is_counted_at_the_cutoff_date)
{
	long long	 c = t_child("褚四", "M", "2000-08-01");
	struct res	*r;
	struct err	 e;

	parent(c, "\"role\":\"FATHER\",\"migrant\":true");
	parent(c, "\"role\":\"MOTHER\",\"migrant\":true");
	/* Today the child is over 16. */
	r = eligibility(c);
	cr_assert(!is_eligible(r));
	cr_assert_str_eq(t_str(r, "left_behind_type"), "NOT_LEFT_BEHIND");
	/* At the 2016 survey's cut-off, 2016-07-31, aged 15. */
	conf_set(&t_app.conf, "left-behind-cutoff", "2016-07-31", SRC_FLAG, &e);
	r = eligibility(c);
	cr_assert(is_eligible(r), "%s", r->body);
	cr_assert_eq(t_int(r, "age_at_cutoff"), 15);
	/* A day later in the year of the birthday: 16, not under 16. */
	conf_set(&t_app.conf, "left-behind-cutoff", "2016-08-01", SRC_FLAG, &e);
	r = eligibility(c);
	cr_assert(!is_eligible(r));
	cr_assert_eq(t_int(r, "age_at_cutoff"), 16);
	/* The age limit is configuration too. */
	conf_set(&t_app.conf, "left-behind-age", "18", SRC_FLAG, &e);
	cr_assert(is_eligible(eligibility(c)));
}

Test(registry, eligibility_is_scoped)
{
	long long	 c = t_child("卫五", "M", "2015-01-01");
	struct res	*r;

	t_login("worker2");
	r = getf("/api/v1/children/%lld/eligibility", c);
	cr_assert_eq(r->status, 404);
	t_login("purchaser");
	r = getf("/api/v1/children/%lld/eligibility", c);
	cr_assert_eq(r->status, 403);
}

/* ---- 3. guardianship ---- */

static long long
caregiver(long long c, const char *extra)
{
	struct res	*r;
	char		 b[512];

	snprintf(b, sizeof(b), "{\"child_id\":%lld,\"name\":\"蒋奶奶\","
	    "\"relation\":\"GRANDPARENT_M\"%s}", c, extra);
	r = t_call("POST", "/api/v1/caregivers", b);
	cr_assert(r->status == 201, "caregiver: %d %s", r->status, r->body);
	return (t_int(r, "id"));
}

#define ALL_DONE ",\"capable\":true,\"agreement_signed_on\":\"2024-01-02\"," \
	"\"school_notice_on\":\"2024-01-03\",\"village_notice_on\":" \
	"\"2024-01-03\""

Test(registry, entrustment_needs_a_qualified_caregiver)
{
	long long	 c = t_child("沈六", "F", "2015-01-01");
	struct res	*r;

	r = step(c, "{\"action\":\"entrust\"}");
	cr_assert_eq(r->status, 409, "%s", r->body);
	cr_assert(strstr(t_str(r, "detail"), "父母监护") != NULL);
	r = step(c, "{\"action\":\"start_entrustment\"}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "guardianship_state"), "ENTRUSTMENT_PENDING");
	r = step(c, "{\"action\":\"entrust\"}");
	cr_assert_eq(r->status, 409);
	cr_assert_str_eq(t_str(r, "field"), "caregivers");
	/* Ticked Art. 22 item: refused, naming it. */
	caregiver(c, ALL_DONE ",\"dq_vice\":true");
	r = step(c, "{\"action\":\"entrust\"}");
	cr_assert_eq(r->status, 409);
	cr_assert_str_eq(t_str(r, "field"), "dq_vice");
	cr_assert(strstr(t_str(r, "detail"), "赌博") != NULL, "%s", r->body);
	/* A qualified caregiver without the village notice: refused. */
	caregiver(c, ",\"capable\":true,\"agreement_signed_on\":\"2024-01-02\","
	    "\"school_notice_on\":\"2024-01-03\"");
	r = step(c, "{\"action\":\"entrust\"}");
	cr_assert_eq(r->status, 409);
	cr_assert_str_eq(t_str(r, "field"), "village_notice_on");
	cr_assert(json_object_get(t_json(r), "guardianship_state") == NULL);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM workflow_log WHERE "
	    "to_state = 'ENTRUSTED'"), 0);
	caregiver(c, ALL_DONE);
	r = step(c, "{\"action\":\"entrust\"}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "guardianship_state"), "ENTRUSTED");
}

Test(registry, unsupervised_raises_a_mandatory_report_alert)
{
	long long	 c = t_child("韩七", "M", "2015-01-01");
	long long	 other = t_child("杨八", "M", "2015-01-01");
	struct res	*r;
	char		 path[64];

	cr_assert_eq(step(c, "{\"action\":\"start_entrustment\"}")->status,
	    200);
	caregiver(c, ALL_DONE);
	cr_assert_eq(step(c, "{\"action\":\"entrust\"}")->status, 200);
	r = step(c, "{\"action\":\"found_unsupervised\"}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "reason");
	cr_assert_eq(t_sql_int("SELECT count(*) FROM alerts"), 0);
	r = step(c, "{\"action\":\"found_unsupervised\",\"reason\":"
	    "\"祖母住院，儿童独居\"}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "guardianship_state"), "UNSUPERVISED");
	cr_assert_eq(t_sql_int("SELECT count(*) FROM alerts WHERE kind = "
	    "'MANDATORY_REPORT_DUE' AND resolved = 0 AND source_resource = "
	    "'children'"), 1);
	r = t_call("GET", "/api/v1/alerts?resolved=false", NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 1);
	cr_assert_eq(t_int(r, "items/0/child_id"), c);
	cr_assert_str_eq(t_str(r, "items/0/kind"), "MANDATORY_REPORT_DUE");
	cr_assert(t_str(r, "items/0/raised_at") != NULL);
	(void)other;
	/* Out of scope: another county sees no alert. */
	t_login("worker2");
	r = t_call("GET", "/api/v1/alerts?resolved=false", NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 0);
	/* Resolving stamps the time; the open list is then empty. */
	t_login("worker");
	snprintf(path, sizeof(path), "/api/v1/alerts/%lld",
	    t_sql_int("SELECT id FROM alerts"));
	r = t_call_h("PATCH", path, "{\"resolved\":true,\"resolution\":"
	    "\"已报告公安\"}", (const char *[]){ "If-Match: 1", NULL });
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert(t_str(r, "resolved_at") != NULL);
	r = t_call("GET", "/api/v1/alerts?resolved=false", NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 0);
}

Test(registry, custody_then_court_or_parents)
{
	long long	 c = t_child("朱九", "M", "2015-01-01");
	struct res	*r;

	r = step(c, "{\"action\":\"found_unsupervised\",\"reason\":\"独居\"}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	r = step(c, "{\"action\":\"return_to_parents\",\"reason\":\"x\"}");
	cr_assert_eq(r->status, 409);
	r = step(c, "{\"action\":\"temp_custody\",\"reason\":\"村委会临时监护\"}");
	cr_assert_str_eq(t_str(r, "guardianship_state"), "TEMP_CUSTODY");
	/* Only a supervisor, lead or township officer records a court order. */
	r = step(c, "{\"action\":\"court_appoint\",\"reason\":\"判决\"}");
	cr_assert_eq(r->status, 403);
	t_login("supervisor");
	r = step(c, "{\"action\":\"court_appoint\",\"reason\":\"法院判决\"}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "guardianship_state"), "COURT_APPOINTED");
	r = getf("/api/v1/children/%lld/transitions", c);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 3);
}

/* ---- 4. the ID number's region part ---- */

static struct res *
child_with_id(const char *id)
{
	char	body[256];

	snprintf(body, sizeof(body), "{\"name\":\"许十\",\"sex\":\"M\","
	    "\"birth_date\":\"2015-03-08\",\"village_code\":\"630105100201\","
	    "\"id_number\":\"%s\"}", id);
	return (t_call("POST", "/api/v1/children", body));
}

Test(registry, id_region_must_be_a_known_county)
{
	char		 id[19];
	struct res	*r;

	/* 630105 城北区 is in the regions table. */
	r = child_with_id(idnum(id, "630105", "20150308", 11));
	cr_assert_eq(r->status, 201, "%s", r->body);
	/* 630199: 西宁's counties are listed, this is not one of them. */
	r = child_with_id(idnum(id, "630199", "20150308", 13));
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "id_number");
	cr_assert(strstr(t_str(r, "detail"), "地区码") != NULL, "%s", r->body);
	/* 639901: Qinghai's prefectures are listed, 6399 is not. */
	r = child_with_id(idnum(id, "639901", "20150308", 15));
	cr_assert_eq(r->status, 400);
	cr_assert(strstr(t_str(r, "detail"), "6399") != NULL, "%s", r->body);
	/* 110105: the table holds nothing of Beijing: the province decides. */
	r = child_with_id(idnum(id, "110105", "20150308", 17));
	cr_assert_eq(r->status, 201, "%s", r->body);
	r = child_with_id(idnum(id, "990105", "20150308", 19));
	cr_assert_eq(r->status, 400);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM children"), 2);
}

Test(registry, id_errors_name_the_part)
{
	char		 id[19];
	struct res	*r;

	idnum(id, "630105", "20150308", 11);
	id[17] = id[17] == '0' ? '1' : '0';
	r = child_with_id(id);
	cr_assert(strstr(t_str(r, "detail"), "校验码") != NULL, "%s", r->body);
	r = t_call_h("POST", "/api/v1/children", "{\"name\":\"许十\",\"sex\":"
	    "\"M\",\"birth_date\":\"2015-03-08\",\"village_code\":"
	    "\"630105100201\",\"id_number\":\"63010520151308011X\"}",
	    (const char *[]){ "Accept-Language: en", NULL });
	cr_assert(strstr(t_str(r, "detail"), "birth date part") != NULL, "%s",
	    r->body);
	r = child_with_id("6301A5201503080111");
	cr_assert(strstr(t_str(r, "detail"), "地区码") != NULL, "%s", r->body);
}

/* ---- 5. finding and de-duplicating ---- */

Test(registry, search_by_name_pinyin_school_village_and_id)
{
	char		 id[19], path[96];
	struct res	*r;
	long long	 a;

	r = t_call("POST", "/api/v1/children", "{\"name\":\"张梦琪\",\"sex\":"
	    "\"F\",\"birth_date\":\"2015-03-08\",\"village_code\":"
	    "\"630105100202\",\"school_name\":\"大堡子镇中心小学\","
	    "\"risk_level\":\"HIGH\"}");
	cr_assert_eq(r->status, 201, "%s", r->body);
	a = t_int(r, "id");
	r = child_with_id(idnum(id, "630105", "20150308", 11));
	cr_assert_eq(r->status, 201, "%s", r->body);
	r = t_call("GET", "/api/v1/children?q=%E6%A2%A6%E7%90%AA", NULL);
	cr_assert_eq(t_int(r, "items/0/id"), a);
	r = t_call("GET", "/api/v1/children?q=zmq", NULL);
	cr_assert_eq(t_int(r, "items/0/id"), a);
	r = t_call("GET", "/api/v1/children?q=zhangmengqi", NULL);
	cr_assert_eq(t_int(r, "items/0/id"), a);
	r = t_call("GET", "/api/v1/children?q=%E4%B8%AD%E5%BF%83%E5%B0%8F",
	    NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 1);
	cr_assert_eq(t_int(r, "items/0/id"), a);
	r = t_call("GET", "/api/v1/children?village_code=630105100202", NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 1);
	r = t_call("GET", "/api/v1/children?risk_level=HIGH", NULL);
	cr_assert_eq(t_int(r, "items/0/id"), a);
	snprintf(path, sizeof(path), "/api/v1/children?id_number=%s", id);
	r = t_call("GET", path, NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 1);
	cr_assert_str_eq(t_str(r, "items/0/id_number"), id);
}

Test(registry, duplicate_candidates_by_pinyin_or_id)
{
	char		 id[19], path[256];
	struct res	*r;
	long long	 a, b;

	r = t_call("POST", "/api/v1/children", "{\"name\":\"张梦琪\",\"sex\":"
	    "\"F\",\"birth_date\":\"2015-03-08\",\"village_code\":"
	    "\"630105100201\"}");
	a = t_int(r, "id");
	cr_assert(json_object_get(t_json(r), "warnings") == NULL, "%s",
	    r->body);
	/* A homophone (章 for 张), same birth date and village: a warning. */
	r = t_call("POST", "/api/v1/children", "{\"name\":\"章梦琪\",\"sex\":"
	    "\"F\",\"birth_date\":\"2015-03-08\",\"village_code\":"
	    "\"630105100201\"}");
	cr_assert_eq(r->status, 201, "%s", r->body);
	b = t_int(r, "id");
	cr_assert_eq(t_int(r, "warnings/0/id"), a);
	cr_assert_str_eq(t_str(r, "warnings/0/match"), "name_birth_village");
	cr_assert_str_eq(t_str(r, "warnings/0/kind"), "possible_duplicate");
	/* Another village: no warning. */
	r = t_call("POST", "/api/v1/children", "{\"name\":\"张梦琪\",\"sex\":"
	    "\"F\",\"birth_date\":\"2015-03-08\",\"village_code\":"
	    "\"630105100202\"}");
	cr_assert(json_object_get(t_json(r), "warnings") == NULL);
	r = t_call("GET", "/api/v1/children/duplicates?name=%E5%BC%A0%E6%A2%A6"
	    "%E7%90%AA&birth_date=2015-03-08&village_code=630105100201", NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 2);
	cr_assert_eq(t_int(r, "items/1/id"), b);
	/* By ID number. */
	t_login("countylead");
	cr_assert_eq(child_with_id(idnum(id, "630105", "20150308", 11))->status,
	    201);
	t_login("worker");
	snprintf(path, sizeof(path), "/api/v1/children/duplicates?id_number="
	    "%s", id);
	r = t_call("GET", path, NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 1);
	cr_assert_str_eq(t_str(r, "items/0/match"), "id_number");
	/* Not enough to go on; a bad date. */
	r = t_call("GET", "/api/v1/children/duplicates?name=x", NULL);
	cr_assert_eq(r->status, 400);
	r = t_call("GET", "/api/v1/children/duplicates?name=x&birth_date=2015-"
	    "02-30&village_code=630105100201", NULL);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "birth_date");
	/* Another county's worker is shown no candidate of ours. */
	t_login("worker2");
	r = t_call("GET", path, NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 0);
}

Test(registry, merge_repoints_every_reference)
{
	struct res	*r;
	long long	 keep, dup;
	char		 path[96], body[64];

	keep = t_child("张梦琪", "F", "2015-03-08");
	dup = t_child("章梦琪", "F", "2015-03-08");
	parent(dup, "\"role\":\"FATHER\",\"migrant\":true");
	caregiver(dup, "");
	r = post("/api/v1/contact_logs", "{\"child_id\":%lld,\"contact_on\":"
	    "\"2024-03-01\",\"who\":\"FATHER\",\"how\":\"PHONE\"}", dup);
	cr_assert_eq(r->status, 201);
	r = post("/api/v1/consents", "{\"child_id\":%lld,\"scope\":\"REGISTRY\","
	    "\"given_by_name\":\"张三\",\"relation\":\"FATHER\",\"given_on\":"
	    "\"2024-01-01\",\"evidence\":\"SIGNED_FORM\"}", dup);
	cr_assert_eq(r->status, 201, "%s", r->body);
	snprintf(path, sizeof(path), "/api/v1/children/%lld/merge", keep);
	snprintf(body, sizeof(body), "{\"duplicate_id\":%lld}", dup);
	/* A worker may not merge. */
	r = t_call("POST", path, body);
	cr_assert_eq(r->status, 403);
	t_login("supervisor");
	r = t_call("POST", path, "{\"duplicate_id\":\"x\"}");
	cr_assert_eq(r->status, 400);
	r = t_call("POST", path, "{\"duplicate_id\":1,\"why\":1}");
	cr_assert_eq(r->status, 400);
	snprintf(body, sizeof(body), "{\"duplicate_id\":%lld}", keep);
	r = t_call("POST", path, body);
	cr_assert_eq(r->status, 400);
	snprintf(body, sizeof(body), "{\"duplicate_id\":%lld}", dup);
	r = t_call("POST", path, body);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_int(r, "kept/id"), keep);
	cr_assert_eq(t_int(r, "repointed/parents"), 1);
	cr_assert_eq(t_int(r, "repointed/caregivers"), 1);
	cr_assert_eq(t_int(r, "repointed/contact_logs"), 1);
	cr_assert_eq(t_int(r, "repointed/consents"), 1);
	snprintf(path, sizeof(path), "SELECT count(*) FROM parents WHERE "
	    "child_id = %lld", keep);
	cr_assert_eq(t_sql_int(path), 1);
	snprintf(path, sizeof(path), "SELECT count(*) FROM consents WHERE "
	    "child_id = %lld", keep);
	cr_assert_eq(t_sql_int(path), 1);
	snprintf(path, sizeof(path), "SELECT merged_into FROM children WHERE "
	    "id = %lld", dup);
	cr_assert_eq(t_sql_int(path), keep);
	/* The duplicate leaves the lists but can still be read. */
	r = t_call("GET", "/api/v1/children", NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 1);
	r = getf("/api/v1/children?merged_into=%lld", keep);
	cr_assert_eq(t_int(r, "items/0/id"), dup);
	r = getf("/api/v1/children/%lld", dup);
	cr_assert_eq(t_int(r, "merged_into"), keep);
	/* Both trails: the merge on each, one entry per re-pointed record. */
	cr_assert_eq(t_sql_int("SELECT count(*) FROM audit_log WHERE action = "
	    "'merge' AND resource = 'children'"), 1);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM audit_log WHERE action = "
	    "'merged' AND resource = 'children'"), 1);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM audit_log WHERE action = "
	    "'merge_repoint'"), 4);
	/* Merging again is a conflict. */
	snprintf(path, sizeof(path), "/api/v1/children/%lld/merge", keep);
	r = t_call("POST", path, body);
	cr_assert_eq(r->status, 409, "%s", r->body);
}

Test(registry, merge_is_scoped)
{
	struct res	*r;
	long long	 keep, far;
	char		 path[96], body[64];

	keep = t_child("甲甲", "F", "2015-03-08");
	t_login("countylead");
	r = t_call("POST", "/api/v1/children", "{\"name\":\"乙乙\",\"sex\":"
	    "\"F\",\"birth_date\":\"2015-03-08\",\"village_code\":"
	    "\"632521100201\"}");
	far = t_int(r, "id");
	t_login("supervisor");
	snprintf(path, sizeof(path), "/api/v1/children/%lld/merge", keep);
	snprintf(body, sizeof(body), "{\"duplicate_id\":%lld}", far);
	r = t_call("POST", path, body);
	cr_assert_eq(r->status, 404);
	cr_assert_str_eq(t_str(r, "field"), "duplicate_id");
	snprintf(path, sizeof(path), "SELECT count(*) FROM children WHERE "
	    "merged_into IS NOT NULL");
	cr_assert_eq(t_sql_int(path), 0);
}

/* ---- needs assessments: who may override the rule ---- */

#define DIMS "\"safety_guardianship\":1,\"physical_health\":0," \
	"\"mental_emotional\":0,\"parent_contact\":0,\"schooling\":0," \
	"\"peers\":0,\"behaviour\":0,\"self_protection\":0," \
	"\"family_finances\":0,\"hukou_schooling_status\":0"

Test(registry, only_a_supervisor_or_lead_overrides_the_risk_level)
{
	struct res	*r;
	long long	 c = t_child("秦一", "F", "2015-01-01"), id;
	char		 path[64];

	r = post("/api/v1/assessments", "{\"child_id\":%lld,\"assessed_on\":"
	    "\"2025-03-01\",\"kind\":\"INITIAL\"," DIMS ",\"risk_override\":"
	    "\"HIGH\",\"override_reason\":\"独居\"}", c);
	cr_assert_eq(r->status, 403, "%s", r->body);
	cr_assert_str_eq(t_str(r, "field"), "risk_override");
	r = post("/api/v1/assessments", "{\"child_id\":%lld,\"assessed_on\":"
	    "\"2025-03-01\",\"kind\":\"INITIAL\"," DIMS "}", c);
	cr_assert_eq(r->status, 201, "%s", r->body);
	id = t_int(r, "id");
	cr_assert(json_is_null(json_object_get(t_json(r), "override_by")));
	snprintf(path, sizeof(path), "/api/v1/assessments/%lld", id);
	r = t_call_h("PATCH", path, "{\"risk_override\":\"HIGH\","
	    "\"override_reason\":\"独居\"}", (const char *[]){ "If-Match: 1",
	    NULL });
	cr_assert_eq(r->status, 403);
	/* The worker may still edit the rest of it. */
	r = t_call_h("PATCH", path, "{\"peers\":1}",
	    (const char *[]){ "If-Match: 1", NULL });
	cr_assert_eq(r->status, 200, "%s", r->body);
	t_login("supervisor");
	r = t_call_h("PATCH", path, "{\"risk_override\":\"HIGH\","
	    "\"override_reason\":\"独居\",\"override_by\":1}",
	    (const char *[]){ "If-Match: 2", NULL });
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "override_by");
	r = t_call_h("PATCH", path, "{\"risk_override\":\"HIGH\","
	    "\"override_reason\":\"独居\"}", (const char *[]){ "If-Match: 2",
	    NULL });
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "risk_level"), "LOW");
	cr_assert_str_eq(t_str(r, "risk_override"), "HIGH");
	cr_assert_eq(t_int(r, "override_by"), t_sql_int("SELECT id FROM users "
	    "WHERE login = 'supervisor'"));
	cr_assert(t_str(r, "override_at") != NULL);
}

/* ---- the family in a guardian's export and the home counts ---- */

Test(registry, export_holds_the_family_and_home_counts_state)
{
	struct res	*r;
	long long	 c = t_child("尤二", "M", "2015-01-01");

	parent(c, "\"role\":\"FATHER\",\"migrant\":true");
	caregiver(c, "");
	r = step(c, "{\"action\":\"found_unsupervised\",\"reason\":\"独居\"}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	t_login("supervisor");
	r = getf("/api/v1/children/%lld/export", c);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert(strstr(r->body, "\"parents\"") != NULL, "%s", r->body);
	cr_assert(strstr(r->body, "\"caregivers\"") != NULL);
	cr_assert(strstr(r->body, "MANDATORY_REPORT_DUE") != NULL);
	r = t_call("GET", "/api/v1/home", NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_int(r, "counts/unsupervised"), 1, "%s", r->body);
}

/* An aged-out child's family goes with the child's name. */
Test(registry, retention_clears_the_family_of_an_aged_out_child)
{
	struct retention_result	 res[8];
	struct store		*db;
	struct err		 e;
	long long		 c = t_child("何三", "M", "2015-01-01");
	char			 q[256];
	int			 rc;

	parent(c, "\"role\":\"FATHER\",\"name\":\"何大\",\"phone\":"
	    "\"13900000000\",\"notes\":\"x\"");
	caregiver(c, ",\"phone\":\"13700000000\"");
	cr_assert_eq(post("/api/v1/contact_logs", "{\"child_id\":%lld,"
	    "\"contact_on\":\"2024-03-01\",\"who\":\"FATHER\",\"how\":"
	    "\"PHONE\",\"notes\":\"想家\"}", c)->status, 201);
	snprintf(q, sizeof(q), "UPDATE children SET birth_date = '2001-07-15', "
	    "updated_at = '2016-01-01T00:00:00.000Z' WHERE id = %lld", c);
	db = store_pool_acquire(t_app.pool);
	cr_assert_eq(store_exec(db, q, &e), 0, "%s", e.msg_en);
	rc = retention_run(db, &t_app.conf, 0, res, &e);
	store_pool_release(t_app.pool, db);
	cr_assert_eq(rc, 0, "%s", e.msg_en);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM parents WHERE name IS "
	    "NULL AND phone IS NULL AND notes IS NULL"), 1);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM caregivers WHERE name = "
	    "'已匿名' AND phone IS NULL"), 1);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM contact_logs WHERE notes "
	    "IS NULL"), 1);
}

/* The kept record gets the ID number only the duplicate had. */
Test(registry, merge_moves_the_id_number_the_kept_record_lacks)
{
	struct res	*r;
	long long	 keep, dup;
	char		 id[19], path[96], body[64];

	keep = t_child("张梦琪", "F", "2015-03-08");
	r = child_with_id(idnum(id, "630105", "20150308", 13));
	cr_assert_eq(r->status, 201, "%s", r->body);
	dup = t_int(r, "id");
	t_login("lead");
	snprintf(path, sizeof(path), "/api/v1/children/%lld/merge", keep);
	snprintf(body, sizeof(body), "{\"duplicate_id\":%lld}", dup);
	r = t_call("POST", path, body);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "moved/0"), "id_number");
	cr_assert_str_eq(t_str(r, "kept/id_number"), id);
	cr_assert_eq(t_int(r, "kept/revision"), 2);
	r = getf("/api/v1/children/%lld", dup);
	cr_assert(json_is_null(json_object_get(t_json(r), "id_number")));
	snprintf(path, sizeof(path), "/api/v1/children?id_number=%s", id);
	r = t_call("GET", path, NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 1);
	cr_assert_eq(t_int(r, "items/0/id"), keep);
}

/* The names of a list page, joined by spaces. */
static const char *
page_names(struct res *r, char *out, size_t outsz)
{
	json_t	*items = json_object_get(t_json(r), "items"), *it;
	size_t	 i, n = 0;

	out[0] = '\0';
	json_array_foreach(items, i, it)
		n += (size_t)snprintf(out + n, outsz - n, "%s%s", i ? " " : "",
		    json_string_value(json_object_get(it, "name")));
	return (out);
}

Test(registry, lists_sort_by_a_field_either_way_and_page_by_offset)
{
	static const char *const ev[] = { "Accept-Language: en", NULL };
	struct res	*r;
	char		 names[256], path[128];

	t_login("worker");
	t_child("张三", "M", "2014-05-01");
	t_child("阿布", "F", "2016-01-02");
	t_child("李四", "M", "2012-09-09");
	t_child("白玛", "F", "2015-07-07");

	/* Birth dates, oldest first, over two pages of two. */
	r = t_call("GET", "/api/v1/children?sort=birth_date&limit=2", NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(page_names(r, names, sizeof(names)), "李四 张三");
	cr_assert_str_eq(t_str(r, "next_cursor"), "2");
	r = t_call("GET", "/api/v1/children?sort=birth_date&limit=2&cursor=2",
	    NULL);
	cr_assert_str_eq(page_names(r, names, sizeof(names)), "白玛 阿布");
	cr_assert(json_is_null(json_object_get(t_json(r), "next_cursor")));

	/* Youngest first. */
	r = t_call("GET", "/api/v1/children?sort=-birth_date", NULL);
	cr_assert_str_eq(page_names(r, names, sizeof(names)),
	    "阿布 白玛 张三 李四");

	/* Chinese names sort by pinyin: a bu, bai ma, li si, zhang san. */
	r = t_call("GET", "/api/v1/children?sort=name", NULL);
	cr_assert_str_eq(page_names(r, names, sizeof(names)),
	    "阿布 白玛 李四 张三");

	/* Sorting combines with a filter. */
	r = t_call("GET", "/api/v1/children?sort=-name&sex=F", NULL);
	cr_assert_str_eq(page_names(r, names, sizeof(names)), "白玛 阿布");

	/* No such field, and a sealed one, are refused by name. */
	r = t_call_h("GET", "/api/v1/children?sort=shoe_size", NULL, ev);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "sort");
	cr_assert(strstr(t_str(r, "detail"), "shoe_size") != NULL);
	r = t_call("GET", "/api/v1/children?sort=id_number", NULL);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "sort");

	/* A de-identified reader may not learn the order of names. */
	t_login("evaluator");
	snprintf(path, sizeof(path), "/api/v1/children?sort=name");
	r = t_call("GET", path, NULL);
	cr_assert_eq(r->status, 400, "%s", r->body);
	r = t_call("GET", "/api/v1/children?sort=-sex", NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "items/0/sex"), "M");
	cr_assert_str_eq(t_str(r, "items/3/sex"), "F");
}

Test(registry, guardianship_recorded_as_unsupervised_raises_the_alert_once)
{
	static const char *const m1[] = { "If-Match: \"1\"", NULL };
	static const char *const m2[] = { "If-Match: \"2\"", NULL };
	const char	*q = "SELECT count(*) FROM alerts WHERE kind = "
	    "'MANDATORY_REPORT_DUE' AND resolved = 0";
	long long	 c = t_child("韩十", "M", "2015-01-01");
	struct res	*r;
	char		 path[64];

	snprintf(path, sizeof(path), "/api/v1/children/%lld", c);
	r = t_call_h("PATCH", path, "{\"guardianship\":\"ENTRUSTED_GRANDPARENT\"}", m1);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_sql_int(q), 0);
	r = t_call_h("PATCH", path, "{\"guardianship\":\"UNSUPERVISED\"}", m2);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_sql_int(q), 1);
	cr_assert_eq(t_sql_int("SELECT child_id FROM alerts"), c);
	/* A later edit of the same child raises nothing more. */
	r = t_call_h("PATCH", path, "{\"school_name\":\"城北小学\"}",
	    (const char *[]){ "If-Match: \"3\"", NULL });
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_sql_int(q), 1);
	/* A child registered so raises it too, in the same transaction. */
	r = t_call("POST", "/api/v1/children", "{\"name\":\"韩十一\",\"sex\":"
	    "\"F\",\"birth_date\":\"2016-01-01\",\"village_code\":"
	    "\"630105100201\",\"guardianship\":\"UNSUPERVISED\"}");
	cr_assert_eq(r->status, 201, "%s", r->body);
	cr_assert_eq(t_sql_int(q), 2);
}

Test(registry, a_caregiver_found_unfit_after_entrustment_asks_for_review)
{
	const char	*q = "SELECT count(*) FROM alerts WHERE kind = "
	    "'ENTRUSTMENT_REVIEW' AND source_resource = 'caregivers'";
	long long	 c = t_child("蒋十二", "F", "2015-01-01");
	long long	 before = t_child("蒋十三", "F", "2015-01-01");
	long long	 g, g2;
	struct res	*r;
	char		 path[64];

	/* Unfit before any entrustment: the entrust step refuses; no alert. */
	g2 = caregiver(before, ALL_DONE);
	snprintf(path, sizeof(path), "/api/v1/caregivers/%lld", g2);
	r = t_call_h("PATCH", path, "{\"dq_vice\":true}",
	    (const char *[]){ "If-Match: \"1\"", NULL });
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_sql_int(q), 0);

	cr_assert_eq(step(c, "{\"action\":\"start_entrustment\"}")->status,
	    200);
	g = caregiver(c, ALL_DONE);
	cr_assert_eq(step(c, "{\"action\":\"entrust\"}")->status, 200);
	snprintf(path, sizeof(path), "/api/v1/caregivers/%lld", g);
	r = t_call_h("PATCH", path, "{\"notes\":\"回访正常\"}",
	    (const char *[]){ "If-Match: \"1\"", NULL });
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_sql_int(q), 0);
	r = t_call_h("PATCH", path, "{\"dq_neglect\":true}",
	    (const char *[]){ "If-Match: \"2\"", NULL });
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_sql_int(q), 1);
	cr_assert_eq(t_sql_int("SELECT child_id FROM alerts WHERE kind = "
	    "'ENTRUSTMENT_REVIEW'"), c);
	/* Still unfit on a later edit: no second alert. */
	r = t_call_h("PATCH", path, "{\"capable\":false}",
	    (const char *[]){ "If-Match: \"3\"", NULL });
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_sql_int(q), 1);
}
