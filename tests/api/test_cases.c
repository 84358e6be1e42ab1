/*
 * test_cases.c - casework after MZ/T 094-2017 (DOMAIN.md §11.1): a case
 * from IDENTIFIED to CLOSED with the worker's steps and the supervisor's
 * approvals; each refusal (wrong stage, wrong role, no plan, a goal
 * citing an unassessed need, unrated goals, closure reasons and
 * summaries, reasons); suspend and resume returning to the stage left;
 * reopen; goal ratings kept as steps; notes sealed and audited; scope
 * through the child; the caseload and the home counts.  On SQLite and on
 * PostgreSQL.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "domain/retention.h"
#include "t_app.h"

static struct arena	*ta;

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

TestSuite(cases, .init = up, .fini = down, .timeout = 60);

static long long
uid(const char *login)
{
	char	sql[128];

	snprintf(sql, sizeof(sql), "SELECT id FROM users WHERE login = '%s'",
	    login);
	return (t_sql_int(sql));
}

/* A child whose guardian consented to casework. */
static long long
child(void)
{
	long long	c;

	t_login("worker");
	c = t_child("王小梅", "F", "2015-06-01");
	t_consent(c, "CASE_SERVICE");
	return (c);
}

/* An assessment of the child by the worker; ratings: ten digits. */
static void
assess(long long c, const char *on, const char *ratings)
{
	static const char *const dims[] = { "safety_guardianship",
	    "physical_health", "mental_emotional", "parent_contact",
	    "schooling", "peers", "behaviour", "self_protection",
	    "family_finances", "hukou_schooling_status" };
	char		 body[1024];
	size_t		 i, n;
	struct res	*r;

	n = (size_t)snprintf(body, sizeof(body), "{\"child_id\":%lld,"
	    "\"assessed_on\":\"%s\",\"kind\":\"INITIAL\"", c, on);
	for (i = 0; i < 10; i++)
		n += (size_t)snprintf(body + n, sizeof(body) - n,
		    ",\"%s\":%c", dims[i], ratings[i]);
	snprintf(body + n, sizeof(body) - n, "}");
	t_login("worker");
	r = t_call("POST", "/api/v1/assessments", body);
	cr_assert_eq(r->status, 201, "assess: %d %s", r->status, r->body);
}

/* A case opened by the worker, with the fixture supervisor. */
static long long
open_case(long long c)
{
	char		 body[256];
	struct res	*r;

	t_login("worker");
	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"opened_on\":"
	    "\"2025-03-01\",\"source\":\"DIRECTOR\",\"supervisor_user_id\":"
	    "%lld,\"referral_reason\":\"祖母反映孩子沉默寡言\"}", c,
	    uid("supervisor"));
	r = t_call("POST", "/api/v1/cases", body);
	cr_assert_eq(r->status, 201, "case: %d %s", r->status, r->body);
	cr_assert_str_eq(t_str(r, "stage"), "IDENTIFIED");
	cr_assert_eq(t_int(r, "worker_user_id"), uid("worker"));
	return (t_int(r, "id"));
}

static long long
revision(const char *table, long long id)
{
	char	sql[128];

	snprintf(sql, sizeof(sql), "SELECT revision FROM %s WHERE id = %lld",
	    table, id);
	return (t_sql_int(sql));
}

/* A step on the current revision. */
static struct res *
take(const char *table, long long id, const char *body)
{
	char	path[80], match[32];

	snprintf(path, sizeof(path), "/api/v1/%s/%lld/transitions", table, id);
	snprintf(match, sizeof(match), "If-Match: \"%lld\"",
	    revision(table, id));
	return (t_call_h("POST", path, body, (const char *[]){ match, NULL }));
}

static void
ok(long long id, const char *body, const char *stage)
{
	struct res	*r = take("cases", id, body);

	cr_assert_eq(r->status, 200, "%s: %d %s", body, r->status, r->body);
	cr_assert_str_eq(t_str(r, "stage"), stage, "%s", body);
}

/* A refusal: status and field, and nothing moved. */
static struct res *
refused(const char *table, long long id, const char *body, int status,
    const char *field)
{
	long long	 rev = revision(table, id);
	struct res	*r = take(table, id, body);

	cr_assert_eq(r->status, status, "%s: %d %s", body, r->status,
	    r->body);
	cr_assert_str_eq(t_str(r, "field"), field, "%s: %s", body, r->body);
	cr_assert_eq(revision(table, id), rev);
	return (r);
}

static const char *
stage_of(long long id)
{
	char		 path[64];
	struct res	*r;

	snprintf(path, sizeof(path), "/api/v1/cases/%lld", id);
	r = t_call("GET", path, NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	return (t_str(r, "stage"));
}

static long long
goal(long long cs, const char *dim)
{
	char		 body[256];
	struct res	*r;

	snprintf(body, sizeof(body), "{\"case_id\":%lld,\"need_dimension\":"
	    "\"%s\",\"goal\":\"每周与母亲视频一次\",\"interventions\":"
	    "\"亲子沟通辅导\",\"target_date\":\"2025-09-01\"}", cs, dim);
	r = t_call("POST", "/api/v1/case_goals", body);
	cr_assert_eq(r->status, 201, "goal: %d %s", r->status, r->body);
	cr_assert_str_eq(t_str(r, "progress"), "NOT_STARTED");
	return (t_int(r, "id"));
}

static void
rate(long long g, const char *action, const char *progress)
{
	char		 body[128];
	struct res	*r;

	snprintf(body, sizeof(body), "{\"action\":\"%s\",\"reason\":"
	    "\"督导会议评定\"}", action);
	r = take("case_goals", g, body);
	cr_assert_eq(r->status, 200, "%s: %d %s", action, r->status, r->body);
	cr_assert_str_eq(t_str(r, "progress"), progress);
}

/* A case up to PLANNING, with an assessment rating mental_emotional 2. */
static long long
planning_case(long long *c)
{
	long long	 cs;

	*c = child();
	assess(*c, "2025-03-05", "0020000000");
	cs = open_case(*c);
	ok(cs, "{\"action\":\"accept\"}", "INTAKE");
	ok(cs, "{\"action\":\"assess\",\"fields\":{\"presenting_problem\":"
	    "\"情绪低落，与父母联系少\"}}", "ASSESSMENT");
	ok(cs, "{\"action\":\"plan\"}", "PLANNING");
	return (cs);
}

/* ... and through the supervisor's approval to INTERVENTION. */
static long long
intervention_case(long long *g)
{
	long long	 c, cs = planning_case(&c);

	*g = goal(cs, "mental_emotional");
	t_login("supervisor");
	ok(cs, "{\"action\":\"approve_plan\"}", "INTERVENTION");
	t_login("worker");
	return (cs);
}

Test(cases, identified_to_closed)
{
	struct res	*r;
	long long	 g, cs = intervention_case(&g);
	char		 path[80];

	rate(g, "rate_some", "SOME");
	ok(cs, "{\"action\":\"evaluate\"}", "EVALUATION");
	rate(g, "achieved", "ACHIEVED");
	ok(cs, "{\"action\":\"goals_met\",\"fields\":{\"closure_reason\":"
	    "\"GOALS_MET\"}}", "CLOSING");
	t_login("supervisor");
	r = take("cases", cs, "{\"action\":\"sign_off\",\"fields\":"
	    "{\"closure_summary\":\"情绪明显好转，每周与母亲联系\"}}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "stage"), "CLOSED");
	cr_assert_str_eq(t_str(r, "closure_reason"), "GOALS_MET");
	cr_assert_str_eq(t_str(r, "closure_summary"),
	    "情绪明显好转，每周与母亲联系");
	/* Every step in the history, with who took it. */
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/transitions", cs);
	r = t_call("GET", path, NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 7);
	cr_assert_str_eq(t_str(r, "items/0/from"), "IDENTIFIED");
	cr_assert_str_eq(t_str(r, "items/0/to"), "INTAKE");
	cr_assert_eq(t_int(r, "items/0/user_id"), uid("worker"));
	cr_assert_str_eq(t_str(r, "items/3/action"), "approve_plan");
	cr_assert_eq(t_int(r, "items/3/user_id"), uid("supervisor"));
	cr_assert_str_eq(t_str(r, "items/6/action"), "sign_off");
	cr_assert_str_eq(t_str(r, "items/6/to"), "CLOSED");
	/* The goal's ratings are its review log. */
	snprintf(path, sizeof(path), "/api/v1/case_goals/%lld/transitions", g);
	r = t_call("GET", path, NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "items/0/to"), "SOME");
	cr_assert_str_eq(t_str(r, "items/1/to"), "ACHIEVED");
	cr_assert_str_eq(t_str(r, "items/1/reason"), "督导会议评定");
	/* Sealed at rest. */
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM cases WHERE "
	    "closure_summary LIKE '%好转%' OR presenting_problem LIKE "
	    "'%情绪%'"), 0);
}

Test(cases, illegal_steps_name_the_stages)
{
	struct res	*r;
	long long	 cs = open_case(child());

	r = refused("cases", cs, "{\"action\":\"evaluate\"}", 409, "action");
	cr_assert(strstr(t_str(r, "detail"), "待接案") != NULL, "%s",
	    r->body);
	cr_assert(strstr(t_str(r, "detail"), "进入评估") != NULL);
	cr_assert(strstr(t_str(r, "detail"), "接案, 不予接案") != NULL,
	    "%s", r->body);
	r = refused("cases", cs, "{\"action\":\"resume\"}", 409, "action");
	r = refused("cases", cs, "{\"action\":\"suspend\",\"reason\":\"x\"}",
	    409, "action");
	r = refused("cases", cs, "{\"action\":\"sign_off\"}", 409, "action");
	r = refused("cases", cs, "{\"action\":\"fly\"}", 400, "action");
	/* In English, the English labels. */
	{
		char	path[80];

		snprintf(path, sizeof(path), "/api/v1/cases/%lld/transitions",
		    cs);
		r = t_call_h("POST", path, "{\"action\":\"reopen\","
		    "\"reason\":\"x\"}", (const char *[]){ "If-Match: 1",
		    "Accept-Language: en", NULL });
		cr_assert_eq(r->status, 409);
		cr_assert(strstr(t_str(r, "detail"), "\"Identified\"") !=
		    NULL, "%s", r->body);
		cr_assert(strstr(t_str(r, "detail"), "\"Reopen\"") != NULL);
	}
	/* The stage is the server's. */
	{
		char	path[64];

		snprintf(path, sizeof(path), "/api/v1/cases/%lld", cs);
		r = t_call_h("PATCH", path, "{\"stage\":\"CLOSED\"}",
		    (const char *[]){ "If-Match: \"1\"", NULL });
		cr_assert_eq(r->status, 400);
		cr_assert_str_eq(t_str(r, "field"), "stage");
		r = t_call_h("PATCH", path, "{\"suspended_from\":\"INTAKE\"}",
		    (const char *[]){ "If-Match: \"1\"", NULL });
		cr_assert_eq(r->status, 400);
		cr_assert_str_eq(t_str(r, "field"), "suspended_from");
	}
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM workflow_log"), 0);
}

Test(cases, decline_needs_a_reason)
{
	long long	 cs = open_case(child());

	refused("cases", cs, "{\"action\":\"decline\"}", 400, "reason");
	refused("cases", cs, "{\"action\":\"decline\",\"reason\":\"\"}", 400,
	    "reason");
	ok(cs, "{\"action\":\"decline\",\"reason\":\"不在服务区域，已转介\"}",
	    "DECLINED");
	refused("cases", cs, "{\"action\":\"accept\"}", 409, "action");
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM workflow_log WHERE "
	    "action = 'decline' AND reason = '不在服务区域，已转介'"), 1);
}

Test(cases, intake_needs_the_presenting_problem)
{
	long long	 cs = open_case(child());

	ok(cs, "{\"action\":\"accept\"}", "INTAKE");
	refused("cases", cs, "{\"action\":\"assess\"}", 400,
	    "presenting_problem");
	refused("cases", cs, "{\"action\":\"assess\",\"fields\":"
	    "{\"presenting_problem\":3}}", 400, "presenting_problem");
	ok(cs, "{\"action\":\"assess\",\"fields\":{\"presenting_problem\":"
	    "\"厌学\"}}", "ASSESSMENT");
}

Test(cases, plan_approval_roles_and_guards)
{
	struct res	*r;
	long long	 c, g, cs = planning_case(&c);
	char		 body[160];

	/* The worker cannot approve; the plan has no goal yet. */
	refused("cases", cs, "{\"action\":\"approve_plan\"}", 403, "action");
	t_login("supervisor");
	r = refused("cases", cs, "{\"action\":\"approve_plan\"}", 409,
	    "case_goals");
	/* A goal citing a need the assessment rated 0. */
	t_login("worker");
	g = goal(cs, "peers");
	t_login("supervisor");
	r = refused("cases", cs, "{\"action\":\"approve_plan\"}", 409,
	    "need_dimension");
	cr_assert(strstr(t_str(r, "detail"), "peers") != NULL, "%s", r->body);
	/* A later assessment rating peers 1 is the one that counts. */
	assess(c, "2025-03-20", "0021010000");
	/* Only the case's own supervisor, or a lead, approves. */
	t_login("worker");
	snprintf(body, sizeof(body), "{\"supervisor_user_id\":%lld}",
	    uid("lead"));
	{
		char	path[64], match[32];

		snprintf(path, sizeof(path), "/api/v1/cases/%lld", cs);
		snprintf(match, sizeof(match), "If-Match: \"%lld\"",
		    revision("cases", cs));
		r = t_call_h("PATCH", path, body, (const char *[]){ match,
		    NULL });
		cr_assert_eq(r->status, 200, "%s", r->body);
	}
	t_login("supervisor");
	refused("cases", cs, "{\"action\":\"approve_plan\"}", 403, "action");
	t_login("lead");
	ok(cs, "{\"action\":\"approve_plan\"}", "INTERVENTION");
	cr_assert_eq(g > 0, 1);
}

Test(cases, no_assessment_no_plan)
{
	long long	 cs = open_case(child());

	ok(cs, "{\"action\":\"accept\"}", "INTAKE");
	ok(cs, "{\"action\":\"assess\",\"fields\":{\"presenting_problem\":"
	    "\"厌学\"}}", "ASSESSMENT");
	ok(cs, "{\"action\":\"plan\"}", "PLANNING");
	goal(cs, "schooling");
	t_login("supervisor");
	refused("cases", cs, "{\"action\":\"approve_plan\"}", 409,
	    "assessments");
}

/* A lead who carries a case cannot approve its own plan. */
Test(cases, worker_never_approves_own_case)
{
	struct res	*r;
	long long	 c = child(), cs;
	char		 body[160];

	assess(c, "2025-03-05", "0020000000");
	t_login("lead");
	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"opened_on\":"
	    "\"2025-03-01\",\"source\":\"OUTREACH\"}", c);
	r = t_call("POST", "/api/v1/cases", body);
	cr_assert_eq(r->status, 201, "%s", r->body);
	cr_assert_eq(t_int(r, "worker_user_id"), uid("lead"));
	cs = t_int(r, "id");
	ok(cs, "{\"action\":\"accept\"}", "INTAKE");
	ok(cs, "{\"action\":\"assess\",\"fields\":{\"presenting_problem\":"
	    "\"x\"}}", "ASSESSMENT");
	ok(cs, "{\"action\":\"plan\"}", "PLANNING");
	goal(cs, "mental_emotional");
	/* No supervisor named yet: the step needs one. */
	refused("cases", cs, "{\"action\":\"approve_plan\"}", 400,
	    "supervisor_user_id");
	snprintf(body, sizeof(body), "{\"action\":\"approve_plan\",\"fields\":"
	    "{\"supervisor_user_id\":%lld}}", uid("supervisor"));
	refused("cases", cs, body, 403, "action");
	t_login("supervisor");
	ok(cs, body, "INTERVENTION");
}

Test(cases, goals_met_needs_final_ratings_reason_and_summary)
{
	long long	 g, g2, cs = intervention_case(&g);

	t_login("worker");
	g2 = goal(cs, "mental_emotional");
	/* Final ratings are given at the evaluation. */
	refused("case_goals", g, "{\"action\":\"achieved\",\"reason\":\"x\"}",
	    409, "action");
	refused("case_goals", g, "{\"action\":\"rate_much\"}", 400, "reason");
	rate(g, "rate_much", "MUCH");
	ok(cs, "{\"action\":\"evaluate\"}", "EVALUATION");
	/* The reason is needed, and must be GOALS_MET. */
	refused("cases", cs, "{\"action\":\"goals_met\"}", 400,
	    "closure_reason");
	refused("cases", cs, "{\"action\":\"goals_met\",\"fields\":"
	    "{\"closure_reason\":\"MOVED\"}}", 400, "closure_reason");
	refused("cases", cs, "{\"action\":\"goals_met\",\"fields\":"
	    "{\"closure_reason\":\"LEFT\"}}", 400, "closure_reason");
	/* Neither goal has a final rating. */
	refused("cases", cs, "{\"action\":\"goals_met\",\"fields\":"
	    "{\"closure_reason\":\"GOALS_MET\"}}", 409, "progress");
	rate(g, "achieved", "ACHIEVED");
	refused("cases", cs, "{\"action\":\"goals_met\",\"fields\":"
	    "{\"closure_reason\":\"GOALS_MET\"}}", 409, "progress");
	rate(g2, "not_achieved", "NOT_ACHIEVED");
	refused("cases", cs, "{\"action\":\"goals_met\",\"fields\":"
	    "{\"closure_reason\":\"GOALS_MET\"}}", 409, "progress");
	/* Not met: back to planning (with a reason), revise the goal. */
	refused("cases", cs, "{\"action\":\"not_met\"}", 400, "reason");
	ok(cs, "{\"action\":\"not_met\",\"reason\":\"亲子联系仍不足\"}",
	    "PLANNING");
	refused("case_goals", g2, "{\"action\":\"rate_some\",\"reason\":"
	    "\"x\"}", 409, "action");
	rate(g2, "revise", "SOME");
	t_login("supervisor");
	ok(cs, "{\"action\":\"approve_plan\"}", "INTERVENTION");
	t_login("worker");
	ok(cs, "{\"action\":\"evaluate\"}", "EVALUATION");
	rate(g2, "achieved", "ACHIEVED");
	ok(cs, "{\"action\":\"goals_met\",\"fields\":{\"closure_reason\":"
	    "\"GOALS_MET\"}}", "CLOSING");
	/* Sign-off: the supervisor's, with a summary. */
	refused("cases", cs, "{\"action\":\"sign_off\",\"fields\":"
	    "{\"closure_summary\":\"好转\"}}", 403, "action");
	t_login("supervisor");
	refused("cases", cs, "{\"action\":\"sign_off\"}", 400,
	    "closure_summary");
	ok(cs, "{\"action\":\"sign_off\",\"fields\":{\"closure_summary\":"
	    "\"两项目标均已达成\"}}", "CLOSED");
}

Test(cases, suspend_and_resume_return_to_the_stage_left)
{
	struct res	*r;
	long long	 c, g, cs = planning_case(&c);
	char		 path[64];

	refused("cases", cs, "{\"action\":\"suspend\"}", 400, "reason");
	ok(cs, "{\"action\":\"suspend\",\"reason\":\"儿童随父母外出\"}",
	    "SUSPENDED");
	snprintf(path, sizeof(path), "/api/v1/cases/%lld", cs);
	r = t_call("GET", path, NULL);
	cr_assert_str_eq(t_str(r, "suspended_from"), "PLANNING");
	refused("cases", cs, "{\"action\":\"suspend\",\"reason\":\"x\"}", 409,
	    "action");
	refused("cases", cs, "{\"action\":\"plan\"}", 409, "action");
	r = take("cases", cs, "{\"action\":\"resume\"}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "stage"), "PLANNING");
	cr_assert(json_is_null(json_object_get(t_json(r), "suspended_from")),
	    "%s", r->body);
	/* From another stage, back to that one; logged as it happened. */
	g = goal(cs, "mental_emotional");
	t_login("supervisor");
	ok(cs, "{\"action\":\"approve_plan\"}", "INTERVENTION");
	t_login("worker");
	rate(g, "rate_some", "SOME");
	ok(cs, "{\"action\":\"suspend\",\"reason\":\"寒假返乡\"}",
	    "SUSPENDED");
	/* A goal is not rated while its case is suspended. */
	refused("case_goals", g, "{\"action\":\"rate_much\",\"reason\":"
	    "\"x\"}", 409, "action");
	ok(cs, "{\"action\":\"resume\"}", "INTERVENTION");
	refused("cases", cs, "{\"action\":\"resume\"}", 409, "action");
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM workflow_log WHERE "
	    "action = 'resume' AND from_state = 'SUSPENDED' AND to_state = "
	    "'INTERVENTION'"), 1);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM workflow_log WHERE "
	    "action = 'resume' AND to_state = 'PLANNING'"), 1);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM cases WHERE "
	    "suspended_from IS NULL"), 1);
}

Test(cases, refer_out_and_close_early_take_their_reasons)
{
	long long	 g, cs = intervention_case(&g), cs2;

	refused("cases", cs, "{\"action\":\"refer\",\"fields\":"
	    "{\"closure_reason\":\"REFERRED\"}}", 400, "reason");
	refused("cases", cs, "{\"action\":\"refer\",\"reason\":\"转介心理门诊\","
	    "\"fields\":{\"closure_reason\":\"CLIENT_REQUEST\"}}", 400,
	    "closure_reason");
	refused("cases", cs, "{\"action\":\"refer\",\"reason\":\"转介\"}", 400,
	    "closure_reason");
	ok(cs, "{\"action\":\"refer\",\"reason\":\"转介心理门诊\",\"fields\":"
	    "{\"closure_reason\":\"REFERRED\"}}", "CLOSING");
	refused("cases", cs, "{\"action\":\"suspend\",\"reason\":\"x\"}", 409,
	    "action");
	/* An early closing, from intake, for any other reason. */
	cs2 = t_child("李强", "M", "2014-02-01");
	t_consent(cs2, "CASE_SERVICE");
	cs2 = open_case(cs2);
	ok(cs2, "{\"action\":\"accept\"}", "INTAKE");
	refused("cases", cs2, "{\"action\":\"close_early\",\"reason\":\"x\","
	    "\"fields\":{\"closure_reason\":\"GOALS_MET\"}}", 400,
	    "closure_reason");
	refused("cases", cs2, "{\"action\":\"close_early\",\"reason\":\"x\","
	    "\"fields\":{\"closure_reason\":\"REFERRED\"}}", 400,
	    "closure_reason");
	ok(cs2, "{\"action\":\"close_early\",\"reason\":\"全家迁往西宁\","
	    "\"fields\":{\"closure_reason\":\"MOVED\"}}", "CLOSING");
	t_login("supervisor");
	ok(cs2, "{\"action\":\"sign_off\",\"fields\":{\"closure_summary\":"
	    "\"迁出，已告知迁入地\"}}", "CLOSED");
}

Test(cases, reopen_is_the_supervisors_with_a_reason)
{
	struct res	*r;
	const char	*note_body;
	long long	 cs = open_case(child());

	ok(cs, "{\"action\":\"accept\"}", "INTAKE");
	ok(cs, "{\"action\":\"close_early\",\"reason\":\"本人要求\","
	    "\"fields\":{\"closure_reason\":\"CLIENT_REQUEST\"}}", "CLOSING");
	t_login("supervisor");
	ok(cs, "{\"action\":\"sign_off\",\"fields\":{\"closure_summary\":"
	    "\"按本人意愿结案\"}}", "CLOSED");
	t_login("worker");
	refused("cases", cs, "{\"action\":\"reopen\",\"reason\":\"再次求助\"}",
	    403, "action");
	/* A closed case's record is final: no note is added to it. */
	note_body = arena_printf(ta, "{\"case_id\":%lld,\"noted_on\":"
	    "\"2025-04-01\",\"kind\":\"PHONE\",\"facts\":\"祖母来电\"}", cs);
	r = t_call("POST", "/api/v1/case_notes", note_body);
	cr_assert_eq(r->status, 409, "%s", r->body);
	cr_assert_str_eq(t_str(r, "field"), "case_id");
	cr_assert(strstr(t_str(r, "detail"), "已结案") != NULL, "%s", r->body);
	t_login("supervisor");
	refused("cases", cs, "{\"action\":\"reopen\"}", 400, "reason");
	ok(cs, "{\"action\":\"reopen\",\"reason\":\"再次求助\"}", "INTAKE");
	cr_assert_str_eq(stage_of(cs), "INTAKE");
	/* Reopened, it takes notes again. */
	t_login("worker");
	r = t_call("POST", "/api/v1/case_notes", note_body);
	cr_assert_eq(r->status, 201, "%s", r->body);
}

Test(cases, other_scope_cannot_read_or_step)
{
	struct res	*r;
	long long	 g, cs = intervention_case(&g);
	char		 path[80], body[128];

	t_login("worker2");
	snprintf(path, sizeof(path), "/api/v1/cases/%lld", cs);
	cr_assert_eq(t_call("GET", path, NULL)->status, 404);
	r = t_call_h("POST", arena_printf(ta, "%s/transitions", path),
	    "{\"action\":\"evaluate\"}", (const char *[]){ "If-Match: \"5\"",
	    NULL });
	cr_assert_eq(r->status, 404, "%s", r->body);
	cr_assert_eq(t_call("GET", arena_printf(ta, "%s/transitions",
	    path), NULL)->status, 404);
	snprintf(path, sizeof(path), "/api/v1/case_goals/%lld", g);
	cr_assert_eq(t_call("GET", path, NULL)->status, 404);
	r = t_call("GET", "/api/v1/cases", NULL);
	cr_assert_eq(r->status, 200);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 0);
	r = t_call("GET", "/api/v1/case_goals", NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 0);
	/* Nor can they add a note or a goal to it. */
	snprintf(body, sizeof(body), "{\"case_id\":%lld,\"noted_on\":"
	    "\"2025-03-02\",\"kind\":\"PHONE\",\"facts\":\"x\"}", cs);
	r = t_call("POST", "/api/v1/case_notes", body);
	cr_assert_eq(r->status, 403, "%s", r->body);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'denied' AND resource = 'cases'"), 3);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'denied' AND resource = 'case_goals'"), 1);
	/* Roles outside casework are not readers at all. */
	t_login("director");
	cr_assert_eq(t_call("GET", "/api/v1/cases", NULL)->status, 403);
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/transitions", cs);
	cr_assert_eq(t_call_h("POST", path, "{\"action\":\"evaluate\"}",
	    (const char *[]){ "If-Match: \"5\"", NULL })->status, 403);
	t_login("township");
	cr_assert_eq(t_call_h("POST", path, "{\"action\":\"evaluate\"}",
	    (const char *[]){ "If-Match: \"5\"", NULL })->status, 403);
	t_login("purchaser");
	cr_assert_eq(t_call("GET", "/api/v1/case_notes", NULL)->status, 403);
	t_login("worker");
	cr_assert_str_eq(stage_of(cs), "INTERVENTION");
}

Test(cases, notes_keep_facts_apart_sealed_and_audited)
{
	struct res	*r;
	long long	 cs = open_case(child()), id;
	char		 body[512], path[64];

	snprintf(body, sizeof(body), "{\"case_id\":%lld,\"noted_on\":"
	    "\"2025-03-02\",\"kind\":\"HOME_VISIT\",\"minutes\":45,"
	    "\"facts\":\"家访时孩子独自在家做饭\",\"assessment\":"
	    "\"祖母照料能力有限\",\"next_steps\":\"联系儿童主任\"}", cs);
	r = t_call("POST", "/api/v1/case_notes", body);
	cr_assert_eq(r->status, 201, "%s", r->body);
	id = t_int(r, "id");
	snprintf(path, sizeof(path), "/api/v1/case_notes/%lld", id);
	r = t_call("GET", path, NULL);
	cr_assert_eq(r->status, 200);
	cr_assert_str_eq(t_str(r, "facts"), "家访时孩子独自在家做饭");
	cr_assert_str_eq(t_str(r, "assessment"), "祖母照料能力有限");
	cr_assert_eq(t_int(r, "minutes"), 45);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'read' AND resource = 'case_notes'"), 1);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM case_notes WHERE facts "
	    "LIKE '%独自%' OR assessment LIKE '%祖母%' OR next_steps LIKE "
	    "'%主任%'"), 0);
	/* Listed by case; refusals name the field and write nothing. */
	r = t_call("GET", arena_printf(ta, "/api/v1/case_notes?"
	    "case_id=%lld", cs), NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 1);
	r = t_call("POST", "/api/v1/case_notes", arena_printf(ta,
	    "{\"case_id\":%lld,\"noted_on\":\"2099-01-01\",\"kind\":\"PHONE\","
	    "\"facts\":\"x\"}", cs));
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "noted_on");
	r = t_call("POST", "/api/v1/case_notes", arena_printf(ta,
	    "{\"case_id\":%lld,\"noted_on\":\"2025-03-03\",\"kind\":\"PHONE\"}",
	    cs));
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "facts");
	r = t_call("POST", "/api/v1/case_notes", arena_printf(ta,
	    "{\"case_id\":%lld,\"noted_on\":\"2025-03-03\",\"kind\":\"CHAT\","
	    "\"facts\":\"x\"}", cs));
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "kind");
	r = t_call("POST", "/api/v1/case_notes", "{\"case_id\":99999,"
	    "\"noted_on\":\"2025-03-03\",\"kind\":\"PHONE\",\"facts\":\"x\"}");
	cr_assert(r->status == 400 || r->status == 403, "%s", r->body);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM case_notes"), 1);
	/* The case's reads are audited as well. */
	stage_of(cs);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'read' AND resource = 'cases'"), 1);
}

Test(cases, case_create_rules)
{
	struct res	*r;
	long long	 c = child();
	char		 body[256];

	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"opened_on\":"
	    "\"2099-01-01\",\"source\":\"SELF\"}", c);
	r = t_call("POST", "/api/v1/cases", body);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "opened_on");
	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"opened_on\":"
	    "\"2025-01-01\",\"source\":\"RUMOUR\"}", c);
	r = t_call("POST", "/api/v1/cases", body);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "source");
	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"opened_on\":"
	    "\"2025-01-01\",\"source\":\"SELF\",\"stage\":\"CLOSED\"}", c);
	r = t_call("POST", "/api/v1/cases", body);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "stage");
	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"opened_on\":"
	    "\"2025-01-01\",\"source\":\"SELF\",\"worker_user_id\":99999}", c);
	/* A worker opens cases into their own caseload only. */
	r = t_call("POST", "/api/v1/cases", body);
	cr_assert_eq(r->status, 403);
	cr_assert_str_eq(t_str(r, "field"), "worker_user_id");
	t_login("supervisor");
	r = t_call("POST", "/api/v1/cases", body);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "worker_user_id");
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM cases"), 0);
	/* A worker given by a supervisor is kept; a goal cites a need. */
	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"opened_on\":"
	    "\"2025-01-01\",\"source\":\"SELF\",\"worker_user_id\":%lld}", c,
	    uid("lead"));
	r = t_call("POST", "/api/v1/cases", body);
	cr_assert_eq(r->status, 201, "%s", r->body);
	cr_assert_eq(t_int(r, "worker_user_id"), uid("lead"));
	r = t_call("POST", "/api/v1/case_goals", arena_printf(ta,
	    "{\"case_id\":%lld,\"need_dimension\":\"happiness\",\"goal\":"
	    "\"x\"}", t_int(r, "id")));
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "need_dimension");
	/* A child outside the worker's scope gets no case. */
	t_login("worker2");
	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"opened_on\":"
	    "\"2025-01-01\",\"source\":\"SELF\"}", c);
	r = t_call("POST", "/api/v1/cases", body);
	cr_assert_eq(r->status, 403, "%s", r->body);
	cr_assert_str_eq(t_str(r, "field"), "child_id");
}

Test(cases, stale_revision_is_refused)
{
	struct res	*r;
	long long	 cs = open_case(child());
	char		 path[80];

	snprintf(path, sizeof(path), "/api/v1/cases/%lld/transitions", cs);
	r = t_call_h("POST", path, "{\"action\":\"accept\"}",
	    (const char *[]){ "If-Match: \"3\"", NULL });
	cr_assert_eq(r->status, 412);
	cr_assert_eq(t_int(r, "current/revision"), 1);
	cr_assert_str_eq(t_str(r, "current/stage"), "IDENTIFIED");
}

Test(cases, caseload_and_home)
{
	struct res	*r;
	long long	 c = child(), a, b, d;

	a = open_case(c);
	b = open_case(c);
	d = open_case(c);
	ok(a, "{\"action\":\"accept\"}", "INTAKE");
	ok(d, "{\"action\":\"decline\",\"reason\":\"重复登记\"}",
	    "DECLINED");
	t_login("lead");
	r = t_call("POST", "/api/v1/cases", arena_printf(ta,
	    "{\"child_id\":%lld,\"opened_on\":\"2025-01-01\",\"source\":"
	    "\"SELF\"}", c));
	cr_assert_eq(r->status, 201);
	t_login("worker");
	r = t_call("GET", "/api/v1/cases?worker_user_id=me", NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 3);
	r = t_call("GET", "/api/v1/cases?worker_user_id=me&stage=IDENTIFIED",
	    NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 1);
	cr_assert_eq(t_int(r, "items/0/id"), b);
	/* Another's caseload is closed to a worker: not listed, not read. */
	r = t_call("GET", arena_printf(ta, "/api/v1/cases?"
	    "worker_user_id=%lld", uid("lead")), NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 0);
	r = t_call("GET", "/api/v1/cases", NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 3);
	cr_assert_eq(t_call("GET", arena_printf(ta, "/api/v1/cases/%lld",
	    t_sql_int("SELECT MAX(id) FROM cases")), NULL)->status, 404);
	t_login("lead");
	r = t_call("POST", "/api/v1/case_notes", arena_printf(ta,
	    "{\"case_id\":%lld,\"noted_on\":\"2025-01-02\",\"kind\":"
	    "\"PHONE\",\"facts\":\"电话联系祖母\"}",
	    t_sql_int("SELECT MAX(id) FROM cases")));
	cr_assert_eq(r->status, 201, "%s", r->body);
	t_login("worker");
	r = t_call("GET", arena_printf(ta, "/api/v1/case_notes?case_id=%lld",
	    t_sql_int("SELECT MAX(id) FROM cases")), NULL);
	cr_assert_eq(r->status, 200);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 0);
	cr_assert_eq(t_call("GET", arena_printf(ta, "/api/v1/case_notes/%lld",
	    t_sql_int("SELECT MAX(id) FROM case_notes")), NULL)->status, 404);
	cr_assert_eq(t_call("GET", "/api/v1/cases?worker_user_id=you",
	    NULL)->status, 400);
	/* The home counts the caller's own open cases by stage. */
	r = t_call("GET", "/api/v1/home", NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_int(r, "caseload/IDENTIFIED"), 1);
	cr_assert_eq(t_int(r, "caseload/INTAKE"), 1);
	cr_assert_null(json_object_get(json_object_get(t_json(r), "caseload"),
	    "DECLINED"));
	t_login("lead");
	r = t_call("GET", "/api/v1/home", NULL);
	cr_assert_eq(t_int(r, "caseload/IDENTIFIED"), 1);
	cr_assert_null(json_object_get(json_object_get(t_json(r), "caseload"),
	    "INTAKE"));
}

/* A guardian's export of the child holds its cases, goals and notes. */
Test(cases, subject_export_holds_the_casework)
{
	struct res	*r;
	long long	 c, cs = planning_case(&c), g;
	char		 path[64];

	g = goal(cs, "mental_emotional");
	r = t_call("POST", "/api/v1/case_notes", arena_printf(ta,
	    "{\"case_id\":%lld,\"noted_on\":\"2025-03-02\",\"kind\":"
	    "\"SESSION\",\"facts\":\"谈到想念妈妈\"}", cs));
	cr_assert_eq(r->status, 201, "%s", r->body);
	t_login("countylead");
	snprintf(path, sizeof(path), "/api/v1/children/%lld/export", c);
	r = t_call("GET", path, NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_int(r, "records/cases/0/id"), cs);
	cr_assert_str_eq(t_str(r, "records/cases/0/presenting_problem"),
	    "情绪低落，与父母联系少");
	cr_assert_eq(t_int(r, "records/case_goals/0/id"), g);
	cr_assert_str_eq(t_str(r, "records/case_notes/0/facts"),
	    "谈到想念妈妈");
}

/*
 * The purge that anonymizes an aged-out child clears the text of its
 * casework too; stages and reasons stay, and the rows still read.
 */
Test(cases, purge_clears_an_anonymized_childs_casework)
{
	struct retention_result	 res[16];
	struct store		*db;
	struct err		 e;
	struct res		*r;
	long long		 c, cs = planning_case(&c), g;
	size_t			 i, k = 0;
	char			 q[256];

	cr_assert(retention_nrules <= 16);
	for (i = 0; i < retention_nrules; i++)
		if (strcmp(retention_rules[i].name, "case_records_anonymized") ==
		    0)
			k = i;
	g = goal(cs, "mental_emotional");
	r = t_call("POST", "/api/v1/case_notes", arena_printf(ta,
	    "{\"case_id\":%lld,\"noted_on\":\"2025-03-02\",\"kind\":"
	    "\"SESSION\",\"facts\":\"谈到想念妈妈\",\"next_steps\":\"再访\"}",
	    cs));
	cr_assert_eq(r->status, 201, "%s", r->body);
	snprintf(q, sizeof(q), "UPDATE children SET birth_date = '2001-07-15',"
	    " updated_at = '2016-01-01T00:00:00.000Z' WHERE id = %lld", c);
	db = store_pool_acquire(t_app.pool);
	cr_assert_eq(store_exec(db, q, &e), 0, "%s", e.msg_en);
	cr_assert_eq(retention_run(db, &t_app.conf, 0, res, &e), 0, "%s",
	    e.msg_en);
	cr_assert_eq(res[k].rows, 1);
	cr_assert_eq(retention_run(db, &t_app.conf, 0, res, &e), 0, "%s",
	    e.msg_en);
	cr_assert_eq(res[k].rows, 0);
	store_pool_release(t_app.pool, db);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM cases WHERE "
	    "presenting_problem IS NULL AND referral_reason IS NULL AND "
	    "stage = 'PLANNING'"), 1);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM case_goals WHERE goal IS "
	    "NULL AND interventions IS NULL AND need_dimension = "
	    "'mental_emotional'"), 1);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM case_notes WHERE facts IS "
	    "NULL AND next_steps IS NULL AND kind = 'SESSION'"), 1);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'anonymize' AND resource = 'cases'"), 1);
	t_login("worker");
	snprintf(q, sizeof(q), "/api/v1/case_goals/%lld", g);
	r = t_call("GET", q, NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert(json_is_null(json_object_get(t_json(r), "goal")));
	cr_assert_str_eq(stage_of(cs), "PLANNING");
}

/* A return step with nothing kept to return to is refused, not guessed. */
Test(cases, resume_without_a_kept_stage_is_refused)
{
	struct store	*db;
	struct err	 e;
	long long	 cs = open_case(child());
	char		 q[128];

	snprintf(q, sizeof(q), "UPDATE cases SET stage = 'SUSPENDED', "
	    "suspended_from = NULL WHERE id = %lld", cs);
	db = store_pool_acquire(t_app.pool);
	cr_assert_eq(store_exec(db, q, &e), 0, "%s", e.msg_en);
	store_pool_release(t_app.pool, db);
	cr_assert(strstr(t_str(refused("cases", cs, "{\"action\":\"resume\"}",
	    409, "action"), "detail"), "恢复服务") != NULL);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM workflow_log"), 0);
}

/* The browser draws the step buttons from the schema: the table, as is. */
Test(cases, schema_carries_the_step_table)
{
	struct res	*r;
	json_t		*ts, *t;
	size_t		 i;
	int		 found = 0;

	t_login("worker");
	r = t_call("GET", "/api/v1/schema/cases", NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "workflow/field"), "stage");
	cr_assert_str_eq(t_str(r, "workflow/initial"), "IDENTIFIED");
	ts = json_object_get(json_object_get(t_json(r), "workflow"),
	    "transitions");
	cr_assert_eq(json_array_size(ts), 14);
	json_array_foreach(ts, i, t)
		if (strcmp(json_string_value(json_object_get(t, "action")),
		    "resume") == 0) {
			found = 1;
			cr_assert_str_eq(json_string_value(json_object_get(t,
			    "to")), "@suspended_from");
		}
	cr_assert(found);
	r = t_call("GET", "/api/v1/schema/case_goals", NULL);
	cr_assert_str_eq(t_str(r, "workflow/initial"), "NOT_STARTED");
}

/* Casework needs the guardian's consent to it (PIPL Art. 31). */
Test(cases, a_case_needs_the_guardians_consent)
{
	struct res	*r;
	long long	 c;
	char		 body[256];

	t_login("worker");
	c = t_child("马小兰", "F", "2014-04-04");
	t_consent(c, "GROUP_ACTIVITY");		/* another purpose */
	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"opened_on\":"
	    "\"2025-03-01\",\"source\":\"SELF\"}", c);
	r = t_call("POST", "/api/v1/cases", body);
	cr_assert_eq(r->status, 403, "%s", r->body);
	cr_assert_str_eq(t_str(r, "field"), "child_id");
	cr_assert(strstr(t_str(r, "detail"), "个案服务") != NULL, "%s",
	    r->body);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM cases"), 0);
	t_consent(c, "CASE_SERVICE");
	r = t_call("POST", "/api/v1/cases", body);
	cr_assert_eq(r->status, 201, "%s", r->body);
}
