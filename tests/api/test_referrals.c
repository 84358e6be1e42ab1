/*
 * test_referrals.c - home visits and their overdue follow-ups, the
 * partner directory and its HSDS export, referrals through DOMAIN.md
 * §11.3 (a school contact's acknowledgement and feedback, rejection with
 * a reason, escalation after the reply days), mandatory reports (§11.4)
 * raised from a visit with the delay derived and the reporter kept
 * confidential, and a child's timeline; scope refusals throughout.  On
 * SQLite and PostgreSQL.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "domain/hsds.h"
#include "domain/values.h"
#include "core/util.h"
#include "t_app.h"

TestSuite(referrals, .init = t_app_up, .fini = t_app_down, .timeout = 120);

/* today + days, YYYY-MM-DD (a static buffer per slot). */
static const char *
day(int days)
{
	static char	buf[8][11];
	static int	slot;
	char		t[11];

	slot = (slot + 1) % 8;
	time_today(t);
	date_add_days(t, days, buf[slot]);
	return (buf[slot]);
}

static long long
user_id(const char *login)
{
	char	q[128];

	snprintf(q, sizeof(q), "SELECT id FROM users WHERE login = '%s'",
	    login);
	return (t_sql_int(q));
}

static struct res *
post(const char *path, const char *fmt_body)
{
	struct res	*r = t_call("POST", path, fmt_body);

	return (r);
}

static struct res *
step(const char *res, long long id, long long rev, const char *body)
{
	char	path[96], match[32];

	snprintf(path, sizeof(path), "/api/v1/%s/%lld/transitions", res, id);
	snprintf(match, sizeof(match), "If-Match: \"%lld\"", rev);
	return (t_call_h("POST", path, body, (const char *[]){ match, NULL }));
}

/* GET /api/v1/<res>/<id><tail> */
static struct res *
get(const char *res, long long id, const char *tail)
{
	char	path[128];

	snprintf(path, sizeof(path), "/api/v1/%s/%lld%s", res, id, tail);
	return (t_call("GET", path, NULL));
}

static long long
visit(long long child, const char *on, const char *due)
{
	char		 body[512];
	struct res	*r;

	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"visited_on\":"
	    "\"%s\",\"place\":\"家中\",\"observations\":\"祖母卧病，儿童独自做饭\","
	    "\"child_present\":true,\"caregiver_present\":false,"
	    "\"concerns\":\"UNSUPERVISED,HEALTH\",\"follow_up_due\":\"%s\"}",
	    child, on, due);
	r = post("/api/v1/visits", body);
	cr_assert_eq(r->status, 201, "visit: %d %s", r->status, r->body);
	return (t_int(r, "id"));
}

static long long
partner(const char *kind, const char *name, const char *region)
{
	char		 body[512];
	struct res	*r;

	snprintf(body, sizeof(body), "{\"kind\":\"%s\",\"name\":\"%s\","
	    "\"region_code\":\"%s\",\"address\":\"大堡子镇（示例）\","
	    "\"postal_code\":\"810000\",\"phone\":\"0971-0000201\","
	    "\"email\":\"school@example.org\",\"service_name\":\"学业支持\","
	    "\"hours\":\"周一至周五 8:00-17:00\"}", kind, name, region);
	r = post("/api/v1/partners", body);
	cr_assert_eq(r->status, 201, "partner: %d %s", r->status, r->body);
	return (t_int(r, "id"));
}

static long long
referral(long long child, long long to)
{
	char		 body[256], q[128];
	struct res	*r;

	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"partner_id\":%lld,"
	    "\"reason\":\"长期缺课，需学校跟进\",\"urgency\":\"URGENT\"}", child,
	    to);
	/* Sharing a child's data with a partner needs the guardian's consent. */
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM consents WHERE child_id = "
	    "%lld AND scope = 'DATA_SHARING'", child);
	if (t_sql_int(q) == 0) {
		r = post("/api/v1/referrals", body);
		cr_assert_eq(r->status, 403, "referral without consent: %d %s",
		    r->status, r->body);
		cr_assert_str_eq(t_str(r, "field"), "child_id");
		t_consent(child, "DATA_SHARING");
	}
	r = post("/api/v1/referrals", body);
	cr_assert_eq(r->status, 201, "referral: %d %s", r->status, r->body);
	cr_assert_str_eq(t_str(r, "status"), "DRAFT");
	return (t_int(r, "id"));
}

/* ---- home visits --------------------------------------------------- */

Test(referrals, visit_defaults_the_visitor_and_checks_its_dates)
{
	struct res	*r;
	long long	 child, id;
	char		 body[256];

	t_login("worker");
	child = t_child("王小明", "M", "2015-03-04");
	id = visit(child, day(-10), day(-3));
	r = get("visits", id, "");
	cr_assert_eq(r->status, 200);
	cr_assert_eq(t_int(r, "visitor_user_id"), user_id("worker"));
	cr_assert_str_eq(t_str(r, "concerns"), "UNSUPERVISED,HEALTH");
	cr_assert(json_is_false(json_object_get(t_json(r),
	    "caregiver_present")));
	/* Rules: each refusal names its field and writes nothing. */
	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"visited_on\":\"%s\","
	    "\"follow_up_due\":\"%s\"}", child, day(-2), day(-5));
	r = post("/api/v1/visits", body);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "follow_up_due");
	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"visited_on\":\"%s\"}",
	    child, day(2));
	r = post("/api/v1/visits", body);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "visited_on");
	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"visited_on\":\"%s\","
	    "\"concerns\":\"HEALTH,NOPE\"}", child, day(-1));
	r = post("/api/v1/visits", body);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "concerns");
	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"visited_on\":\"%s\","
	    "\"concerns\":\"HEALTH,HEALTH\"}", child, day(-1));
	r = post("/api/v1/visits", body);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "concerns");
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM visits"), 1);
}

Test(referrals, overdue_follow_up_surfaces_until_done)
{
	struct res	*r;
	long long	 child, late, id;
	char		 body[128], path[64];

	t_login("worker");
	child = t_child("王小明", "M", "2015-03-04");
	late = visit(child, day(-10), day(-3));
	visit(child, day(-2), day(5));		/* due later: not overdue */
	visit(child, day(-1), day(0));		/* due today: not yet */
	r = t_call("GET", "/api/v1/alerts/overdue-visits", NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_int(r, "count"), 1, "%s", r->body);
	cr_assert_eq(t_int(r, "items/0/visit_id"), late);
	cr_assert_eq(t_int(r, "items/0/child_id"), child);
	cr_assert_eq(t_int(r, "items/0/days_overdue"), 3);
	cr_assert_str_eq(t_str(r, "items/0/follow_up_due"), day(-3));
	r = t_call("GET", "/api/v1/home", NULL);
	cr_assert_eq(t_int(r, "counts/overdue_visits"), 1, "%s", r->body);
	/* Another county's worker sees none of it. */
	t_login("worker2");
	r = t_call("GET", "/api/v1/alerts/overdue-visits", NULL);
	cr_assert_eq(t_int(r, "count"), 0);
	r = t_call("GET", "/api/v1/home", NULL);
	cr_assert_eq(t_int(r, "counts/overdue_visits"), 0);
	r = get("visits", late, "");
	cr_assert_eq(r->status, 404);
	/* The school contact has no business with visits. */
	t_login("school");
	r = t_call("GET", "/api/v1/alerts/overdue-visits", NULL);
	cr_assert_eq(r->status, 403);
	/* Done: gone from the alerts. */
	t_login("worker");
	snprintf(path, sizeof(path), "/api/v1/visits/%lld", late);
	snprintf(body, sizeof(body), "{\"follow_up_done_on\":\"%s\"}", day(0));
	r = t_call_h("PATCH", path, body, (const char *[]){ "If-Match: 1",
	    NULL });
	cr_assert_eq(r->status, 200, "%s", r->body);
	r = t_call("GET", "/api/v1/alerts/overdue-visits", NULL);
	cr_assert_eq(t_int(r, "count"), 0);
	/* A visit for a child outside the scope is refused. */
	t_login("worker2");
	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"visited_on\":\"%s\"}",
	    child, day(-1));
	r = post("/api/v1/visits", body);
	cr_assert_eq(r->status, 403);
	id = t_sql_int("SELECT COUNT(*) FROM visits");
	cr_assert_eq(id, 3);
}

/* ---- referrals ------------------------------------------------------ */

Test(referrals, school_referral_through_every_step)
{
	struct res	*r;
	long long	 child, school, id;
	char		 today[11], due[11];

	t_login("lead");
	school = partner("SCHOOL", "大堡子镇中心小学", "630105100000");
	t_login("worker");
	child = t_child("李娜", "F", "2014-05-06");
	id = referral(child, school);
	/* Before it is sent, the school sees nothing. */
	t_login("school");
	r = t_call("GET", "/api/v1/referrals/inbox", NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 0);
	t_login("worker");
	r = step("referrals", id, 1, "{\"action\":\"send\"}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "status"), "SENT");
	time_today(today);
	date_add_days(today, 7, due);
	cr_assert_str_eq(t_str(r, "sent_on"), today);
	cr_assert_str_eq(t_str(r, "reply_due_on"), due);
	/* The school contact reads it in the inbox and acts on it. */
	t_login("school");
	r = t_call("GET", "/api/v1/referrals/inbox", NULL);
	cr_assert_eq(t_int(r, "items/0/id"), id);
	cr_assert_str_eq(t_str(r, "items/0/reason"), "长期缺课，需学校跟进");
	r = get("referrals", id, "");
	cr_assert_eq(r->status, 403);	/* only through the inbox */
	r = step("referrals", id, 2, "{\"action\":\"acknowledge\"}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "status"), "ACKNOWLEDGED");
	r = step("referrals", id, 3, "{\"action\":\"accept\"}");
	cr_assert_str_eq(t_str(r, "status"), "ACCEPTED");
	r = step("referrals", id, 4, "{\"action\":\"start\"}");
	cr_assert_str_eq(t_str(r, "status"), "IN_SERVICE");
	r = step("referrals", id, 5, "{\"action\":\"feedback\"}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "feedback");
	r = step("referrals", id, 5, "{\"action\":\"feedback\",\"fields\":"
	    "{\"feedback\":\"已安排班主任每周家访，出勤恢复\"}}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "status"), "FEEDBACK");
	cr_assert_str_eq(t_str(r, "feedback"), "已安排班主任每周家访，出勤恢复");
	/* Closing is the sender's. */
	r = step("referrals", id, 6, "{\"action\":\"close\"}");
	cr_assert_eq(r->status, 403);
	t_login("worker");
	r = step("referrals", id, 6, "{\"action\":\"close\"}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "status"), "CLOSED");
	r = get("referrals", id, "/transitions");
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 6);
	cr_assert_str_eq(t_str(r, "items/1/action"), "acknowledge");
	cr_assert_eq(t_int(r, "items/1/user_id"), user_id("school"));
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'transition' AND resource = 'referrals'"), 6);
}

Test(referrals, rejection_needs_a_reason_and_goes_back_to_draft)
{
	struct res	*r;
	long long	 child, school, other, id;
	char		 path[64], body[64];

	t_login("lead");
	school = partner("SCHOOL", "大堡子镇中心小学", "630105100000");
	other = partner("SCHOOL", "城北区育才中学", "630105000000");
	t_login("worker");
	child = t_child("李娜", "F", "2014-05-06");
	id = referral(child, school);
	step("referrals", id, 1, "{\"action\":\"send\"}");
	/* Skipping a step is refused, naming both. */
	t_login("school");
	r = step("referrals", id, 2, "{\"action\":\"accept\"}");
	cr_assert_eq(r->status, 409);
	cr_assert(strstr(t_str(r, "detail"), "已发送") != NULL, "%s", r->body);
	step("referrals", id, 2, "{\"action\":\"acknowledge\"}");
	r = step("referrals", id, 3, "{\"action\":\"reject\"}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "reason");
	r = step("referrals", id, 3, "{\"action\":\"reject\",\"reason\":"
	    "\"学生不在本校就读\"}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "status"), "REJECTED");
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM workflow_log WHERE "
	    "action = 'reject' AND reason = '学生不在本校就读'"), 1);
	/* The school cannot redraft; the worker does, then re-addresses it. */
	r = step("referrals", id, 4, "{\"action\":\"redraft\"}");
	cr_assert_eq(r->status, 403);
	t_login("worker");
	r = step("referrals", id, 4, "{\"action\":\"redraft\"}");
	cr_assert_str_eq(t_str(r, "status"), "DRAFT");
	snprintf(path, sizeof(path), "/api/v1/referrals/%lld", id);
	snprintf(body, sizeof(body), "{\"partner_id\":%lld}", other);
	r = t_call_h("PATCH", path, body, (const char *[]){ "If-Match: 5",
	    NULL });
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_int(r, "partner_id"), other);
	r = step("referrals", id, 6, "{\"action\":\"send\"}");
	cr_assert_str_eq(t_str(r, "status"), "SENT");
	/* Once sent, the partner stays. */
	snprintf(body, sizeof(body), "{\"partner_id\":%lld}", school);
	r = t_call_h("PATCH", path, body, (const char *[]){ "If-Match: 7",
	    NULL });
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "partner_id");
}

Test(referrals, school_contact_acts_only_for_schools_in_scope)
{
	struct res	*r;
	long long	 child, police, far, a, b;

	t_login("countylead");
	police = partner("POLICE", "大堡子派出所", "630105100000");
	far = partner("SCHOOL", "恰卜恰镇小学", "632521100000");
	t_login("worker");
	child = t_child("李娜", "F", "2014-05-06");
	a = referral(child, police);
	b = referral(child, far);
	step("referrals", a, 1, "{\"action\":\"send\"}");
	step("referrals", b, 1, "{\"action\":\"send\"}");
	t_login("school");
	r = t_call("GET", "/api/v1/referrals/inbox", NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r), "items")), 0);
	r = step("referrals", a, 2, "{\"action\":\"acknowledge\"}");
	cr_assert_eq(r->status, 403, "%s", r->body);
	cr_assert_str_eq(t_str(r, "field"), "partner_id");
	r = step("referrals", b, 2, "{\"action\":\"acknowledge\"}");
	cr_assert_eq(r->status, 403, "%s", r->body);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM referrals WHERE status "
	    "= 'SENT'"), 2);
	/* Another county's worker cannot see or refer this child. */
	t_login("worker2");
	r = get("referrals", a, "");
	cr_assert_eq(r->status, 404);
	r = step("referrals", a, 2, "{\"action\":\"acknowledge\"}");
	cr_assert_eq(r->status, 404);
}

Test(referrals, escalation_after_the_reply_days)
{
	struct res	*r;
	long long	 child, school, id;
	char		 sql[160];

	t_login("lead");
	school = partner("SCHOOL", "大堡子镇中心小学", "630105100000");
	t_login("worker");
	child = t_child("李娜", "F", "2014-05-06");
	id = referral(child, school);
	step("referrals", id, 1, "{\"action\":\"send\"}");
	/* Not yet due: neither the route nor the lead may escalate. */
	t_login("lead");
	r = t_call("POST", "/api/v1/referrals/escalate", "{}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_int(r, "count"), 0);
	r = step("referrals", id, 2, "{\"action\":\"escalate\"}");
	cr_assert_eq(r->status, 409, "%s", r->body);
	cr_assert_str_eq(t_str(r, "field"), "reply_due_on");
	/* Eight days later, the reply (due after seven) has not come. */
	snprintf(sql, sizeof(sql), "UPDATE referrals SET sent_on = '%s', "
	    "reply_due_on = '%s'", day(-8), day(-1));
	{
		struct store	*db = store_pool_acquire(t_app.pool);
		struct err	 e;

		cr_assert_eq(store_exec(db, sql, &e), 0, "%s", e.msg_en);
		store_pool_release(t_app.pool, db);
	}
	/* A worker may not run it; another county's lead finds nothing. */
	t_login("worker");
	r = t_call("POST", "/api/v1/referrals/escalate", "{}");
	cr_assert_eq(r->status, 403);
	t_login("lead");
	r = t_call("POST", "/api/v1/referrals/escalate", "{}");
	cr_assert_eq(t_int(r, "count"), 1, "%s", r->body);
	cr_assert_eq(t_int(r, "escalated/0"), id);
	r = get("referrals", id, "");
	cr_assert_str_eq(t_str(r, "status"), "ESCALATED");
	/* Logged as a step by the system (user 0), with its reason. */
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM workflow_log WHERE "
	    "action = 'escalate' AND user_id = 0 AND to_state = 'ESCALATED' "
	    "AND reason LIKE 'no reply by%'"), 1);
	/* Who ran it is audited besides the system's step. */
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'escalate' AND resource = 'referrals' AND user_id = (SELECT id "
	    "FROM users WHERE login = 'lead')"), 1);
	r = t_call("POST", "/api/v1/referrals/escalate", "{}");
	cr_assert_eq(t_int(r, "count"), 0);	/* once only */
	/* Sent again: a new reply date. */
	t_login("worker");
	r = step("referrals", id, 3, "{\"action\":\"resend\"}");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "status"), "SENT");
	cr_assert_str_eq(t_str(r, "reply_due_on"), day(7));
}

/* ---- mandatory reports --------------------------------------------- */

static struct res *
raise(const char *src, long long src_id, const char *det, const char *rep,
    const char *recipients)
{
	char	body[512];

	snprintf(body, sizeof(body), "{\"source_resource\":\"%s\","
	    "\"source_id\":%lld,\"trigger\":\"ALONE_OR_MISSING\","
	    "\"detected_at\":\"%s\",\"reported_at\":\"%s\","
	    "\"recipients\":%s}", src, src_id, det, rep, recipients);
	return (post("/api/v1/mandatory_reports/raise", body));
}

Test(referrals, report_raised_from_a_visit_shows_the_delay)
{
	struct res	*r;
	long long	 child, v, id;
	char		 det[40], rep[40];

	t_login("worker");
	child = t_child("马小花", "F", "2016-07-08");
	v = visit(child, day(-3), day(-1));
	snprintf(det, sizeof(det), "%sT08:15:00+08:00", day(-3));
	snprintf(rep, sizeof(rep), "%sT10:45:00+08:00", day(-3));
	r = raise("visits", v, det, rep, "[\"POLICE\",\"CIVIL_AFFAIRS\"]");
	cr_assert_eq(r->status, 201, "%s", r->body);
	id = t_int(r, "id");
	cr_assert_str_eq(t_str(r, "status"), "REPORTED");
	cr_assert_eq(t_int(r, "child_id"), child);
	cr_assert_str_eq(t_str(r, "source_resource"), "visits");
	cr_assert_eq(t_int(r, "source_id"), v);
	cr_assert_str_eq(t_str(r, "report_trigger"), "ALONE_OR_MISSING");
	cr_assert_str_eq(t_str(r, "recipients"), "POLICE,CIVIL_AFFAIRS");
	cr_assert_eq(t_int(r, "report_delay_minutes"), 150);
	cr_assert_eq(t_int(r, "report_delay_hours"), 2);
	cr_assert_eq(t_int(r, "reporter_user_id"), user_id("worker"));
	r = get("mandatory_reports", id, "/transitions");
	cr_assert_str_eq(t_str(r, "items/0/action"), "report");
	cr_assert_str_eq(t_str(r, "items/0/from"), "DETECTED");
	/* Offsets count: 23:30 UTC is 07:30 next day in Beijing. */
	snprintf(det, sizeof(det), "%sT23:30:00Z", day(-3));
	snprintf(rep, sizeof(rep), "%sT08:00:00+08:00", day(-2));
	r = raise("visits", v, det, rep, "[\"POLICE\"]");
	cr_assert_eq(r->status, 201, "%s", r->body);
	cr_assert_eq(t_int(r, "report_delay_minutes"), 30);
	/* A child record is a source too. */
	r = raise("children", child, det, rep, "\"EDUCATION\"");
	cr_assert_eq(r->status, 201, "%s", r->body);
	cr_assert_eq(t_int(r, "child_id"), child);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM mandatory_reports"), 3);
}

Test(referrals, raise_refuses_bad_times_recipients_and_sources)
{
	struct res	*r;
	long long	 child, v;
	char		 det[40], rep[40], body[256];

	t_login("worker");
	child = t_child("马小花", "F", "2016-07-08");
	v = visit(child, day(-3), day(-1));
	snprintf(det, sizeof(det), "%sT10:00:00+08:00", day(-3));
	snprintf(rep, sizeof(rep), "%sT09:00:00+08:00", day(-3));
	r = raise("visits", v, det, rep, "[\"POLICE\"]");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "reported_at");
	r = raise("visits", v, det, "2026-05-01 10:00", "[\"POLICE\"]");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "reported_at");
	r = raise("visits", v, rep, det, "[]");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "recipients");
	r = raise("visits", v, rep, det, "[\"POLICE\",\"MAYOR\"]");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "recipients");
	snprintf(body, sizeof(body), "{\"source_resource\":\"visits\","
	    "\"source_id\":%lld,\"trigger\":\"HARM\",\"detected_at\":\"%s\","
	    "\"recipients\":[\"POLICE\"]}", v, det);
	r = post("/api/v1/mandatory_reports/raise", body);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "reported_at");
	r = raise("regions", 1, rep, det, "[\"POLICE\"]");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "source_resource");
	r = raise("nothing", 1, rep, det, "[\"POLICE\"]");
	cr_assert_eq(r->status, 400);
	r = raise("visits", 999, rep, det, "[\"POLICE\"]");
	cr_assert_eq(r->status, 404);
	cr_assert_str_eq(t_str(r, "field"), "source_id");
	/* Another county's worker cannot raise from this visit. */
	t_login("worker2");
	r = raise("visits", v, rep, det, "[\"POLICE\"]");
	cr_assert_eq(r->status, 404);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM mandatory_reports"), 0);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM workflow_log"), 0);
}

Test(referrals, reporter_is_hidden_from_all_but_the_reporter_and_leads)
{
	struct res	*r;
	long long	 child, v, id;
	char		 det[40], rep[40], path[64];

	t_login("worker");
	child = t_child("马小花", "F", "2016-07-08");
	v = visit(child, day(-3), day(-1));
	snprintf(det, sizeof(det), "%sT08:00:00+08:00", day(-3));
	snprintf(rep, sizeof(rep), "%sT08:20:00+08:00", day(-3));
	r = raise("visits", v, det, rep, "[\"POLICE\"]");
	id = t_int(r, "id");
	r = get("mandatory_reports", id, "");
	cr_assert_eq(t_int(r, "reporter_user_id"), user_id("worker"));
	t_login("director");
	r = get("mandatory_reports", id, "");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert(json_object_get(t_json(r), "reporter_user_id") == NULL,
	    "%s", r->body);
	cr_assert_eq(t_int(r, "report_delay_minutes"), 20);
	r = get("mandatory_reports", id, "/transitions");
	cr_assert(json_object_get(json_array_get(json_object_get(t_json(r),
	    "items"), 0), "user_id") == NULL, "%s", r->body);
	r = t_call("GET", "/api/v1/mandatory_reports", NULL);
	cr_assert(json_object_get(json_array_get(json_object_get(t_json(r),
	    "items"), 0), "reporter_user_id") == NULL, "%s", r->body);
	t_login("evaluator");
	r = get("mandatory_reports", id, "");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert(json_object_get(t_json(r), "reporter_user_id") == NULL);
	cr_assert_str_eq(t_str(r, "detected_at"), det);
	t_login("supervisor");
	r = get("mandatory_reports", id, "");
	cr_assert_eq(t_int(r, "reporter_user_id"), user_id("worker"));
	r = get("mandatory_reports", id, "/transitions");
	cr_assert_eq(t_int(r, "items/0/user_id"), user_id("worker"));
	r = t_call("GET", "/api/v1/schema/mandatory_reports", NULL);
	cr_assert(strstr(r->body, "\"confidential\":true") != NULL);
	/* Not filterable, not writable. */
	r = t_call("GET", "/api/v1/mandatory_reports?reporter_user_id=2",
	    NULL);
	cr_assert_eq(r->status, 400);
	t_login("worker");
	snprintf(path, sizeof(path), "/api/v1/mandatory_reports/%lld", id);
	r = t_call_h("PATCH", path, "{\"reporter_user_id\":1}",
	    (const char *[]){ "If-Match: 2", NULL });
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "reporter_user_id");
}

Test(referrals, report_stages_need_their_records)
{
	struct res	*r;
	long long	 child, v, id;
	char		 det[40], rep[40], rec[40], body[256], path[64];

	t_login("worker");
	child = t_child("马小花", "F", "2016-07-08");
	v = visit(child, day(-3), day(-1));
	snprintf(det, sizeof(det), "%sT08:00:00+08:00", day(-3));
	snprintf(rep, sizeof(rep), "%sT08:20:00+08:00", day(-3));
	snprintf(rec, sizeof(rec), "%sT08:05:00+08:00", day(-3));
	r = raise("visits", v, det, rep, "[\"POLICE\"]");
	id = t_int(r, "id");
	/* Feedback to the reporter waits until the report is received. */
	snprintf(path, sizeof(path), "/api/v1/mandatory_reports/%lld", id);
	snprintf(body, sizeof(body), "{\"feedback_on\":\"%s\"}", day(0));
	r = t_call_h("PATCH", path, body, (const char *[]){ "If-Match: 2",
	    NULL });
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "feedback_to_reporter");
	r = step("mandatory_reports", id, 2, "{\"action\":\"receive\"}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "received_at");
	snprintf(body, sizeof(body), "{\"action\":\"receive\",\"fields\":"
	    "{\"received_at\":\"%s\"}}", rec);
	r = step("mandatory_reports", id, 2, body);
	cr_assert_eq(r->status, 400);	/* before the report */
	cr_assert_str_eq(t_str(r, "field"), "received_at");
	snprintf(rec, sizeof(rec), "%sT09:00:00+08:00", day(-3));
	snprintf(body, sizeof(body), "{\"action\":\"receive\",\"fields\":"
	    "{\"received_at\":\"%s\"}}", rec);
	r = step("mandatory_reports", id, 2, body);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "status"), "RECEIVED");
	r = step("mandatory_reports", id, 3, "{\"action\":\"respond\"}");
	cr_assert_str_eq(t_str(r, "status"), "EMERGENCY_RESPONSE");
	r = step("mandatory_reports", id, 4, "{\"action\":\"assess\"}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "emergency_response");
	r = step("mandatory_reports", id, 4, "{\"action\":\"assess\",\"fields\":"
	    "{\"emergency_response\":\"派出所出警，联系在外务工父亲返回\"}}");
	cr_assert_str_eq(t_str(r, "status"), "ASSESSMENT");
	r = step("mandatory_reports", id, 5, "{\"action\":\"assist\",\"fields\":"
	    "{\"assessment\":\"监护人长期外出，祖母无力照料\"}}");
	cr_assert_str_eq(t_str(r, "status"), "ASSISTANCE");
	r = step("mandatory_reports", id, 6, "{\"action\":\"intervene\","
	    "\"fields\":{\"assistance\":\"申请临时救助\"}}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "reason");
	r = step("mandatory_reports", id, 6, "{\"action\":\"intervene\","
	    "\"reason\":\"父亲拒不返回\",\"fields\":{\"assistance\":\"申请临时救助\"}}");
	cr_assert_str_eq(t_str(r, "status"), "GUARDIANSHIP_INTERVENTION");
	r = step("mandatory_reports", id, 7, "{\"action\":\"monitor\"}");
	cr_assert_eq(r->status, 409);
	r = step("mandatory_reports", id, 7, "{\"action\":"
	    "\"monitor_after_intervention\",\"fields\":"
	    "{\"guardianship_intervention\":\"训诫，委托亲属监护\"}}");
	cr_assert_str_eq(t_str(r, "status"), "MONITORING");
	snprintf(body, sizeof(body), "{\"action\":\"close\",\"fields\":"
	    "{\"monitoring\":\"每周走访\",\"feedback_to_reporter\":\"已处置\","
	    "\"feedback_on\":\"%s\"}}", day(0));
	r = step("mandatory_reports", id, 8, body);
	cr_assert_eq(r->status, 403);	/* a worker does not close */
	t_login("supervisor");
	r = step("mandatory_reports", id, 8, body);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "status"), "CLOSED");
	cr_assert_str_eq(t_str(r, "feedback_on"), day(0));
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM workflow_log WHERE "
	    "resource = 'mandatory_reports'"), 8);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "resource = 'mandatory_reports' AND action = 'transition'"), 8);
}

/* ---- the timeline ---------------------------------------------------- */

Test(referrals, timeline_in_date_order_within_scope)
{
	struct res	*r;
	long long	 child, school, v, ref;
	char		 body[512], det[40], rep[40];
	json_t		*items, *it;
	const char	*prev = "";
	size_t		 i;

	t_login("lead");
	school = partner("SCHOOL", "大堡子镇中心小学", "630105100000");
	t_login("worker");
	child = t_child("马小花", "F", "2016-07-08");
	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"scope\":\"DATA_SHARING\","
	    "\"given_by_name\":\"马奶奶\",\"relation\":\"GRANDPARENT_P\","
	    "\"given_on\":\"%s\",\"evidence\":\"SIGNED_FORM\"}", child, day(-40));
	r = post("/api/v1/consents", body);
	cr_assert_eq(r->status, 201, "%s", r->body);
	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"assessed_on\":\"%s\","
	    "\"kind\":\"INITIAL\",\"safety_guardianship\":2,\"physical_health\":0,"
	    "\"mental_emotional\":1,\"parent_contact\":2,\"schooling\":0,"
	    "\"peers\":0,\"behaviour\":0,\"self_protection\":1,"
	    "\"family_finances\":1,\"hukou_schooling_status\":0}", child,
	    day(-30));
	r = post("/api/v1/assessments", body);
	cr_assert_eq(r->status, 201, "%s", r->body);
	v = visit(child, day(-20), day(-10));
	snprintf(det, sizeof(det), "%sT08:00:00+08:00", day(-20));
	snprintf(rep, sizeof(rep), "%sT09:00:00+08:00", day(-20));
	r = raise("visits", v, det, rep, "[\"POLICE\"]");
	cr_assert_eq(r->status, 201, "%s", r->body);
	ref = referral(child, school);
	step("referrals", ref, 1, "{\"action\":\"send\"}");
	r = get("children", child, "/timeline");
	cr_assert_eq(r->status, 200, "%s", r->body);
	items = json_object_get(t_json(r), "items");
	cr_assert_eq(json_array_size(items), 7, "%s", r->body);
	cr_assert_str_eq(t_str(r, "items/0/resource"), "consents");
	cr_assert_str_eq(t_str(r, "items/0/at"), day(-40));
	cr_assert_str_eq(t_str(r, "items/1/resource"), "assessments");
	cr_assert_str_eq(t_str(r, "items/1/summary/risk_level"), "MEDIUM");
	cr_assert_str_eq(t_str(r, "items/2/resource"), "visits");
	cr_assert_str_eq(t_str(r, "items/2/summary/place"), "家中");
	cr_assert_str_eq(t_str(r, "items/3/resource"), "mandatory_reports");
	cr_assert_str_eq(t_str(r, "items/3/kind"), "record");
	/*
	 * Entered just now, maybe within one millisecond: the report's step,
	 * the referral and its step "send", the referral before its step.
	 */
	{
		int	rstep = -1, rrec = -1, send = -1;

		for (i = 4; i < 7; i++) {
			it = json_array_get(items, i);
			if (json_object_get(it, "action") != NULL &&
			    strcmp(json_string_value(json_object_get(it,
			    "action")), "report") == 0)
				rstep = (int)i;
			else if (json_object_get(it, "action") != NULL &&
			    strcmp(json_string_value(json_object_get(it,
			    "action")), "send") == 0)
				send = (int)i;
			else if (strcmp(json_string_value(json_object_get(it,
			    "resource")), "referrals") == 0)
				rrec = (int)i;
		}
		cr_assert(rstep != -1 && rrec != -1 && send != -1 &&
		    rrec < send, "%s", r->body);
	}
	json_array_foreach(items, i, it) {
		const char *at = json_string_value(json_object_get(it, "at"));

		cr_assert(strcmp(prev, at) <= 0, "%s before %s", prev, at);
		prev = at;
	}
	/*
	 * The evaluator reads only mandatory reports (consents, visits,
	 * referrals are not theirs), de-identified.
	 */
	t_login("evaluator");
	r = get("children", child, "/timeline");
	cr_assert_eq(r->status, 200, "%s", r->body);
	items = json_object_get(t_json(r), "items");
	cr_assert_eq(json_array_size(items), 2, "%s", r->body);
	cr_assert_str_eq(t_str(r, "items/0/resource"), "mandatory_reports");
	cr_assert_eq(t_int(r, "items/0/summary/report_delay_minutes"), 60);
	cr_assert_str_eq(t_str(r, "items/1/action"), "report");
	/* Out of scope: 404, audited as denied. */
	t_login("worker2");
	r = get("children", child, "/timeline");
	cr_assert_eq(r->status, 404);
	cr_assert(t_sql_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'denied' AND resource = 'children'") >= 1);
	t_login("school");
	r = get("children", child, "/timeline");
	cr_assert_eq(r->status, 403);
}

/* ---- the directory in HSDS ------------------------------------------ */

Test(referrals, partners_scope_and_hsds_ids)
{
	struct res	*r;
	long long	 p;
	char		 org[37], svc[37], path[64];

	t_login("lead");
	p = partner("SCHOOL", "大堡子镇中心小学", "630105100000");
	r = post("/api/v1/partners", "{\"kind\":\"CLINIC\",\"name\":\"卫生院\","
	    "\"region_code\":\"630105100000\",\"email\":\"not an email\"}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "email");
	r = post("/api/v1/partners", "{\"kind\":\"CLINIC\",\"name\":\"卫生院\","
	    "\"region_code\":\"630105100000\",\"postal_code\":\"81000\"}");
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "postal_code");
	r = post("/api/v1/partners", "{\"kind\":\"CLINIC\",\"name\":\"卫生院\","
	    "\"region_code\":\"632521100000\"}");
	cr_assert_eq(r->status, 403);	/* outside the lead's county */
	t_login("worker");
	r = post("/api/v1/partners", "{\"kind\":\"CLINIC\",\"name\":\"卫生院\","
	    "\"region_code\":\"630105100000\"}");
	cr_assert_eq(r->status, 403);	/* the directory is kept by leads */
	r = t_call("GET", "/api/v1/partners/hsds", NULL);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(t_str(r, "hsds_version"), "3.0");
	hsds_uuid(p, "organization", org);
	hsds_uuid(p, "service", svc);
	cr_assert_str_eq(t_str(r, "organizations/0/id"), org);
	cr_assert_eq(strlen(org), 36);
	cr_assert_eq(org[14], '5');	/* version 5 */
	cr_assert_str_neq(org, svc);
	cr_assert_str_eq(t_str(r, "organizations/0/name"), "大堡子镇中心小学");
	cr_assert_str_eq(t_str(r, "services/0/organization_id"), org);
	cr_assert_str_eq(t_str(r, "services/0/status"), "active");
	cr_assert_str_eq(t_str(r, "services/0/schedules/0/description"),
	    "周一至周五 8:00-17:00");
	cr_assert_str_eq(t_str(r, "locations/0/addresses/0/country"), "CN");
	cr_assert_str_eq(t_str(r, "locations/0/addresses/0/state_province"),
	    "青海省");
	cr_assert_str_eq(t_str(r, "locations/0/addresses/0/city"), "西宁市");
	cr_assert_str_eq(t_str(r, "locations/0/addresses/0/postal_code"),
	    "810000");
	/* Same partner, same ids, every time. */
	r = t_call("GET", "/api/v1/partners/hsds", NULL);
	cr_assert_str_eq(t_str(r, "organizations/0/id"), org);
	snprintf(path, sizeof(path), "/api/v1/partners/%lld", p);
	r = t_call("GET", path, NULL);
	cr_assert_eq(r->status, 200);
	t_login("worker2");
	r = t_call("GET", "/api/v1/partners/hsds", NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r),
	    "organizations")), 0);
	r = t_call("GET", path, NULL);
	cr_assert_eq(r->status, 404);
}

Test(referrals, roles_and_scope_refusals)
{
	struct res	*r;
	long long	 child, school, v, ref;
	char		 det[40], rep[40];

	t_login("lead");
	school = partner("SCHOOL", "大堡子镇中心小学", "630105100000");
	t_login("worker");
	child = t_child("王小明", "M", "2015-03-04");
	v = visit(child, day(-5), day(-1));
	ref = referral(child, school);
	snprintf(det, sizeof(det), "%sT08:00:00+08:00", day(-5));
	snprintf(rep, sizeof(rep), "%sT08:10:00+08:00", day(-5));
	r = raise("visits", v, det, rep, "[\"POLICE\"]");
	cr_assert_eq(r->status, 201, "%s", r->body);
	/* The child director of the village reads and records. */
	t_login("director");
	r = get("visits", v, "");
	cr_assert_eq(r->status, 200);
	r = get("referrals", ref, "");
	cr_assert_eq(r->status, 200);
	/* Another town's supervisor: not found, and the refusal audited. */
	t_login("township");
	r = get("visits", v, "");
	cr_assert_eq(r->status, 404);
	r = get("referrals", ref, "");
	cr_assert_eq(r->status, 404);
	r = get("mandatory_reports", 1, "");
	cr_assert_eq(r->status, 404);
	r = step("referrals", ref, 1, "{\"action\":\"send\"}");
	cr_assert_eq(r->status, 404);
	r = raise("visits", v, det, rep, "[\"POLICE\"]");
	cr_assert_eq(r->status, 404);
	cr_assert(t_sql_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'denied' AND resource IN ('visits', 'referrals', "
	    "'mandatory_reports')") >= 4);
	/* Roles without a part: purchaser, finance, school. */
	t_login("purchaser");
	r = t_call("GET", "/api/v1/visits", NULL);
	cr_assert_eq(r->status, 403);
	r = t_call("GET", "/api/v1/mandatory_reports", NULL);
	cr_assert_eq(r->status, 403);
	r = raise("visits", v, det, rep, "[\"POLICE\"]");
	cr_assert_eq(r->status, 403);
	t_login("finance");
	r = t_call("GET", "/api/v1/referrals", NULL);
	cr_assert_eq(r->status, 403);
	r = get("children", child, "/timeline");
	cr_assert_eq(r->status, 403);
	t_login("evaluator");
	r = t_call("GET", "/api/v1/mandatory_reports", NULL);
	cr_assert_eq(r->status, 200);
	r = step("mandatory_reports", 1, 2, "{\"action\":\"receive\"}");
	cr_assert_eq(r->status, 403);	/* reads, never acts */
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM visits"), 1);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM mandatory_reports"), 1);
	cr_assert_eq(t_sql_int("SELECT COUNT(*) FROM referrals WHERE status "
	    "= 'DRAFT'"), 1);
}

/* 09:00 in Beijing is 01:00 UTC: before 02:00 UTC, whatever the text. */
Test(referrals, timeline_orders_times_by_instant_not_text)
{
	struct res	*r;
	long long	 child, first, second;
	char		 a[40], a2[40], b[40], b2[40];

	t_login("worker");
	child = t_child("马小花", "F", "2016-07-08");
	snprintf(b, sizeof(b), "%sT02:00:00Z", day(-4));
	snprintf(b2, sizeof(b2), "%sT03:00:00Z", day(-4));
	r = raise("children", child, b, b2, "[\"POLICE\"]");
	second = t_int(r, "id");
	snprintf(a, sizeof(a), "%sT09:00:00+08:00", day(-4));
	snprintf(a2, sizeof(a2), "%sT09:30:00+08:00", day(-4));
	r = raise("children", child, a, a2, "[\"POLICE\"]");
	first = t_int(r, "id");
	r = get("children", child, "/timeline");
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_int(r, "items/0/id"), first, "%s", r->body);
	cr_assert_str_eq(t_str(r, "items/0/at"), a);
	cr_assert_eq(t_int(r, "items/1/id"), second);
	cr_assert_str_eq(t_str(r, "items/1/kind"), "record");
}
