/*
 * test_workflow.c - the generic state machine (domain/workflow.c) through
 * the purchase project's table (DOMAIN.md §11.2): the initial state, each
 * allowed step, refusals naming the states, roles per step, reasons and
 * needed fields, stale revisions, the history, and the schema the browser
 * renders buttons from; on SQLite and PostgreSQL.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "t_app.h"

static void
up(void)
{
	t_app_up();
}

TestSuite(workflow, .init = up, .fini = t_app_down, .timeout = 60);

static long long
org(const char *name, const char *type)
{
	char		 body[256];
	struct res	*r;

	snprintf(body, sizeof(body), "{\"name\":\"%s\",\"org_type\":\"%s\","
	    "\"region_code\":\"630105000000\"}", name, type);
	r = t_call("POST", "/api/v1/organizations", body);
	cr_assert(r->status == 201, "org: %d %s", r->status, r->body);
	return (t_int(r, "id"));
}

/* A project bought by the county bureau, created by the purchaser. */
static long long
project(void)
{
	char		 body[512];
	long long	 buyer;
	struct res	*r;

	t_login("admin");
	buyer = org("城北区民政局", "PURCHASER");
	t_login("purchaser");
	snprintf(body, sizeof(body), "{\"name\":\"城北区留守儿童关爱项目\","
	    "\"region_code\":\"630105000000\",\"purchaser_org_id\":%lld,"
	    "\"fund_source\":\"CENTRAL\"}", buyer);
	r = t_call("POST", "/api/v1/projects", body);
	cr_assert(r->status == 201, "project: %d %s", r->status, r->body);
	cr_assert_str_eq(t_str(r, "status"), "NEED_SURVEY");
	return (t_int(r, "id"));
}

static struct res *
step(long long id, int rev, const char *body)
{
	char	path[64], match[32];

	snprintf(path, sizeof(path), "/api/v1/projects/%lld/transitions", id);
	snprintf(match, sizeof(match), "If-Match: \"%d\"", rev);
	return (t_call_h("POST", path, body,
	    (const char *[]){ match, NULL }));
}

Test(workflow, status_is_set_by_the_server_only)
{
	struct res	*r;
	long long	 id = project();
	char		 path[64];

	snprintf(path, sizeof(path), "/api/v1/projects/%lld", id);
	r = t_call_h("PATCH", path, "{\"status\":\"ARCHIVED\"}",
	    (const char *[]){ "If-Match: \"1\"", NULL });
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "status");
}

Test(workflow, steps_follow_the_table)
{
	struct res	*r;
	long long	 id = project();

	r = step(id, 1, "{\"action\":\"design\"}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "status"), "DESIGN");
	cr_assert_eq(t_int(r, "revision"), 2);
	cr_assert_str_eq(t_header(r, "ETag"), "\"2\"");
	r = step(id, 2, "{\"action\":\"review\"}");
	cr_assert_str_eq(t_str(r, "status"), "EX_ANTE_REVIEW");
	/* budget needs budget_fen: given with the step, it is validated. */
	r = step(id, 3, "{\"action\":\"budget\"}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "budget_fen");
	r = step(id, 3, "{\"action\":\"budget\",\"fields\":{\"budget_fen\":-5}}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "budget_fen");
	r = step(id, 3,
	    "{\"action\":\"budget\",\"fields\":{\"budget_fen\":50000000}}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_int(r, "budget_fen"), 50000000);
	cr_assert_str_eq(t_str(r, "status"), "BUDGETED");
	cr_assert_eq(t_sql_int("SELECT count(*) FROM workflow_log WHERE "
	    "resource = 'projects'"), 3);
}

Test(workflow, illegal_step_names_the_states)
{
	struct res	*r;
	long long	 id = project();

	r = step(id, 1, "{\"action\":\"archive\"}");
	cr_assert_eq(r->status, 409, "%s", r->body);
	cr_assert_str_eq(t_str(r, "field"), "action");
	cr_assert(strstr(t_str(r, "detail"), "需求调查") != NULL, "%s",
	    r->body);
	cr_assert(strstr(t_str(r, "detail"), "进入项目设计") != NULL);
	/* Nothing moved, nothing logged. */
	cr_assert_eq(t_sql_int("SELECT revision FROM projects"), 1);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM workflow_log"), 0);
	r = step(id, 1, "{\"action\":\"fly\"}");
	cr_assert_eq(r->status, 400);
	r = step(id, 1, "{\"reason\":\"x\"}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "action");
	r = step(id, 1, "{\"action\":\"design\",\"extra\":1}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "extra");
}

Test(workflow, english_refusal_uses_english_labels)
{
	struct res	*r;
	long long	 id = project();
	char		 path[64];

	snprintf(path, sizeof(path), "/api/v1/projects/%lld/transitions", id);
	r = t_call_h("POST", path, "{\"action\":\"archive\"}",
	    (const char *[]){ "If-Match: 1", "Accept-Language: en", NULL });
	cr_assert_eq(r->status, 409);
	cr_assert(strstr(t_str(r, "detail"), "\"Needs survey\"") != NULL,
	    "%s", r->body);
	cr_assert(strstr(t_str(r, "detail"), "Start the design") != NULL);
}

Test(workflow, roles_reasons_and_revisions)
{
	struct res	*r;
	long long	 id = project();

	/* The evaluator may review but not design. */
	t_login("evaluator");
	r = step(id, 1, "{\"action\":\"design\"}");
	cr_assert_eq(r->status, 403, "%s", r->body);
	/* A worker has no step of this table at all: the route refuses. */
	t_login("worker");
	r = step(id, 1, "{\"action\":\"design\"}");
	cr_assert_eq(r->status, 403);
	t_login("purchaser");
	/* A stale revision is 412 with the record as it is now. */
	r = step(id, 7, "{\"action\":\"design\"}");
	cr_assert_eq(r->status, 412);
	cr_assert_eq(t_int(r, "current/revision"), 1);
	r = t_call("POST", "/api/v1/projects/999/transitions", "{}");
	cr_assert_eq(r->status, 428);
	/* A loop step that needs a reason. */
	step(id, 1, "{\"action\":\"design\"}");
	step(id, 2, "{\"action\":\"review\"}");
	step(id, 3, "{\"action\":\"budget\",\"fields\":{\"budget_fen\":1}}");
	r = step(id, 4, "{\"action\":\"procure\",\"fields\":"
	    "{\"procurement_method\":\"OPEN_TENDER\"}}");
	cr_assert_str_eq(t_str(r, "status"), "PROCUREMENT");
	r = step(id, 5, "{\"action\":\"fail_bid\"}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "reason");
	r = step(id, 5, "{\"action\":\"fail_bid\",\"reason\":\"不足三家投标\"}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "status"), "PROCUREMENT");
}

Test(workflow, history_and_schema)
{
	struct res	*r;
	long long	 id = project();
	char		 path[64];

	step(id, 1, "{\"action\":\"design\",\"reason\":\"调查完成\"}");
	step(id, 2, "{\"action\":\"review\"}");
	snprintf(path, sizeof(path), "/api/v1/projects/%lld/transitions", id);
	r = t_call("GET", path, NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "items/0/action"), "design");
	cr_assert_str_eq(t_str(r, "items/0/from"), "NEED_SURVEY");
	cr_assert_str_eq(t_str(r, "items/0/to"), "DESIGN");
	cr_assert_str_eq(t_str(r, "items/0/reason"), "调查完成");
	cr_assert_str_eq(t_str(r, "items/1/to"), "EX_ANTE_REVIEW");
	cr_assert_eq(t_sql_int("SELECT count(*) FROM audit_log WHERE action = "
	    "'transition' AND resource = 'projects'"), 2);
	r = t_call("GET", "/api/v1/schema/projects", NULL);
	cr_assert_str_eq(t_str(r, "workflow/field"), "status");
	cr_assert_str_eq(t_str(r, "workflow/initial"), "NEED_SURVEY");
	cr_assert_str_eq(t_str(r, "workflow/transitions/0/action"), "design");
	cr_assert_str_eq(t_str(r, "workflow/transitions/0/from/0"),
	    "NEED_SURVEY");
	cr_assert_str_eq(t_str(r, "workflow/transitions/0/roles/0"),
	    "PURCHASER");
	cr_assert_str_eq(t_str(r, "workflow/transitions/0/roles/1"), "ADMIN");
	/* Out of scope: a purchaser of another county sees no history. */
	r = t_call("GET", "/api/v1/projects/999/transitions", NULL);
	cr_assert_eq(r->status, 404);
}

Test(workflow, project_period_rules)
{
	struct res	*r;
	long long	 id = project();
	char		 path[64];

	snprintf(path, sizeof(path), "/api/v1/projects/%lld", id);
	r = t_call_h("PATCH", path, "{\"start_date\":\"2026-03-01\","
	    "\"end_date\":\"2026-02-01\"}",
	    (const char *[]){ "If-Match: 1", NULL });
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "end_date");
	r = t_call_h("PATCH", path, "{\"start_date\":\"2026-03-01\","
	    "\"end_date\":\"2029-03-02\"}",
	    (const char *[]){ "If-Match: 1", NULL });
	cr_assert_eq(r->status, 400);
	r = t_call_h("PATCH", path, "{\"start_date\":\"2026-03-01\","
	    "\"end_date\":\"2027-02-28\"}",
	    (const char *[]){ "If-Match: 1", NULL });
	cr_assert_eq(r->status, 200, "%s", r->body);
}
