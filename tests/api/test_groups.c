/*
 * test_groups.c - group work (stages, members, sessions, attendance and
 * its rates), community activities with participants, donations traced
 * to the child who got them, partnerships and trainings: every rule
 * among rows (groups.c) and its refusal, on SQLite and PostgreSQL.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "t_app.h"

TestSuite(groups, .init = t_app_up, .fini = t_app_down, .timeout = 60);

/* The project's service period (DOMAIN.md §11.2). */
#define P_START	"2026-03-01"
#define P_END	"2026-12-31"

static struct res *
post(const char *path, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static struct res *
post(const char *path, const char *fmt, ...)
{
	char	body[2048];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	return (t_call("POST", path, body));
}

static long long
created(struct res *r)
{
	cr_assert_eq(r->status, 201, "%d %s", r->status, r->body);
	return (t_int(r, "id"));
}

/* A district project for 2026-03-01..12-31, made by the purchaser. */
static long long
project(void)
{
	long long	org;

	t_login("admin");
	org = created(post("/api/v1/organizations", "{\"name\":\"城北区民政局\","
	    "\"org_type\":\"PURCHASER\",\"region_code\":\"630105000000\"}"));
	t_login("purchaser");
	return (created(post("/api/v1/projects", "{\"name\":\"关爱项目\","
	    "\"region_code\":\"630105000000\",\"purchaser_org_id\":%lld,"
	    "\"fund_source\":\"CENTRAL\",\"start_date\":\"" P_START "\","
	    "\"end_date\":\"" P_END "\"}", org)));
}

/* A child registered (created_at) on the given date. */
static long long
child(const char *name, const char *registered)
{
	long long	id = t_child(name, "F", "2015-05-05");
	char		sql[160];

	snprintf(sql, sizeof(sql), "UPDATE children SET created_at = "
	    "'%sT08:00:00.000Z' WHERE id = %lld", registered, id);
	t_sql_int(sql);
	/* Groups and activities need the guardian's consent (consent.c). */
	t_consent(id, "GROUP_ACTIVITY");
	return (id);
}

static long long
user_id(const char *login)
{
	char	sql[128];

	snprintf(sql, sizeof(sql), "SELECT id FROM users WHERE login = '%s'",
	    login);
	return (t_sql_int(sql));
}

static long long
group(long long proj, const char *name)
{
	return (created(post("/api/v1/groups", "{\"project_id\":%lld,"
	    "\"region_code\":\"630105100201\",\"name\":\"%s\",\"type\":"
	    "\"GROWTH\",\"purpose\":\"提升自我保护能力\",\"planned_sessions\":6,"
	    "\"facilitator_id\":%lld}", proj, name, user_id("worker"))));
}

static void
member(long long g, long long c)
{
	created(post("/api/v1/group_members", "{\"group_id\":%lld,"
	    "\"child_id\":%lld,\"joined_on\":\"2026-03-10\"}", g, c));
}

static struct res *
session_r(long long g, int n, const char *date, const char *from,
    const char *to)
{
	return (post("/api/v1/group_sessions", "{\"group_id\":%lld,\"number\":"
	    "%d,\"planned_date\":\"%s\",\"start_time\":\"%s\",\"end_time\":"
	    "\"%s\",\"place\":\"村儿童之家\"}", g, n, date, from, to));
}

static long long
session(long long g, int n, const char *date, const char *from,
    const char *to)
{
	return (created(session_r(g, n, date, from, to)));
}

static struct res *
attend(long long s, long long c, const char *status)
{
	return (post("/api/v1/attendance", "{\"session_id\":%lld,"
	    "\"child_id\":%lld,\"status\":\"%s\"}", s, c, status));
}

static double
real_at(struct res *r, const char *key, int idx)
{
	json_t	*j = t_json(r);

	if (idx >= 0)
		j = json_array_get(json_object_get(j, "children"),
		    (size_t)idx);
	j = json_object_get(j, key);
	cr_assert(json_is_number(j), "%s not a number: %s", key, r->body);
	return (json_number_value(j));
}

static struct res *
step(const char *res, long long id, const char *body)
{
	char		path[96], match[32];
	struct res	*r;

	snprintf(path, sizeof(path), "/api/v1/%s/%lld", res, id);
	r = t_call("GET", path, NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	snprintf(match, sizeof(match), "If-Match: %lld", t_int(r, "revision"));
	snprintf(path, sizeof(path), "/api/v1/%s/%lld/transitions", res, id);
	return (t_call_h("POST", path, body, (const char *[]){ match, NULL }));
}

static struct res *
patch(const char *res, long long id, const char *body)
{
	char		path[96], match[32];
	struct res	*r;

	snprintf(path, sizeof(path), "/api/v1/%s/%lld", res, id);
	r = t_call("GET", path, NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	snprintf(match, sizeof(match), "If-Match: %lld", t_int(r, "revision"));
	return (t_call_h("PATCH", path, body, (const char *[]){ match,
	    NULL }));
}

Test(groups, six_sessions_and_exact_attendance_rates)
{
	static const char *const marks[3][6] = {
		{ "PRESENT", "PRESENT", "PRESENT", "PRESENT", "PRESENT",
		    "PRESENT" },
		{ "PRESENT", "ABSENT", "PRESENT", "EXCUSED", "PRESENT",
		    "PRESENT" },
		{ "PRESENT", "ABSENT", "ABSENT", "PRESENT", NULL, NULL },
	};
	long long	 proj = project(), g, s[7], c[4];
	struct res	*r;
	char		 date[16], path[64];
	int		 i, k;

	t_login("worker");
	for (i = 0; i < 4; i++) {
		snprintf(date, sizeof(date), "儿童%d", i);
		c[i] = child(date, "2026-01-15");
	}
	g = group(proj, "阳光成长小组");
	for (i = 0; i < 4; i++)
		member(g, c[i]);
	for (i = 0; i < 6; i++) {
		snprintf(date, sizeof(date), "2026-04-%02d", i + 1);
		s[i] = session(g, i + 1, date, "14:00", "15:30");
	}
	for (k = 0; k < 3; k++)
		for (i = 0; i < 6; i++)
			if (marks[k][i] != NULL)
				created(attend(s[i], c[k], marks[k][i]));
	/* A cancelled session takes no attendance and does not count. */
	s[6] = session(g, 7, "2026-04-07", "14:00", "15:30");
	r = patch("group_sessions", s[6], "{\"status\":\"CANCELLED\"}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	r = attend(s[6], c[0], "PRESENT");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "session_id");

	snprintf(path, sizeof(path), "/api/v1/groups/%lld/attendance", g);
	r = t_call("GET", path, NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_int(r, "sessions"), 6);
	cr_assert_eq(t_int(r, "present"), 12);
	cr_assert_eq(t_int(r, "absent"), 3);
	cr_assert_eq(t_int(r, "excused"), 1);
	cr_assert(fabs(real_at(r, "rate", -1) - 0.75) < 1e-12);
	cr_assert_eq(t_int(r, "children/0/child_id"), c[0]);
	cr_assert_eq(t_int(r, "children/0/present"), 6);
	cr_assert(fabs(real_at(r, "rate", 0) - 1.0) < 1e-12);
	cr_assert_eq(t_int(r, "children/1/present"), 4);
	cr_assert_eq(t_int(r, "children/1/absent"), 1);
	cr_assert_eq(t_int(r, "children/1/excused"), 1);
	cr_assert(fabs(real_at(r, "rate", 1) - 0.6667) < 1e-12, "%s",
	    r->body);
	cr_assert_eq(t_int(r, "children/2/present"), 2);
	cr_assert_eq(t_int(r, "children/2/absent"), 2);
	cr_assert(fabs(real_at(r, "rate", 2) - 0.5) < 1e-12);
	/* A member with nothing recorded: zeros, no rate. */
	cr_assert_eq(t_int(r, "children/3/child_id"), c[3]);
	cr_assert_eq(t_int(r, "children/3/present"), 0);
	cr_assert(json_is_null(json_object_get(json_array_get(
	    json_object_get(t_json(r), "children"), 3), "rate")));
	/* The read of children's attendance is audited. */
	cr_assert_eq(t_sql_int("SELECT count(*) FROM audit_log WHERE "
	    "resource = 'attendance' AND action = 'read'"), 1);

	/* Another township's worker sees neither the group nor its rates. */
	t_login("worker2");
	r = t_call("GET", path, NULL);
	cr_assert_eq(r->status, 404, "%s", r->body);
	snprintf(path, sizeof(path), "/api/v1/groups/%lld", g);
	cr_assert_eq(t_call("GET", path, NULL)->status, 404);
	r = t_call("GET", "/api/v1/attendance", NULL);
	cr_assert_eq(r->status, 200);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 0);
}

Test(groups, one_child_cannot_be_present_at_overlapping_sessions)
{
	long long	 proj = project(), g1, g2, g3, c, s1, s2, s3, s4;
	struct res	*r;
	const char	*d;

	t_login("worker");
	c = child("王小红", "2026-01-15");
	g1 = group(proj, "阅读小组");
	g2 = group(proj, "绘画小组");
	member(g1, c);
	member(g2, c);
	s1 = session(g1, 1, "2026-05-02", "14:00", "15:30");
	s2 = session(g2, 1, "2026-05-02", "15:00", "16:00");
	s3 = session(g2, 2, "2026-05-02", "15:30", "16:30");
	created(attend(s1, c, "PRESENT"));
	r = attend(s2, c, "PRESENT");
	cr_assert_eq(r->status, 409, "%s", r->body);
	cr_assert_str_eq(t_str(r, "field"), "child_id");
	d = t_str(r, "detail");
	cr_assert(strstr(d, "阅读小组") != NULL && strstr(d, "第 1 节") !=
	    NULL && strstr(d, "14:00-15:30") != NULL, "%s", d);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM attendance"), 1);
	/* Absent from the other is fine; so is a session that starts as
	 * this one ends. */
	created(attend(s2, c, "ABSENT"));
	created(attend(s3, c, "PRESENT"));
	/* Moving a session onto another the child attended is refused. */
	r = patch("group_sessions", s3, "{\"start_time\":\"15:00\"}");
	cr_assert_eq(r->status, 409, "%s", r->body);
	cr_assert(strstr(t_str(r, "detail"), "阅读小组") != NULL);
	/* Another day is another time. */
	r = patch("group_sessions", s3, "{\"planned_date\":\"2026-05-03\","
	    "\"start_time\":\"14:00\"}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	/* A second mark for the same session and child: 409. */
	r = attend(s1, c, "ABSENT");
	cr_assert_eq(r->status, 409, "%s", r->body);
	/* A group of another town is refused by its id, not its name. */
	t_login("countylead");
	r = post("/api/v1/groups", "{\"project_id\":%lld,\"region_code\":"
	    "\"630105101201\",\"name\":\"外镇小组\",\"type\":\"SUPPORT\","
	    "\"purpose\":\"x\",\"planned_sessions\":2}", proj);
	g3 = created(r);
	member(g3, c);
	s4 = session(g3, 1, "2026-05-04", "10:00", "11:00");
	created(attend(s4, c, "PRESENT"));
	t_login("worker");
	s1 = session(g1, 2, "2026-05-04", "10:30", "11:30");
	r = attend(s1, c, "PRESENT");
	cr_assert_eq(r->status, 409, "%s", r->body);
	d = t_str(r, "detail");
	cr_assert(strstr(d, "外镇小组") == NULL && strstr(d, "…") != NULL,
	    "%s", d);
}

Test(groups, dates_outside_the_project_and_before_registration)
{
	long long	 proj = project(), g, c, late, s;
	struct res	*r;

	t_login("worker");
	c = child("李明", "2026-01-15");
	late = child("赵雷", "2026-06-01");
	g = group(proj, "安全小组");
	member(g, c);
	member(g, late);
	r = session_r(g, 1, "2027-01-05", "09:00", "10:00");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "planned_date");
	cr_assert(strstr(t_str(r, "detail"), P_END) != NULL, "%s", r->body);
	r = session_r(g, 1, "2026-02-28", "09:00", "10:00");
	cr_assert_eq(r->status, 400);
	r = session_r(g, 1, "2026-04-01", "10:00", "09:00");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "end_time");
	r = session_r(g, 1, "2026-04-01", "24:00", "25:00");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "start_time");
	cr_assert_eq(t_sql_int("SELECT count(*) FROM group_sessions"), 0);
	s = session(g, 1, "2026-05-01", "09:00", "10:00");
	r = session_r(g, 1, "2026-05-08", "09:00", "10:00");
	cr_assert_eq(r->status, 409);
	cr_assert_str_eq(t_str(r, "field"), "number");
	/* Held: needs its date, which must be within the period too. */
	r = patch("group_sessions", s, "{\"status\":\"HELD\"}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "held_on");
	r = patch("group_sessions", s, "{\"status\":\"HELD\",\"held_on\":"
	    "\"2027-05-01\",\"record\":\"x\"}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "held_on");
	r = patch("group_sessions", s, "{\"status\":\"HELD\",\"held_on\":"
	    "\"2026-05-01\",\"record\":\"讨论了上学路上的安全\"}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	/* Registered on 2026-06-01: no attendance of a May session. */
	r = attend(s, late, "PRESENT");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "session_id");
	cr_assert(strstr(t_str(r, "detail"), "2026-06-01") != NULL);
	created(attend(s, c, "PRESENT"));
	/* Not a member: refused. */
	r = attend(s, child("非成员", "2026-01-01"), "PRESENT");
	cr_assert_eq(r->status, 400);
	cr_assert(strstr(t_str(r, "detail"), "成员") != NULL);
}

Test(groups, stages_follow_mz_t_095)
{
	long long	 proj = project(), g, c1, c2;
	struct res	*r;
	char		 path[64];

	t_login("worker");
	/* The group meets inside the project's area only. */
	r = post("/api/v1/groups", "{\"project_id\":%lld,\"region_code\":"
	    "\"632521100201\",\"name\":\"外区小组\",\"type\":\"GROWTH\","
	    "\"purpose\":\"x\",\"planned_sessions\":6}", proj);
	cr_assert_eq(r->status, 403, "%s", r->body);
	t_login("countylead");
	r = post("/api/v1/groups", "{\"project_id\":%lld,\"region_code\":"
	    "\"632521100201\",\"name\":\"外区小组\",\"type\":\"GROWTH\","
	    "\"purpose\":\"x\",\"planned_sessions\":6}", proj);
	cr_assert_eq(r->status, 400, "%s", r->body);
	cr_assert_str_eq(t_str(r, "field"), "region_code");
	t_login("worker");
	g = group(proj, "成长小组");
	snprintf(path, sizeof(path), "/api/v1/groups/%lld", g);
	cr_assert_str_eq(t_str(t_call("GET", path, NULL), "stage"),
	    "PREPARATION");
	c1 = child("甲", "2026-01-01");
	member(g, c1);
	r = step("groups", g, "{\"action\":\"form\"}");
	cr_assert_eq(r->status, 409, "%s", r->body);
	cr_assert(strstr(t_str(r, "detail"), "2") != NULL);
	c2 = child("乙", "2026-01-01");
	member(g, c2);
	r = post("/api/v1/group_members", "{\"group_id\":%lld,\"child_id\":"
	    "%lld,\"joined_on\":\"2026-03-10\"}", g, c2);
	cr_assert_eq(r->status, 409, "%s", r->body);
	cr_assert_str_eq(t_str(step("groups", g, "{\"action\":\"form\"}"),
	    "stage"), "FORMING");
	cr_assert_str_eq(t_str(step("groups", g,
	    "{\"action\":\"transition\"}"), "stage"), "TRANSITION");
	cr_assert_str_eq(t_str(step("groups", g, "{\"action\":\"mature\"}"),
	    "stage"), "MATURE");
	r = step("groups", g, "{\"action\":\"evaluate\"}");
	cr_assert_eq(r->status, 409);
	cr_assert(strstr(t_str(r, "detail"), "成熟") != NULL, "%s", r->body);
	cr_assert_str_eq(t_str(step("groups", g, "{\"action\":\"end\"}"),
	    "stage"), "ENDING");
	/* The evaluation is the supervisor's step. */
	r = step("groups", g, "{\"action\":\"evaluate\"}");
	cr_assert_eq(r->status, 403, "%s", r->body);
	t_login("supervisor");
	cr_assert_str_eq(t_str(step("groups", g, "{\"action\":\"evaluate\"}"),
	    "stage"), "EVALUATED");
	cr_assert_eq(t_sql_int("SELECT count(*) FROM workflow_log WHERE "
	    "resource = 'groups'"), 5);
	/* A member from another township's scope cannot be added. */
	t_login("worker2");
	r = post("/api/v1/group_members", "{\"group_id\":%lld,\"child_id\":"
	    "%lld,\"joined_on\":\"2026-03-10\"}", g, c1);
	cr_assert_eq(r->status, 403, "%s", r->body);
}

Test(groups, community_activity_with_participants)
{
	long long	 proj = project(), a, c1, c2;
	struct res	*r;
	char		 path[96];

	t_login("worker");
	c1 = child("参与甲", "2026-01-01");
	c2 = child("参与乙", "2026-01-01");
	r = post("/api/v1/activities", "{\"project_id\":%lld,\"title\":"
	    "\"中秋游园会\",\"type\":\"FESTIVAL\",\"activity_date\":"
	    "\"2026-09-25\",\"village_code\":\"630105100201\",\"organizer\":"
	    "\"社工站\",\"partners\":\"村委会、小学\",\"volunteers\":6,"
	    "\"under6_m\":3,\"under6_f\":4,\"age6_11_m\":10,\"age6_11_f\":12,"
	    "\"age12_15_m\":5,\"age12_15_f\":7,\"adult_m\":8,\"adult_f\":15,"
	    "\"record\":\"猜灯谜、做月饼\"}", proj);
	a = created(r);
	cr_assert_eq(t_int(r, "age6_11_f"), 12);
	cr_assert_eq(t_int(r, "adult_f"), 15);
	created(post("/api/v1/activity_participants", "{\"activity_id\":%lld,"
	    "\"child_id\":%lld}", a, c1));
	created(post("/api/v1/activity_participants", "{\"activity_id\":%lld,"
	    "\"child_id\":%lld}", a, c2));
	r = post("/api/v1/activity_participants", "{\"activity_id\":%lld,"
	    "\"child_id\":%lld}", a, c2);
	cr_assert_eq(r->status, 409, "%s", r->body);
	/* Without the guardian's consent to group activities: refused. */
	r = post("/api/v1/activity_participants", "{\"activity_id\":%lld,"
	    "\"child_id\":%lld}", a, t_child("未同意", "M", "2014-04-04"));
	cr_assert_eq(r->status, 403, "%s", r->body);
	cr_assert_str_eq(t_str(r, "field"), "child_id");
	cr_assert(strstr(t_str(r, "detail"), "同意") != NULL, "%s", r->body);
	snprintf(path, sizeof(path), "/api/v1/activity_participants?"
	    "activity_id=%lld", a);
	r = t_call("GET", path, NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 2);
	cr_assert_eq(t_int(r, "items/1/child_id"), c2);
	/* Outside the period, outside the area, a negative count. */
	r = post("/api/v1/activities", "{\"project_id\":%lld,\"title\":"
	    "\"春节\",\"type\":\"FESTIVAL\",\"activity_date\":\"2027-02-10\","
	    "\"village_code\":\"630105100201\"}", proj);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "activity_date");
	r = post("/api/v1/activities", "{\"project_id\":%lld,\"title\":"
	    "\"春节\",\"type\":\"FESTIVAL\",\"activity_date\":\"2026-10-10\","
	    "\"village_code\":\"630105100201\",\"adult_m\":-1}", proj);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "adult_m");
	t_login("countylead");
	r = post("/api/v1/activities", "{\"project_id\":%lld,\"title\":"
	    "\"外区\",\"type\":\"SPORTS\",\"activity_date\":\"2026-10-10\","
	    "\"village_code\":\"632521100201\"}", proj);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "village_code");
	/* Another township's worker: not found. */
	t_login("worker2");
	snprintf(path, sizeof(path), "/api/v1/activities/%lld", a);
	cr_assert_eq(t_call("GET", path, NULL)->status, 404);
}

Test(groups, donation_traced_to_a_child_within_its_value)
{
	long long	 proj = project(), d, c, al;
	struct res	*r;
	char		 path[96];

	t_login("worker");
	c = child("受助儿童", "2026-01-01");
	t_login("lead");
	r = post("/api/v1/donations", "{\"project_id\":%lld,\"kind\":"
	    "\"IN_KIND\",\"description\":\"智能手机 2 部\",\"value_fen\":"
	    "300000,\"donor_name\":\"某电信公司\",\"received_on\":"
	    "\"2026-04-01\"}", proj);
	d = created(r);
	al = created(post("/api/v1/donation_allocations", "{\"donation_id\":"
	    "%lld,\"child_id\":%lld,\"item\":\"手机 1 部（与父母视频）\","
	    "\"value_fen\":150000,\"given_on\":\"2026-04-03\"}", d, c));
	created(post("/api/v1/donation_allocations", "{\"donation_id\":%lld,"
	    "\"child_id\":%lld,\"item\":\"话费\",\"value_fen\":100000,"
	    "\"given_on\":\"2026-04-03\"}", d, c));
	r = post("/api/v1/donation_allocations", "{\"donation_id\":%lld,"
	    "\"child_id\":%lld,\"item\":\"话费\",\"value_fen\":50001,"
	    "\"given_on\":\"2026-04-03\"}", d, c);
	cr_assert_eq(r->status, 409, "%s", r->body);
	cr_assert_str_eq(t_str(r, "field"), "value_fen");
	cr_assert(strstr(t_str(r, "detail"), "300001") != NULL, "%s",
	    r->body);
	r = post("/api/v1/donation_allocations", "{\"donation_id\":%lld,"
	    "\"child_id\":%lld,\"item\":\"话费\",\"value_fen\":50000,"
	    "\"given_on\":\"2026-03-30\"}", d, c);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "given_on");
	created(post("/api/v1/donation_allocations", "{\"donation_id\":%lld,"
	    "\"child_id\":%lld,\"item\":\"话费\",\"value_fen\":50000,"
	    "\"given_on\":\"2026-04-05\"}", d, c));
	cr_assert_eq(t_sql_int("SELECT SUM(value_fen) FROM "
	    "donation_allocations"), 300000);
	/* Raising an allocation, or lowering the donation, past the cap. */
	r = patch("donation_allocations", al, "{\"value_fen\":150001}");
	cr_assert_eq(r->status, 409, "%s", r->body);
	r = patch("donations", d, "{\"value_fen\":299999}");
	cr_assert_eq(r->status, 409, "%s", r->body);
	cr_assert(strstr(t_str(r, "detail"), "300000") != NULL);
	/* The phone is traced to its child. */
	snprintf(path, sizeof(path), "/api/v1/donation_allocations?child_id="
	    "%lld", c);
	r = t_call("GET", path, NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 3);
	cr_assert_eq(t_int(r, "items/0/donation_id"), d);
	cr_assert_eq(t_int(r, "items/0/value_fen"), 150000);
	/* Partnerships name a partner one way or the other. */
	r = post("/api/v1/partnerships", "{\"project_id\":%lld,\"kind\":"
	    "\"SCHOOL\",\"since\":\"2026-03-01\"}", proj);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "partner_name");
	created(post("/api/v1/partnerships", "{\"project_id\":%lld,\"kind\":"
	    "\"SCHOOL\",\"partner_name\":\"大堡子镇中心小学\",\"since\":"
	    "\"2026-03-01\"}", proj));
}

Test(groups, training_with_attendees_and_hours)
{
	long long	 proj = project(), tr;
	struct res	*r;
	char		 path[96];

	t_login("lead");
	r = post("/api/v1/trainings", "{\"project_id\":%lld,\"audience\":"
	    "\"CHILD_DIRECTOR\",\"topic\":\"强制报告制度\",\"training_date\":"
	    "\"2027-01-10\",\"hours\":6}", proj);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "training_date");
	tr = created(post("/api/v1/trainings", "{\"project_id\":%lld,"
	    "\"audience\":\"CHILD_DIRECTOR\",\"topic\":\"强制报告制度\","
	    "\"training_date\":\"2026-06-10\",\"hours\":6,\"trainer\":"
	    "\"督导\"}", proj));
	created(post("/api/v1/training_attendees", "{\"training_id\":%lld,"
	    "\"name\":\"张主任\",\"role\":\"儿童主任\",\"organization\":"
	    "\"甲村村委会\",\"hours_attended\":6}", tr));
	created(post("/api/v1/training_attendees", "{\"training_id\":%lld,"
	    "\"name\":\"李主任\",\"role\":\"儿童主任\",\"organization\":"
	    "\"乙村村委会\",\"hours_attended\":4}", tr));
	r = post("/api/v1/training_attendees", "{\"training_id\":%lld,"
	    "\"name\":\"王主任\",\"hours_attended\":7}", tr);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "hours_attended");
	snprintf(path, sizeof(path), "/api/v1/training_attendees?"
	    "training_id=%lld", tr);
	r = t_call("GET", path, NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 2);
	cr_assert_eq(t_int(r, "items/0/hours_attended") +
	    t_int(r, "items/1/hours_attended"), 10);
	/* The evaluator sees who attended only de-identified. */
	t_login("evaluator");
	r = t_call("GET", path, NULL);
	cr_assert_eq(r->status, 200);
	cr_assert(json_object_get(json_array_get(json_object_get(t_json(r),
	    "items"), 0), "name") == NULL, "%s", r->body);
}

/*
 * A project member works only in their projects (scope_ref.c): groups
 * of another project are out of reach, and so are its children.
 */
Test(groups, a_project_member_works_in_their_project_only)
{
	long long	 p1 = project(), p2, g, theirs, other;
	struct res	*r;
	char		 path[64];

	p2 = project();
	t_login("admin");
	created(post("/api/v1/memberships", "{\"user_id\":%lld,\"project_id\":"
	    "%lld,\"role\":\"WORKER\",\"since\":\"2025-01-01\"}",
	    user_id("worker"), p1));
	t_login("countylead");
	other = child("别的项目", "2026-01-01");
	snprintf(path, sizeof(path), "{\"project_id\":%lld}", p2);
	r = patch("children", other, path);
	cr_assert_eq(r->status, 200, "%s", r->body);
	t_login("worker");
	theirs = child("本项目", "2026-01-01");
	snprintf(path, sizeof(path), "/api/v1/children/%lld", theirs);
	cr_assert_eq(t_int(t_call("GET", path, NULL), "project_id"), p1);
	g = group(p1, "本项目小组");
	member(g, theirs);
	/* Another project's child: refused as out of scope. */
	r = post("/api/v1/group_members", "{\"group_id\":%lld,\"child_id\":"
	    "%lld,\"joined_on\":\"2026-03-10\"}", g, other);
	cr_assert_eq(r->status, 400, "%s", r->body);
	cr_assert_str_eq(t_str(r, "field"), "child_id");
	/* Another project's group: not theirs to create. */
	r = post("/api/v1/groups", "{\"project_id\":%lld,\"region_code\":"
	    "\"630105100201\",\"name\":\"别组\",\"type\":\"GROWTH\","
	    "\"purpose\":\"x\",\"planned_sessions\":2}", p2);
	cr_assert_eq(r->status, 403, "%s", r->body);
}
