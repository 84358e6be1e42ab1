/*
 * groups.c - the rules of group work, community activities and social
 * administration that need other rows (groups.h), run inside the
 * write's transaction: dates within the project's service period, places
 * within its service area, children in the writer's scope, one row per
 * child where one is meant, a child present at two sessions at once,
 * allocations within their donation; and a group's attendance rates.
 * Dates are YYYY-MM-DD and times HH:MM, so text order is time order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "checks.h"
#include "groups.h"
#include "membership.h"

/* A query parameter: text, or an integer if s is NULL. */
struct arg {
	const char	*s;
	int64_t		 i;
};
#define I(n)	((struct arg){ NULL, (n) })
#define S(t)	((struct arg){ (t), 0 })

static struct stmt *
query(struct store *db, const char *sql, const struct arg *args, int n,
    struct err *e)
{
	struct stmt	*st;
	int		 i;

	if ((st = store_prepare(db, sql, e)) == NULL)
		return (NULL);
	for (i = 0; i < n; i++)
		if (args[i].s != NULL)
			stmt_bind_text(st, i + 1, args[i].s);
		else
			stmt_bind_int64(st, i + 1, args[i].i);
	return (st);
}

/*
 * The first row's columns as text (arena copies, NULL for SQL NULL):
 * 1 found, 0 none, -1 error.
 */
static int
row(struct store *db, const char *sql, const struct arg *args, int n,
    const char **out, int ncols, struct arena *a, struct err *e)
{
	struct stmt	*st;
	int		 rc, i;

	if ((st = query(db, sql, args, n, e)) == NULL)
		return (-1);
	if ((rc = stmt_step(st, e)) == 1)
		for (i = 0; i < ncols; i++)
			out[i] = stmt_isnull(st, i) ? NULL :
			    arena_strdup(a, stmt_text(st, i));
	stmt_finalize(st);
	return (rc);
}

/* One integer (a count, a sum); -1 with e set on error. */
static int64_t
scalar(struct store *db, const char *sql, const struct arg *args, int n,
    struct err *e)
{
	struct stmt	*st;
	int64_t		 v = -1;

	if ((st = query(db, sql, args, n, e)) == NULL)
		return (-1);
	if (stmt_step(st, e) == 1)
		v = stmt_int64(st, 0);
	stmt_finalize(st);
	return (v);
}

static const struct value *
val(const struct resource *r, const struct value *v, const char *name)
{
	return (&v[resource_field_index(r, name)]);
}

static const char *
text(const struct resource *r, const struct value *v, const char *name)
{
	const struct value	*x = val(r, v, name);

	return (x->set && !x->isnull ? x->s : NULL);
}

int
check_hhmm(const char *s, const char *field, struct err *e)
{
	if (strlen(s) != 5 || s[2] != ':' || s[0] < '0' || s[0] > '2' ||
	    s[1] < '0' || s[1] > '9' || (s[0] == '2' && s[1] > '3') ||
	    s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9') {
		err_setl(e, ERR_INVALID, field, "%s 应为时间 HH:MM（00:00-23:59）",
		    "%s must be a time HH:MM (00:00-23:59)", field);
		return (-1);
	}
	return (0);
}

/* date (of field) lies within the project's service period, if it has one. */
static int
in_period(struct store *db, int64_t project, const char *field,
    const char *date, struct arena *a, struct err *e)
{
	const char	*p[2];
	int		 rc;

	if (date == NULL)
		return (0);
	rc = row(db, "SELECT start_date, end_date FROM projects WHERE id = ?",
	    (struct arg[]){ I(project) }, 1, p, 2, a, e);
	if (rc != 1)
		return (rc);
	if ((p[0] != NULL && strcmp(date, p[0]) < 0) ||
	    (p[1] != NULL && strcmp(date, p[1]) > 0)) {
		err_setl(e, ERR_INVALID, field,
		    "%s 的日期 %s 不在项目服务期（%s 至 %s）内",
		    "%s %s is outside the project's service period (%s to %s)",
		    field, date, p[0] != NULL ? p[0] : "…",
		    p[1] != NULL ? p[1] : "…");
		return (-1);
	}
	return (0);
}

/* A region code lies within the project's service area. */
static int
in_area(struct store *db, int64_t project, const char *field,
    const char *code, struct arena *a, struct err *e)
{
	const char	*p[1];
	char		 prefix[13];
	int		 rc;

	rc = row(db, "SELECT region_code FROM projects WHERE id = ?",
	    (struct arg[]){ I(project) }, 1, p, 1, a, e);
	if (rc != 1 || code == NULL)
		return (rc);
	region_prefix(p[0], prefix);
	if (strncmp(code, prefix, strlen(prefix)) != 0) {
		err_setl(e, ERR_INVALID, field,
		    "%s %s 不在项目服务区域 %s 内",
		    "%s %s is outside the project's service area %s", field,
		    code, p[0]);
		return (-1);
	}
	return (0);
}

/*
 * Rows a rule counts against are locked for the transaction, so two
 * writers cannot both pass it (one child's attendance, one donation's
 * allocations).  SQLite's BEGIN IMMEDIATE serializes writers already.
 */
static const char *
for_update(struct store *db)
{
	return (store_kind(db) == STORE_PG ? " FOR UPDATE" : "");
}

/* Who may read children, as their declaration says. */
static unsigned
res_children_read_roles(void)
{
	const struct resource	*r = resource_find("children");

	return (r != NULL ? r->read_roles : 0);
}

/*
 * The child is in the writer's scope; *registered (if not NULL) is the
 * date the child was registered.
 */
static int
child_ok(struct store *db, const struct actor *ac, int64_t child,
    const char **registered, struct arena *a, struct err *e)
{
	const char	*c[3];
	int		 rc;

	rc = row(db, arena_printf(a, "SELECT village_code, created_at, "
	    "project_id FROM children WHERE id = ?%s", for_update(db)),
	    (struct arg[]){ I(child) }, 1, c, 3, a, e);
	if (rc == -1)
		return (-1);
	/* A project member's children are those of their projects. */
	if (rc == 0 || (ac->scope != NULL && strncmp(c[0] != NULL ? c[0] : "",
	    ac->scope, strlen(ac->scope)) != 0) || (ac->project_bound &&
	    (c[2] == NULL || !(membership_roles(ac, strtoll(c[2], NULL, 10)) &
	    res_children_read_roles())))) {
		err_setl(e, ERR_INVALID, "child_id",
		    "儿童 %lld 不存在或不在您的工作范围内",
		    "child %lld does not exist or is outside your scope",
		    (long long)child);
		return (-1);
	}
	if (registered != NULL)
		*registered = arena_printf(a, "%.10s", c[1]);
	return (0);
}

/* Another row than id already has these; the message names what. */
static int
duplicate(struct store *db, const char *sql, int64_t parent, int64_t child,
    int64_t id, const char *field, struct err *e)
{
	int64_t	n;

	n = scalar(db, sql, (struct arg[]){ I(parent), I(child), I(id) }, 3,
	    e);
	if (n == -1)
		return (-1);
	if (n > 0) {
		err_setl(e, ERR_CONFLICT, field, "%s %lld 已登记过",
		    "%s %lld is already recorded", field, (long long)child);
		return (-1);
	}
	return (0);
}

static int64_t
group_project(struct store *db, int64_t group, struct err *e)
{
	return (scalar(db, "SELECT project_id FROM groups WHERE id = ?",
	    (struct arg[]){ I(group) }, 1, e));
}

int
groups_guard(const struct resource *r, const struct transition *t,
    struct store *db, const struct actor *ac, int64_t id,
    const struct value *v, struct arena *a, struct err *e)
{
	int64_t	n;

	if (strcmp(t->action, "form") != 0)
		return (0);
	n = scalar(db, "SELECT count(*) FROM group_members WHERE group_id = ? "
	    "AND left_on IS NULL", (struct arg[]){ I(id) }, 1, e);
	if (n == -1)
		return (-1);
	if (n < 2) {
		err_setl(e, ERR_CONFLICT, "action",
		    "小组形成须至少有 %d 名成员，现有 %lld 名",
		    "a group forms with at least %d members; it has %lld", 2,
		    (long long)n);
		return (-1);
	}
	return (0);
}

int
groups_check_group(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, const struct value *v,
    struct arena *a, struct err *e)
{
	return (in_area(db, val(r, v, "project_id")->i, "region_code",
	    text(r, v, "region_code"), a, e));
}

int
groups_check_member(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, const struct value *v,
    struct arena *a, struct err *e)
{
	int64_t	group = val(r, v, "group_id")->i;
	int64_t	child = val(r, v, "child_id")->i;

	if (child_ok(db, ac, child, NULL, a, e) == -1)
		return (-1);
	return (duplicate(db, "SELECT count(*) FROM group_members WHERE "
	    "group_id = ? AND child_id = ? AND id <> ?", group, child, id,
	    "child_id", e));
}

/*
 * Whether the child is present at another session, not cancelled, on
 * the same date whose times overlap [start, end): refused naming it.
 */
static int
overlap(struct store *db, const struct actor *ac, int64_t child,
    int64_t session, const char *date, const char *start, const char *end,
    struct arena *a, struct err *e)
{
	const char	*o[6];
	int		 rc;

	rc = row(db, "SELECT s.id, g.name, s.number, s.start_time, s.end_time, "
	    "g.region_code "
	    "FROM attendance a JOIN group_sessions s ON s.id = a.session_id "
	    "JOIN groups g ON g.id = s.group_id WHERE a.child_id = ? AND "
	    "a.status = 'PRESENT' AND a.session_id <> ? AND s.status <> "
	    "'CANCELLED' AND s.planned_date = ? AND s.start_time < ? AND "
	    "s.end_time > ? ORDER BY s.id", (struct arg[]){ I(child),
	    I(session), S(date), S(end), S(start) }, 5, o, 6, a, e);
	if (rc != 1)
		return (rc);
	/* A group outside the writer's scope is not named. */
	if (ac->scope != NULL && strncmp(o[5], ac->scope, strlen(ac->scope)))
		o[1] = "…";
	err_setl(e, ERR_CONFLICT, "child_id",
	    "儿童 %lld 在 %s %s-%s 已出席另一节活动：小组「%s」第 %s 节"
	    "（节次编号 %s）",
	    "child %lld is already present at another session at that time, "
	    "%s %s-%s: group \"%s\" session %s (session id %s)",
	    (long long)child, date, o[3], o[4], o[1], o[2], o[0]);
	return (-1);
}

int
groups_check_session(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, const struct value *v,
    struct arena *a, struct err *e)
{
	const char	*date = text(r, v, "planned_date");
	int64_t		 group = val(r, v, "group_id")->i, project, n, *kids, *p;
	struct stmt	*st;
	size_t		 nk = 0, i;
	int		 rc;

	if ((project = group_project(db, group, e)) == -1 ||
	    in_period(db, project, "planned_date", date, a, e) == -1 ||
	    in_period(db, project, "held_on", text(r, v, "held_on"), a,
	    e) == -1)
		return (-1);
	n = scalar(db, "SELECT count(*) FROM group_sessions WHERE group_id = ? "
	    "AND number = ? AND id <> ?", (struct arg[]){ I(group),
	    I(val(r, v, "number")->i), I(id) }, 3, e);
	if (n == -1)
		return (-1);
	if (n > 0) {
		err_setl(e, ERR_CONFLICT, "number", "该小组已有第 %lld 节",
		    "the group already has a session number %lld",
		    (long long)val(r, v, "number")->i);
		return (-1);
	}
	if (id == 0 || strcmp(text(r, v, "status"), "CANCELLED") == 0)
		return (0);
	/* Moved in time: those present must not be elsewhere then. */
	st = query(db, "SELECT child_id FROM attendance WHERE session_id = ? "
	    "AND status = 'PRESENT' ORDER BY child_id", (struct arg[]){
	    I(id) }, 1, e);
	if (st == NULL)
		return (-1);
	kids = arena_alloc(a, (size_t)(n = 64) * sizeof(*kids));
	while ((rc = stmt_step(st, e)) == 1) {
		if (nk == (size_t)n) {
			p = arena_alloc(a, (size_t)(n *= 2) * sizeof(*kids));
			memcpy(p, kids, nk * sizeof(*kids));
			kids = p;
		}
		kids[nk++] = stmt_int64(st, 0);
	}
	stmt_finalize(st);
	if (rc == -1)
		return (-1);
	for (i = 0; i < nk; i++)
		if (overlap(db, ac, kids[i], id, date, text(r, v, "start_time"),
		    text(r, v, "end_time"), a, e) == -1)
			return (-1);
	return (0);
}

int
groups_check_attendance(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, const struct value *v,
    struct arena *a, struct err *e)
{
	int64_t		 session = val(r, v, "session_id")->i;
	int64_t		 child = val(r, v, "child_id")->i, n;
	const char	*s[5], *registered;
	int64_t		 group;

	/* group_id, planned_date, start_time, end_time, status */
	if (row(db, "SELECT group_id, planned_date, start_time, end_time, "
	    "status FROM group_sessions WHERE id = ?", (struct arg[]){
	    I(session) }, 1, s, 5, a, e) != 1)
		return (-1);
	group = strtoll(s[0], NULL, 10);
	if (strcmp(s[4], "CANCELLED") == 0) {
		err_setl(e, ERR_INVALID, "session_id",
		    "节次 %lld 已取消，不能登记出勤",
		    "session %lld is cancelled: no attendance is recorded",
		    (long long)session);
		return (-1);
	}
	if (child_ok(db, ac, child, &registered, a, e) == -1 ||
	    duplicate(db, "SELECT count(*) FROM attendance WHERE session_id = ? "
	    "AND child_id = ? AND id <> ?", session, child, id, "child_id",
	    e) == -1)
		return (-1);
	n = scalar(db, "SELECT count(*) FROM group_members WHERE group_id = ? "
	    "AND child_id = ? AND joined_on <= ? AND (left_on IS NULL OR "
	    "left_on >= ?)", (struct arg[]){ I(group), I(child), S(s[1]),
	    S(s[1]) }, 4, e);
	if (n == -1)
		return (-1);
	if (n == 0) {
		err_setl(e, ERR_INVALID, "child_id",
		    "儿童 %lld 在 %s 不是该小组的成员",
		    "child %lld is not a member of the group on %s",
		    (long long)child, s[1]);
		return (-1);
	}
	if (strcmp(registered, s[1]) > 0) {
		err_setl(e, ERR_INVALID, "session_id",
		    "节次日期 %s 早于儿童 %lld 的登记日期 %s",
		    "the session's date %s is before child %lld was registered "
		    "on %s", s[1], (long long)child, registered);
		return (-1);
	}
	if (strcmp(text(r, v, "status"), "PRESENT") != 0)
		return (0);
	return (overlap(db, ac, child, session, s[1], s[2], s[3], a, e));
}

int
groups_check_activity(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, const struct value *v,
    struct arena *a, struct err *e)
{
	int64_t	project = val(r, v, "project_id")->i;

	if (in_area(db, project, "village_code", text(r, v, "village_code"),
	    a, e) == -1)
		return (-1);
	return (in_period(db, project, "activity_date",
	    text(r, v, "activity_date"), a, e));
}

int
groups_check_participant(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, const struct value *v,
    struct arena *a, struct err *e)
{
	int64_t	child = val(r, v, "child_id")->i;

	if (child_ok(db, ac, child, NULL, a, e) == -1)
		return (-1);
	return (duplicate(db, "SELECT count(*) FROM activity_participants "
	    "WHERE activity_id = ? AND child_id = ? AND id <> ?",
	    val(r, v, "activity_id")->i, child, id, "child_id", e));
}

static int64_t
allocated(struct store *db, int64_t donation, int64_t except, struct err *e)
{
	return (scalar(db, "SELECT COALESCE(SUM(value_fen), 0) FROM "
	    "donation_allocations WHERE donation_id = ? AND id <> ?",
	    (struct arg[]){ I(donation), I(except) }, 2, e));
}

/* A donation is worth at least what has been given out of it. */
int
groups_check_donation(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, const struct value *v,
    struct arena *a, struct err *e)
{
	int64_t	given, value = val(r, v, "value_fen")->i;

	if (id == 0)
		return (0);
	if ((given = allocated(db, id, 0, e)) == -1)
		return (-1);
	if (value < given) {
		err_setl(e, ERR_CONFLICT, "value_fen",
		    "价值 %lld 分少于已发放的 %lld 分",
		    "value_fen %lld is less than the %lld fen already given "
		    "out", (long long)value, (long long)given);
		return (-1);
	}
	return (0);
}

int
groups_check_allocation(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, const struct value *v,
    struct arena *a, struct err *e)
{
	int64_t		 donation = val(r, v, "donation_id")->i, given, worth;
	int64_t		 value = val(r, v, "value_fen")->i;
	const char	*d[2], *on = text(r, v, "given_on");

	if (child_ok(db, ac, val(r, v, "child_id")->i, NULL, a, e) == -1 ||
	    row(db, arena_printf(a, "SELECT value_fen, received_on FROM "
	    "donations WHERE id = ?%s", for_update(db)), (struct arg[]){
	    I(donation) }, 1, d, 2, a, e) != 1 ||
	    (given = allocated(db, donation, id, e)) == -1)
		return (-1);
	worth = strtoll(d[0], NULL, 10);
	if (given + value > worth) {
		err_setl(e, ERR_CONFLICT, "value_fen",
		    "发放 %lld 分将使合计 %lld 分超过捐赠价值 %lld 分",
		    "giving %lld fen would bring the total to %lld fen, more "
		    "than the donation's %lld fen", (long long)value,
		    (long long)(given + value), (long long)worth);
		return (-1);
	}
	if (strcmp(on, d[1]) < 0) {
		err_setl(e, ERR_INVALID, "given_on",
		    "发放日期 %s 早于接收捐赠的日期 %s",
		    "given_on %s is before the donation was received on %s", on,
		    d[1]);
		return (-1);
	}
	return (0);
}

int
groups_check_training(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, const struct value *v,
    struct arena *a, struct err *e)
{
	return (in_period(db, val(r, v, "project_id")->i, "training_date",
	    text(r, v, "training_date"), a, e));
}

int
groups_check_attendee(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, const struct value *v,
    struct arena *a, struct err *e)
{
	int64_t	hours, got = val(r, v, "hours_attended")->i;

	hours = scalar(db, "SELECT hours FROM trainings WHERE id = ?",
	    (struct arg[]){ I(val(r, v, "training_id")->i) }, 1, e);
	if (hours == -1)
		return (-1);
	if (got > hours) {
		err_setl(e, ERR_INVALID, "hours_attended",
		    "参训学时 %lld 超过培训学时 %lld",
		    "hours_attended %lld is more than the training's %lld hours",
		    (long long)got, (long long)hours);
		return (-1);
	}
	return (0);
}

/* present / recorded, to 4 places, rounded half up; null if none. */
static json_t *
rate(int64_t present, int64_t recorded)
{
	if (recorded == 0)
		return (json_null());
	return (json_real((double)((present * 20000 + recorded) /
	    (2 * recorded)) / 10000.0));
}

static json_t *
counts(int64_t p, int64_t ab, int64_t ex)
{
	return (json_pack("{s:I, s:I, s:I, s:o}", "present", (json_int_t)p,
	    "absent", (json_int_t)ab, "excused", (json_int_t)ex, "rate",
	    rate(p, p + ab + ex)));
}

static json_t *
member(int64_t child, const int64_t c[3])
{
	json_t	*o = counts(c[0], c[1], c[2]);

	json_object_set_new(o, "child_id", json_integer(child));
	return (o);
}

json_t *
groups_attendance(struct store *db, const struct actor *ac, int64_t group,
    struct arena *a, struct err *e)
{
	struct stmt	*st;
	json_t		*rec, *kids, *out;
	int64_t		 sessions, t[3] = { 0, 0, 0 }, c[3], child, k;
	const char	*status;
	int		 rc;

	/* The group first: scope and 404 alike. */
	if ((rec = resource_get(&res_groups, db, ac, group, a, e)) == NULL)
		return (NULL);
	json_decref(rec);
	if ((sessions = scalar(db, "SELECT count(*) FROM group_sessions WHERE "
	    "group_id = ? AND status <> 'CANCELLED'", (struct arg[]){
	    I(group) }, 1, e)) == -1)
		return (NULL);
	/* Members with no attendance come out as zeros (LEFT JOIN). */
	st = query(db, "SELECT m.child_id, x.status, count(x.id) FROM "
	    "group_members m LEFT JOIN (SELECT a.id, a.child_id, a.status "
	    "FROM attendance a JOIN group_sessions s ON s.id = a.session_id "
	    "WHERE s.group_id = ? AND s.status <> 'CANCELLED') x ON "
	    "x.child_id = m.child_id WHERE m.group_id = ? GROUP BY m.child_id, "
	    "x.status ORDER BY m.child_id", (struct arg[]){ I(group),
	    I(group) }, 2, e);
	if (st == NULL)
		return (NULL);
	kids = json_array();
	child = 0;
	memset(c, 0, sizeof(c));
	while ((rc = stmt_step(st, e)) == 1) {
		if (stmt_int64(st, 0) != child) {
			if (child != 0)
				json_array_append_new(kids, member(child, c));
			child = stmt_int64(st, 0);
			memset(c, 0, sizeof(c));
		}
		if ((status = stmt_text(st, 1)) == NULL)
			continue;
		k = strcmp(status, "PRESENT") == 0 ? 0 :
		    strcmp(status, "ABSENT") == 0 ? 1 : 2;
		c[k] += stmt_int64(st, 2);
		t[k] += stmt_int64(st, 2);
	}
	stmt_finalize(st);
	if (child != 0)
		json_array_append_new(kids, member(child, c));
	if (rc == -1 || audit_append_tx(db, ac, "read", "attendance", group,
	    "{\"group\":true}", e) == -1) {
		json_decref(kids);
		return (NULL);
	}
	out = counts(t[0], t[1], t[2]);
	json_object_set_new(out, "group_id", json_integer(group));
	json_object_set_new(out, "sessions", json_integer(sessions));
	json_object_set_new(out, "children", kids);
	return (out);
}
