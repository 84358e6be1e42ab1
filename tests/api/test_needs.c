/*
 * test_needs.c - needs assessments (the declared resource, its rules and
 * the risk table, row by row) and the regional needs profile (counts
 * against a hand count, history, scope, small-cell suppression, CSV), on
 * SQLite and on PostgreSQL.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/auth.h"
#include "domain/res_assessments.h"
#include "domain/roles.h"
#include "t_app.h"

static struct arena	*ta;
static const struct actor t_sys = { 0, 0, "", 0, NULL };

/* "countylead" (t_app.c) is a lead with no scope, who sees every child. */
static void
up(void)
{
	t_app_up();
	ta = arena_new();
}

static void
down(void)
{
	arena_free(ta);
	t_app_down();
}

TestSuite(needs, .init = up, .fini = down, .timeout = 120);

/* A record created directly by the system; returns its id. */
static long long
sys_create(const char *resource, json_t *in)
{
	struct store	*s = store_pool_acquire(t_app.pool);
	struct err	 e;
	json_t		*rec;
	long long	 id;

	rec = resource_create(resource_find(resource), s, &t_sys, in, ta, &e);
	store_pool_release(t_app.pool, s);
	cr_assert(rec != NULL, "%s: %s", resource, e.msg_en);
	id = json_integer_value(json_object_get(rec, "id"));
	json_decref(rec);
	json_decref(in);
	return (id);
}

/* A child; lbt, guard, school and risk may be NULL (not recorded). */
static long long
kid(const char *village, const char *sex, const char *lbt,
    const char *guard, const char *school, const char *risk)
{
	json_t	*in;

	in = json_pack("{s:s, s:s, s:s, s:s}", "name", "测试儿童", "sex", sex,
	    "birth_date", "2015-03-01", "village_code", village);
	if (lbt != NULL)
		json_object_set_new(in, "left_behind_type", json_string(lbt));
	if (guard != NULL)
		json_object_set_new(in, "guardianship", json_string(guard));
	if (school != NULL)
		json_object_set_new(in, "schooling", json_string(school));
	if (risk != NULL)
		json_object_set_new(in, "risk_level", json_string(risk));
	return (sys_create("children", in));
}

/*
 * An assessment's body: ratings is ten digits in DOMAIN.md §7's order
 * (safety_guardianship first); extra, a JSON object merged over it.
 */
static json_t *
assess_json(long long child, const char *on, const char *ratings,
    const char *extra)
{
	json_t	*in, *x;
	size_t	 i;

	in = json_pack("{s:I, s:s, s:s}", "child_id", (json_int_t)child,
	    "assessed_on", on, "kind", "INITIAL");
	for (i = 0; i < NEEDS_NDIMS; i++)
		json_object_set_new(in, needs_dimensions[i].code,
		    json_integer(ratings[i] - '0'));
	if (extra != NULL) {
		x = json_loads(extra, 0, NULL);
		cr_assert(x != NULL, "bad extra %s", extra);
		json_object_update(in, x);
		json_decref(x);
	}
	return (in);
}

static long long
sys_assess(long long child, const char *on, const char *ratings,
    const char *extra)
{
	return (sys_create("assessments", assess_json(child, on, ratings,
	    extra)));
}

static struct res *
post(long long child, const char *on, const char *ratings, const char *extra)
{
	json_t	*in = assess_json(child, on, ratings, extra);
	char	*body = json_dumps(in, JSON_COMPACT);

	json_decref(in);
	arena_defer(ta, free, body);
	return (t_call("POST", "/api/v1/assessments", body));
}

static void
refused(long long child, const char *ratings, const char *extra,
    int status, const char *field)
{
	struct res	*r = post(child, "2025-03-01", ratings, extra);

	cr_assert(eq(int, r->status, status), "%s -> %d %s", extra ? extra :
	    ratings, r->status, r->body);
	cr_assert(eq(str, (char *)t_str(r, "field"), (char *)field), "%s",
	    r->body);
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM assessments"), 0));
}

Test(needs, create_refuses_each_rule_by_field)
{
	long long	 c = kid("630105100201", "F", NULL, NULL, NULL, NULL);
	long long	 far = kid("630105101201", "M", NULL, NULL, NULL, NULL);

	t_login("lead");
	refused(c, "0000000000", "{\"peers\":4}", 400, "peers");
	refused(c, "0000000000", "{\"safety_guardianship\":-1}", 400,
	    "safety_guardianship");
	refused(c, "0000000000", "{\"behaviour\":\"2\"}", 400, "behaviour");
	refused(c, "0000000000", "{\"kind\":\"FOLLOW_UP\"}", 400, "kind");
	refused(c, "0000000000", "{\"risk_override\":\"HIGH\"}", 400,
	    "override_reason");
	refused(c, "0000000000", "{\"risk_override\":\"HIGH\","
	    "\"override_reason\":\"\"}", 400, "override_reason");
	refused(c, "0000000000", "{\"risk_override\":\"SEVERE\","
	    "\"override_reason\":\"x\"}", 400, "risk_override");
	refused(c, "0000000000", "{\"next_review_on\":\"2025-02-28\"}", 400,
	    "next_review_on");
	refused(c, "0000000000", "{\"next_review_on\":\"2025-03-01\"}", 400,
	    "next_review_on");
	refused(c, "0000000000", "{\"risk_level\":\"LOW\"}", 400,
	    "risk_level");
	refused(c, "0000000000", "{\"assessed_on\":\"2025-02-30\"}", 400,
	    "assessed_on");
	/* No such child: out of every scope, so refused as one. */
	refused(c, "0000000000", "{\"child_id\":999999}", 403, "child_id");
	t_login("countylead");
	refused(c, "0000000000", "{\"child_id\":999999}", 400, "child_id");
	/* A township worker records for the children of their township. */
	t_login("worker");
	refused(far, "0000000000", NULL, 403, "child_id");
	cr_assert(eq(int, post(c, "2025-03-01", "0000000000",
	    "{\"next_review_on\":\"2025-09-01\"}")->status, 201));
}

Test(needs, create_requires_every_rating)
{
	long long	 c = kid("630105100201", "F", NULL, NULL, NULL, NULL);
	struct res	*r;

	t_login("lead");
	r = t_call("POST", "/api/v1/assessments", arena_printf(ta,
	    "{\"child_id\":%lld,\"assessed_on\":\"2025-03-01\",\"kind\":"
	    "\"INITIAL\"}", c));
	cr_assert(eq(int, r->status, 400), "%s", r->body);
	cr_assert(eq(str, (char *)t_str(r, "field"), "safety_guardianship"));
}

/* The level the rule table gives, through the API. */
static const char *
risk_of(const char *ratings)
{
	static long long	 c;
	struct res		*r;

	if (c == 0)
		c = kid("630105100201", "F", NULL, NULL, NULL, NULL);
	r = post(c, "2025-03-01", ratings, NULL);
	cr_assert(eq(int, r->status, 201), "%s: %s", ratings, r->body);
	return (arena_strdup(ta, t_str(r, "risk_level")));
}

Test(needs, risk_row1_safety_severe_is_critical)
{
	t_login("lead");
	cr_assert(eq(str, (char *)risk_of("3000000000"), "CRITICAL"));
	cr_assert(eq(str, (char *)risk_of("3333333333"), "CRITICAL"));
}

Test(needs, risk_row2_any_severe_is_high)
{
	t_login("lead");
	cr_assert(eq(str, (char *)risk_of("0000030000"), "HIGH"));
	cr_assert(eq(str, (char *)risk_of("2000000003"), "HIGH"));
}

Test(needs, risk_row3_sum_of_twelve_is_high)
{
	t_login("lead");
	cr_assert(eq(str, (char *)risk_of("0222222000"), "HIGH"));
	cr_assert(eq(str, (char *)risk_of("2222211000"), "HIGH"));
	/* 11 is below the line: any 2 makes it MEDIUM (row 4). */
	cr_assert(eq(str, (char *)risk_of("2222210000"), "MEDIUM"));
}

Test(needs, risk_row4_any_moderate_is_medium)
{
	t_login("lead");
	cr_assert(eq(str, (char *)risk_of("0000000002"), "MEDIUM"));
	cr_assert(eq(str, (char *)risk_of("2111111111"), "MEDIUM"));
}

Test(needs, risk_row5_otherwise_low)
{
	t_login("lead");
	cr_assert(eq(str, (char *)risk_of("0000000000"), "LOW"));
	cr_assert(eq(str, (char *)risk_of("1111111111"), "LOW"));
}

Test(needs, update_recomputes_risk_and_keeps_history)
{
	long long	 c = kid("630105100201", "F", NULL, NULL, NULL, NULL);
	struct res	*r;
	char		 path[64];
	long long	 id;

	t_login("lead");
	r = post(c, "2025-03-01", "0100000000", NULL);
	cr_assert(eq(int, r->status, 201), "%s", r->body);
	id = t_int(r, "id");
	cr_assert(eq(str, (char *)t_str(r, "risk_level"), "LOW"));
	cr_assert(eq(int, post(c, "2025-06-01", "0000000000",
	    "{\"kind\":\"REASSESSMENT\"}")->status, 201));
	snprintf(path, sizeof(path), "/api/v1/assessments/%lld", id);
	r = t_call("PATCH", path, "{\"safety_guardianship\":3}");
	cr_assert(eq(int, r->status, 428), "%s", r->body);
	r = t_call_h("PATCH", path, "{\"safety_guardianship\":3}",
	    (const char *[]){ "If-Match: 1", NULL });
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(str, (char *)t_str(r, "risk_level"), "CRITICAL"));
	cr_assert(eq(i64, t_int(r, "revision"), 2));
	r = t_call_h("PATCH", path, "{\"risk_override\":\"MEDIUM\"}",
	    (const char *[]){ "If-Match: 2", NULL });
	cr_assert(eq(int, r->status, 400), "%s", r->body);
	cr_assert(eq(str, (char *)t_str(r, "field"), "override_reason"));
	r = t_call_h("PATCH", path, arena_printf(ta, "{\"child_id\":%lld}",
	    kid("630105100201", "M", NULL, NULL, NULL, NULL)),
	    (const char *[]){ "If-Match: 2", NULL });
	cr_assert(eq(int, r->status, 400), "%s", r->body);
	cr_assert(eq(str, (char *)t_str(r, "field"), "child_id"));
	cr_assert(eq(i64, t_sql_int(arena_printf(ta, "SELECT COUNT(*) FROM "
	    "assessments WHERE child_id = %lld", c)), 2));
	r = t_call("GET", arena_printf(ta, "/api/v1/assessments?child_id=%lld",
	    c), NULL);
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(sz, json_array_size(json_object_get(t_json(r), "items")),
	    2));
}

/*
 * The fixture: twelve children in 城北区 (630105), two in 共和县 outside
 * it.  Hand count on 2025-06-30:
 *   sex                F 6, M 6
 *   left_behind_type   BOTH_AWAY 9, ONE_AWAY_INCAPABLE 3
 *   guardianship       ENTRUSTED_GRANDPARENT 8, UNSUPERVISED 2, none 2
 *   schooling          PRIMARY 7, JUNIOR 5
 *   risk (effective)   CRITICAL 1 (k0), HIGH 4 (k1 rule, k3 override,
 *                      k4 sum 12, k11 child), MEDIUM 3 (k2, k5, k8
 *                      child), LOW 2 (k6, k7 child), none 2 (k9, k10)
 *   needs (rated 2-3)  safety 1, physical 1, mental 3, parent 1,
 *                      schooling 2, peers 2, behaviour 1, others 0
 *   towns              大堡子镇 (630105100) 10, 廿里铺镇 (630105101) 2
 */
static void
fixture(void)
{
	static const struct {
		const char *v, *sex, *lbt, *guard, *school, *risk;
	} k[12] = {
		{ "630105100201", "F", "BOTH_AWAY", "ENTRUSTED_GRANDPARENT",
		    "PRIMARY", "MEDIUM" },
		{ "630105100201", "F", "BOTH_AWAY", "ENTRUSTED_GRANDPARENT",
		    "PRIMARY", NULL },
		{ "630105100201", "F", "BOTH_AWAY", "ENTRUSTED_GRANDPARENT",
		    "PRIMARY", NULL },
		{ "630105100201", "F", "ONE_AWAY_INCAPABLE", "UNSUPERVISED",
		    "JUNIOR", NULL },
		{ "630105100201", "F", "ONE_AWAY_INCAPABLE", "UNSUPERVISED",
		    "JUNIOR", "LOW" },
		{ "630105100201", "F", "ONE_AWAY_INCAPABLE", NULL, "JUNIOR",
		    NULL },
		{ "630105100202", "M", "BOTH_AWAY", NULL, "JUNIOR", "LOW" },
		{ "630105100202", "M", "BOTH_AWAY", "ENTRUSTED_GRANDPARENT",
		    "JUNIOR", "LOW" },
		{ "630105100202", "M", "BOTH_AWAY", "ENTRUSTED_GRANDPARENT",
		    "PRIMARY", "MEDIUM" },
		{ "630105100202", "M", "BOTH_AWAY", "ENTRUSTED_GRANDPARENT",
		    "PRIMARY", NULL },
		{ "630105101201", "M", "BOTH_AWAY", "ENTRUSTED_GRANDPARENT",
		    "PRIMARY", NULL },
		{ "630105101201", "M", "BOTH_AWAY", "ENTRUSTED_GRANDPARENT",
		    "PRIMARY", "HIGH" },
	};
	long long	 id[12], out;
	size_t		 i;

	for (i = 0; i < 12; i++)
		id[i] = kid(k[i].v, k[i].sex, k[i].lbt, k[i].guard,
		    k[i].school, k[i].risk);
	/* k0: LOW, then CRITICAL; a later LOW comes after 2025-06-30. */
	sys_assess(id[0], "2025-01-10", "0000000000", NULL);
	sys_assess(id[0], "2025-05-01", "3000000000", NULL);
	sys_assess(id[0], "2025-09-01", "0000000000", NULL);
	sys_assess(id[1], "2025-03-01", "0030000000", NULL);
	sys_assess(id[2], "2025-03-01", "0020200000", NULL);
	sys_assess(id[3], "2025-03-01", "1111111111", "{\"risk_override\":"
	    "\"HIGH\",\"override_reason\":\"祖母住院，无人照料\"}");
	sys_assess(id[4], "2025-04-01", "0222222000", NULL);
	sys_assess(id[5], "2025-04-01", "0000020000", NULL);
	/* Outside 城北区: never counted there. */
	for (i = 0; i < 2; i++) {
		out = kid("632521100201", "F", "BOTH_AWAY", "UNSUPERVISED",
		    "PRIMARY", NULL);
		sys_assess(out, "2025-03-01", "3333333333", NULL);
	}
}

/* Functions, not jansson's macros: Criterion pastes the first token. */
static int
is_int(const json_t *j)
{
	return (json_is_integer(j));
}

static int
is_num(const json_t *j)
{
	return (json_is_number(j));
}

static int
is_null(const json_t *j)
{
	return (json_is_null(j));
}

static int
is_true(const json_t *j)
{
	return (json_is_true(j));
}

static int
is_false(const json_t *j)
{
	return (json_is_false(j));
}

static struct res *
profile(const char *code, const char *query)
{
	return (t_call("GET", arena_printf(ta, "/api/v1/regions/%s/profile%s",
	    code, query), NULL));
}

static json_t *
cell(struct res *r, const char *group, const char *value)
{
	json_t	*j = json_object_get(json_object_get(json_object_get(
	    json_object_get(t_json(r), "groups"), group), "values"), value);

	cr_assert(j != NULL, "no cell %s/%s in %s", group, value, r->body);
	return (j);
}

static long long
n(struct res *r, const char *group, const char *value)
{
	json_t	*c = json_object_get(cell(r, group, value), "count");

	cr_assert(is_int(c), "%s/%s is not a count in %s", group,
	    value, r->body);
	return (json_integer_value(c));
}

static double
share(struct res *r, const char *group, const char *value)
{
	json_t	*s = json_object_get(cell(r, group, value), "share");

	cr_assert(is_num(s), "%s/%s has no share", group, value);
	return (json_number_value(s));
}

Test(needs, profile_counts_match_the_hand_count)
{
	static const struct {
		const char	*g, *v;
		long long	 n;
	} want[] = {
		{ "sex", "F", 6 }, { "sex", "M", 6 },
		{ "sex", "UNRECORDED", 0 },
		{ "left_behind_type", "BOTH_AWAY", 9 },
		{ "left_behind_type", "ONE_AWAY_INCAPABLE", 3 },
		{ "left_behind_type", "LEGACY_ONE_AWAY", 0 },
		{ "guardianship", "ENTRUSTED_GRANDPARENT", 8 },
		{ "guardianship", "UNSUPERVISED", 2 },
		{ "guardianship", "UNRECORDED", 2 },
		{ "schooling", "PRIMARY", 7 }, { "schooling", "JUNIOR", 5 },
		{ "schooling", "SENIOR", 0 },
		{ "risk_level", "CRITICAL", 1 }, { "risk_level", "HIGH", 4 },
		{ "risk_level", "MEDIUM", 3 }, { "risk_level", "LOW", 2 },
		{ "risk_level", "UNRECORDED", 2 },
		{ "needs", "safety_guardianship", 1 },
		{ "needs", "physical_health", 1 },
		{ "needs", "mental_emotional", 3 },
		{ "needs", "parent_contact", 1 },
		{ "needs", "schooling", 2 }, { "needs", "peers", 2 },
		{ "needs", "behaviour", 1 }, { "needs", "self_protection", 0 },
		{ "needs", "family_finances", 0 },
		{ "needs", "hukou_schooling_status", 0 },
	};
	struct res	*r;
	size_t		 i;

	fixture();
	t_login("lead");
	r = profile("630105000000", "?on=2025-06-30");
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(i64, t_int(r, "total/count"), 12));
	cr_assert(eq(str, (char *)t_str(r, "region_name"), "城北区"));
	cr_assert(eq(str, (char *)t_str(r, "on"), "2025-06-30"));
	cr_assert(eq(i64, t_int(r, "suppressed_below"), 0));
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		cr_assert(eq(i64, n(r, want[i].g, want[i].v), want[i].n),
		    "%s/%s", want[i].g, want[i].v);
	cr_assert(eq(dbl, share(r, "left_behind_type", "BOTH_AWAY"), 0.75));
	cr_assert(eq(dbl, share(r, "needs", "mental_emotional"), 0.25));
	cr_assert(eq(dbl, share(r, "risk_level", "HIGH"), 0.3333));
	cr_assert(eq(str, (char *)t_str(r,
	    "groups/needs/values/peers/zh"), "同伴人际"));
	/* A township: 廿里铺镇 holds two of them. */
	r = profile("630105101000", "?on=2025-06-30");
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(i64, t_int(r, "total/count"), 2));
	cr_assert(eq(i64, n(r, "risk_level", "HIGH"), 1));
	cr_assert(eq(i64, n(r, "risk_level", "UNRECORDED"), 1));
}

Test(needs, profile_uses_the_latest_assessment_on_or_before_the_date)
{
	struct res	*r;

	fixture();
	t_login("lead");
	/* Before any assessment: the children's own risk levels. */
	r = profile("630105000000", "?on=2024-12-31");
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(i64, n(r, "risk_level", "CRITICAL"), 0));
	cr_assert(eq(i64, n(r, "risk_level", "MEDIUM"), 2));
	cr_assert(eq(i64, n(r, "risk_level", "LOW"), 3));
	cr_assert(eq(i64, n(r, "risk_level", "HIGH"), 1));
	cr_assert(eq(i64, n(r, "needs", "mental_emotional"), 0));
	/* k0's first assessment only (LOW), nobody else's yet. */
	r = profile("630105000000", "?on=2025-01-10");
	cr_assert(eq(i64, n(r, "risk_level", "MEDIUM"), 1));
	cr_assert(eq(i64, n(r, "risk_level", "LOW"), 4));
	/* The day of k0's second: CRITICAL. */
	r = profile("630105000000", "?on=2025-05-01");
	cr_assert(eq(i64, n(r, "risk_level", "CRITICAL"), 1));
	cr_assert(eq(i64, n(r, "needs", "safety_guardianship"), 1));
	/* After k0's third: LOW again, no safety need. */
	r = profile("630105000000", "?on=2025-10-01");
	cr_assert(eq(i64, n(r, "risk_level", "CRITICAL"), 0));
	cr_assert(eq(i64, n(r, "risk_level", "LOW"), 3));
	cr_assert(eq(i64, n(r, "needs", "safety_guardianship"), 0));
	cr_assert(eq(i64, n(r, "needs", "mental_emotional"), 3));
}

Test(needs, profile_suppresses_small_cells_for_the_purchaser)
{
	struct res	*r;
	json_t		*c;

	fixture();
	t_login("purchaser");
	r = profile("630105000000", "?on=2025-06-30");
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(i64, t_int(r, "suppressed_below"), 5));
	cr_assert(eq(i64, t_int(r, "total/count"), 12));
	/* A cell of 3 is withheld, its share too. */
	c = cell(r, "left_behind_type", "ONE_AWAY_INCAPABLE");
	cr_assert(is_null(json_object_get(c, "count")), "%s", r->body);
	cr_assert(is_null(json_object_get(c, "share")));
	cr_assert(is_true(json_object_get(c, "suppressed")));
	c = cell(r, "risk_level", "HIGH");
	cr_assert(is_null(json_object_get(c, "count")));
	c = cell(r, "needs", "safety_guardianship");
	cr_assert(is_null(json_object_get(c, "count")));
	/* A cell of 6 is shown; zero is shown. */
	cr_assert(eq(i64, n(r, "sex", "F"), 6));
	cr_assert(eq(dbl, share(r, "sex", "F"), 0.5));
	cr_assert(is_false(json_object_get(cell(r, "sex", "F"),
	    "suppressed")));
	cr_assert(eq(i64, n(r, "needs", "family_finances"), 0));
	/*
	 * Secondary: BOTH_AWAY (9) would give ONE_AWAY_INCAPABLE away as
	 * 12 - 9, so it is withheld too; a group never has one hidden cell.
	 */
	c = cell(r, "left_behind_type", "BOTH_AWAY");
	cr_assert(is_null(json_object_get(c, "count")), "%s", r->body);
	cr_assert(is_true(json_object_get(c, "suppressed")));
	{
		static const char *const groups[] = { "sex", "left_behind_type",
		    "guardianship", "schooling", "risk_level" };
		json_t		*all = json_object_get(t_json(r), "groups");
		json_t		*vals, *v;
		const char	*k;
		size_t		 i;
		int		 hidden;

		for (i = 0; i < 5; i++) {
			hidden = 0;
			/* foreach evaluates its object often: name it once. */
			vals = json_object_get(json_object_get(all, groups[i]),
			    "values");
			json_object_foreach(vals, k, v)
				hidden += json_is_true(json_object_get(v,
				    "suppressed"));
			cr_assert(hidden != 1, "%s has one hidden cell",
			    groups[i]);
		}
	}
	/* A township of two: even the total is withheld. */
	r = profile("630105101000", "?on=2025-06-30");
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(is_null(json_object_get(json_object_get(t_json(r),
	    "total"), "count")), "%s", r->body);
	/* The evaluator sees the same. */
	t_login("evaluator");
	r = profile("630105000000", "?on=2025-06-30");
	cr_assert(is_null(json_object_get(cell(r, "left_behind_type",
	    "ONE_AWAY_INCAPABLE"), "count")));
	cr_assert(eq(i64, n(r, "sex", "M"), 6));
}

/* The line of the CSV body that starts with prefix, or NULL. */
static const char *
csv_line(const struct res *r, const char *prefix)
{
	const char	*p = r->body;
	size_t		 len = strlen(prefix);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, prefix, len) == 0)
			return (arena_strndup(ta, p, strcspn(p, "\r")));
		if ((p = strstr(p, "\r\n")) != NULL)
			p += 2;
	}
	return (NULL);
}

Test(needs, profile_csv_has_a_bom_and_suppresses_alike)
{
	struct res	*r;
	const char	*p;
	int		 lines = 0;

	fixture();
	t_login("purchaser");
	r = profile("630105000000", "?on=2025-06-30&format=csv");
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(str, (char *)r->content_type,
	    "text/csv; charset=utf-8"));
	cr_assert(strstr(t_header(r, "Content-Disposition"),
	    "profile-630105000000-2025-06-30.csv") != NULL);
	cr_assert(eq(int, memcmp(r->body, "\xEF\xBB\xBF"
	    "group,value,label_zh,label_en,count,share\r\n", 45), 0),
	    "%s", r->body);
	for (p = r->body; (p = strstr(p, "\r\n")) != NULL; p += 2)
		lines++;
	/* header, total, 3 + 5 + 8 + 7 + 5 + 10 cells */
	cr_assert(eq(int, lines, 40));
	cr_assert(eq(int, (int)r->body_len, (int)strlen(r->body)));
	cr_assert(eq(str, (char *)csv_line(r, "total,"),
	    "total,,儿童总数,Children,12,1.0000"));
	cr_assert(eq(str, (char *)csv_line(r, "sex,F,"),
	    "sex,F,女,Female,6,0.5000"));
	cr_assert(eq(str, (char *)csv_line(r, "left_behind_type,"
	    "ONE_AWAY_INCAPABLE,"), "left_behind_type,ONE_AWAY_INCAPABLE,"
	    "一方外出另一方无监护能力,\"One parent away, the other without "
	    "guardianship capacity\",,"));
	cr_assert(eq(str, (char *)csv_line(r, "needs,mental_emotional,"),
	    "needs,mental_emotional,心理情绪,Mental and emotional,,"));
	cr_assert(eq(str, (char *)csv_line(r, "needs,family_finances,"),
	    "needs,family_finances,家庭经济/救助,"
	    "Family finances and assistance,0,0.0000"));
	/* The lead sees the small cells. */
	t_login("lead");
	r = profile("630105000000", "?on=2025-06-30&format=csv");
	cr_assert(eq(str, (char *)csv_line(r, "needs,mental_emotional,"),
	    "needs,mental_emotional,心理情绪,Mental and emotional,3,0.2500"));
}

Test(needs, profile_refuses_outside_scope_and_bad_input)
{
	struct res	*r;

	fixture();
	t_login("purchaser");
	/* Another county, a province around the scope, no such village. */
	r = profile("632521000000", "");
	cr_assert(eq(int, r->status, 404), "%s", r->body);
	cr_assert(eq(str, (char *)t_str(r, "field"), "code"));
	cr_assert(eq(int, profile("630000000000", "")->status, 404));
	cr_assert(eq(int, profile("630105100299", "")->status, 404));
	r = profile("6301051", "");
	cr_assert(eq(int, r->status, 400), "%s", r->body);
	cr_assert(eq(str, (char *)t_str(r, "field"), "code"));
	r = profile("630105000000", "?on=2025-13-01");
	cr_assert(eq(int, r->status, 400), "%s", r->body);
	cr_assert(eq(str, (char *)t_str(r, "field"), "on"));
	r = profile("630105000000", "?format=pdf");
	cr_assert(eq(int, r->status, 400), "%s", r->body);
	cr_assert(eq(str, (char *)t_str(r, "field"), "format"));
	cr_assert(eq(int, profile("630105000000", "?bogus=1")->status, 400));
	/* Without ?on=: today, after every fixture date. */
	r = profile("630105000000", "");
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(i64, t_int(r, "total/count"), 12));
	/* The other county's worker sees its own two, not 城北区. */
	t_login("worker2");
	cr_assert(eq(int, profile("630105000000", "")->status, 404));
	r = profile("632521000000", "?on=2025-06-30");
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(i64, t_int(r, "total/count"), 2));
	cr_assert(eq(i64, n(r, "risk_level", "CRITICAL"), 2));
	/* A township worker: their township, not the county. */
	t_login("worker");
	cr_assert(eq(int, profile("630105000000", "")->status, 404));
	cr_assert(eq(int, profile("630105100000", "")->status, 200));
	/* Finance has no business here. */
	t_login("finance");
	cr_assert(eq(int, profile("630105000000", "")->status, 403));
}
