/*
 * test_projects.c - scope by project membership (issue: a social worker
 * of one project cannot read, list, search, export or guess a child of
 * another project, and the attempt is audited), on SQLite and PostgreSQL.
 *
 * Two projects serve the same township, so region scope alone cannot
 * tell their children apart: P1 has "worker" (WORKER) and "evaluator"
 * (EVALUATOR); P2 has "supervisor" (SUPERVISOR).  "director" has no
 * membership and sees the village by region, as before.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "domain/checks.h"
#include "t_app.h"

static long long	p1, p2, c1, c2, c3;

static long long
created(struct res *r, const char *what)
{
	cr_assert(r->status == 201, "%s: %d %s", what, r->status, r->body);
	return (t_int(r, "id"));
}

static long long
user_id(const char *login)
{
	char	q[128];

	snprintf(q, sizeof(q), "SELECT id FROM users WHERE login = '%s'",
	    login);
	return (t_sql_int(q));
}

static void
member(const char *login, long long project, const char *role,
    const char *until)
{
	char	body[256];

	snprintf(body, sizeof(body), "{\"user_id\":%lld,\"project_id\":%lld,"
	    "\"role\":\"%s\",\"since\":\"2025-01-01\"%s%s%s}", user_id(login),
	    project, role, until ? ",\"until\":\"" : "", until ? until : "",
	    until ? "\"" : "");
	created(t_call("POST", "/api/v1/memberships", body), "membership");
}

/* A child of the test village with an ID number, in project p (0: none). */
static long long
child(const char *name, const char *birth, const char *seq, long long p)
{
	char	body[512], idn[19], proj[48] = "";

	snprintf(idn, sizeof(idn), "630105%.4s%.2s%.2s%s0", birth, birth + 5,
	    birth + 8, seq);
	idn[17] = id_number_check_char(idn);
	idn[18] = '\0';
	if (p != 0)
		snprintf(proj, sizeof(proj), ",\"project_id\":%lld", p);
	snprintf(body, sizeof(body), "{\"name\":\"%s\",\"sex\":\"F\","
	    "\"birth_date\":\"%s\",\"village_code\":\"630105100201\","
	    "\"id_number\":\"%s\"%s}", name, birth, idn, proj);
	return (created(t_call("POST", "/api/v1/children", body), "child"));
}

static void
up(void)
{
	char		 body[256];
	long long	 buyer;

	t_app_up();
	t_login("admin");
	buyer = created(t_call("POST", "/api/v1/organizations",
	    "{\"name\":\"城北区民政局\",\"org_type\":\"PURCHASER\","
	    "\"region_code\":\"630105000000\"}"), "org");
	snprintf(body, sizeof(body), "{\"name\":\"项目一\",\"region_code\":"
	    "\"630105100000\",\"purchaser_org_id\":%lld,\"fund_source\":"
	    "\"CENTRAL\"}", buyer);
	p1 = created(t_call("POST", "/api/v1/projects", body), "p1");
	snprintf(body, sizeof(body), "{\"name\":\"项目二\",\"region_code\":"
	    "\"630105100000\",\"purchaser_org_id\":%lld,\"fund_source\":"
	    "\"LOTTERY\"}", buyer);
	p2 = created(t_call("POST", "/api/v1/projects", body), "p2");
	member("worker", p1, "WORKER", NULL);
	member("evaluator", p1, "EVALUATOR", NULL);
	member("supervisor", p2, "SUPERVISOR", NULL);
	t_login("countylead");
	c1 = child("张一", "2015-03-04", "01", p1);
	c2 = child("李二", "2014-06-07", "02", p2);
	c3 = child("王三", "2013-09-10", "03", 0);
}

TestSuite(projects, .init = up, .fini = t_app_down, .timeout = 60);

static struct res *
get_child(long long id)
{
	char	path[64];

	snprintf(path, sizeof(path), "/api/v1/children/%lld", id);
	return (t_call("GET", path, NULL));
}

Test(projects, worker_lists_and_reads_only_their_project)
{
	struct res	*r;

	t_login("worker");
	r = t_call("GET", "/api/v1/children", NULL);
	cr_assert_eq(r->status, 200);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 1);
	cr_assert_eq(t_int(r, "items/0/id"), c1);
	cr_assert_eq(get_child(c1)->status, 200);
	/* Guessing an id of the other project: 404, and audited. */
	r = get_child(c2);
	cr_assert_eq(r->status, 404);
	cr_assert_eq(get_child(c3)->status, 404);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM audit_log WHERE action = "
	    "'denied' AND resource = 'children'"), 2);
}

Test(projects, worker_cannot_find_the_other_project_by_search)
{
	struct res	*r;
	char		 path[128];

	t_login("worker");
	r = t_call("GET", "/api/v1/children?q=%E6%9D%8E", NULL);	/* 李 */
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 0);
	r = t_call("GET", "/api/v1/children?q=li", NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 0);
	snprintf(path, sizeof(path), "/api/v1/consents?child_id=%lld", c2);
	r = t_call("GET", path, NULL);
	cr_assert_eq(r->status, 200);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 0);
	/* Home counts too. */
	r = t_call("GET", "/api/v1/home", NULL);
	cr_assert_eq(t_int(r, "counts/children"), 1, "%s", r->body);
}

Test(projects, supervisor_of_the_other_project_cannot_export)
{
	struct res	*r;
	char		 path[64];

	t_login("supervisor");
	snprintf(path, sizeof(path), "/api/v1/children/%lld/export", c1);
	r = t_call("GET", path, NULL);
	cr_assert_eq(r->status, 404, "%d %s", r->status, r->body);
	snprintf(path, sizeof(path), "/api/v1/children/%lld/export", c2);
	r = t_call("GET", path, NULL);
	cr_assert_eq(r->status, 200, "%d %s", r->status, r->body);
}

Test(projects, writes_stay_in_the_project)
{
	struct res	*r;
	char		 body[256], path[64];
	long long	 id;

	t_login("worker");
	/* A member of one project registers for it by default. */
	id = child("赵四", "2016-01-02", "04", 0);
	snprintf(path, sizeof(path), "SELECT project_id FROM children WHERE "
	    "id = %lld", id);
	cr_assert_eq(t_sql_int(path), p1);
	/* Not for a project where they hold no role. */
	snprintf(body, sizeof(body), "{\"name\":\"钱五\",\"sex\":\"M\","
	    "\"birth_date\":\"2015-05-05\",\"village_code\":\"630105100201\","
	    "\"project_id\":%lld}", p2);
	r = t_call("POST", "/api/v1/children", body);
	cr_assert_eq(r->status, 403, "%s", r->body);
	cr_assert_str_eq(t_str(r, "field"), "project_id");
	/* Nor move a child of theirs into the other project. */
	snprintf(path, sizeof(path), "/api/v1/children/%lld", c1);
	snprintf(body, sizeof(body), "{\"project_id\":%lld}", p2);
	r = t_call_h("PATCH", path, body,
	    (const char *[]){ "If-Match: 1", NULL });
	cr_assert_eq(r->status, 403, "%s", r->body);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM children WHERE "
	    "name = '钱五'"), 0);
}

Test(projects, evaluator_sees_their_project_deidentified)
{
	struct res	*r;

	t_login("evaluator");
	r = t_call("GET", "/api/v1/children", NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 1);
	cr_assert_eq(t_int(r, "items/0/id"), c1);
	cr_assert_null(json_object_get(json_array_get(json_object_get(
	    t_json(r), "items"), 0), "name"));
	cr_assert_eq(t_int(r, "items/0/birth_year"), 2015);
	cr_assert_eq(get_child(c2)->status, 404);
}

Test(projects, region_roles_without_membership_see_the_village)
{
	struct res	*r;

	t_login("director");
	r = t_call("GET", "/api/v1/children", NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 3);
	cr_assert_eq(get_child(c2)->status, 200);
}

Test(projects, an_ended_membership_opens_nothing)
{
	struct res	*r;

	t_login("countylead");
	member("township", p2, "WORKER", "2025-06-30");
	t_login("township");
	r = t_call("GET", "/api/v1/children", NULL);
	cr_assert_eq(r->status, 200);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 0,
	    "%s", r->body);
	cr_assert_eq(get_child(c2)->status, 404);
}

Test(projects, membership_roles_open_routes)
{
	struct res	*r;
	char		 body[256];

	/* "finance" has no field role of its own; a WORKER membership adds it. */
	t_login("finance");
	r = t_call("GET", "/api/v1/children", NULL);
	cr_assert_eq(r->status, 403);
	t_login("countylead");
	member("finance", p2, "WORKER", NULL);
	t_login("finance");
	r = t_call("GET", "/api/v1/children", NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 1);
	cr_assert_eq(t_int(r, "items/0/id"), c2);
	/* Only a lead or an administrator records memberships. */
	snprintf(body, sizeof(body), "{\"user_id\":1,\"project_id\":%lld,"
	    "\"role\":\"LEAD\",\"since\":\"2025-01-01\"}", p2);
	r = t_call("POST", "/api/v1/memberships", body);
	cr_assert_eq(r->status, 403);
}
