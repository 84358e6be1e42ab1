/*
 * test_consent.c - guardians' consents: the declared resource (validation,
 * the derive rules, scope through the child, audited reads), the
 * consent_has()/consent_require() check, the per-child export and the
 * retention rules, on SQLite and on PostgreSQL.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/checks.h"
#include "domain/consent.h"
#include "domain/evidence.h"
#include "domain/res_consents.h"
#include "domain/retention.h"
#include "domain/roles.h"
#include "domain/scope_ref.h"
#include "domain/subject_export.h"
#include "core/util.h"
#include "t_app.h"

static struct arena	*ta;
static const struct actor t_sys = { 0, 0, "", 0, NULL };

/*
 * The test database's one connection: take it for a direct call and give
 * it back before the next t_call(), which needs it too.
 */
static struct store *
db(void)
{
	return (store_pool_acquire(t_app.pool));
}

static void
db_done(struct store *s)
{
	store_pool_release(t_app.pool, s);
}

/*
 * The fixture's field users are all scoped but "countylead" (t_app.c), a
 * lead with no scope, so the resource can be exercised through the API
 * whatever the scope rule.
 */
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

TestSuite(consent, .init = up, .fini = down, .timeout = 60);

static void
sql(const char *q)
{
	struct store	*s = db();
	struct err	 e;
	int		 rc = store_exec(s, q, &e);

	db_done(s);
	cr_assert(rc == 0, "%s: %s", q, e.msg_en);
}

/*
 * A girl in village 630105100201 (甲村), created by the system; with
 * full, also a Tibetan name, an ID number, an address and notes (the
 * last three sealed at rest).
 */
static long long
child_rec(const char *name, const char *birth, int full)
{
	struct store	*s;
	struct err	 e;
	json_t		*in, *rec;
	long long	 id;
	char		 idn[19];

	in = json_pack("{s:s, s:s, s:s, s:s}", "name", name, "sex", "F",
	    "birth_date", birth, "village_code", "630105100201");
	if (full) {
		snprintf(idn, sizeof(idn), "630105%.4s%.2s%.2s012", birth,
		    birth + 5, birth + 8);
		idn[17] = id_number_check_char(idn);
		idn[18] = '\0';
		json_object_set_new(in, "id_number", json_string(idn));
		json_object_set_new(in, "name_bo", json_string("བསྟན་འཛིན"));
		json_object_set_new(in, "address", json_string("甲村3组12号"));
		json_object_set_new(in, "notes", json_string("随祖母生活"));
	}
	s = db();
	rec = resource_create(resource_find("children"), s, &t_sys, in, ta,
	    &e);
	db_done(s);
	cr_assert(rec != NULL, "child: %s", e.msg_en);
	id = json_integer_value(json_object_get(rec, "id"));
	json_decref(rec);
	json_decref(in);
	return (id);
}

static long long
child(const char *name, const char *birth)
{
	return (child_rec(name, birth, 0));
}

/* A consent recorded by the system; withdrawn may be NULL. */
static long long
consent(long long child_id, const char *scope, const char *given,
    const char *withdrawn)
{
	struct store	*s;
	struct err	 e;
	json_t		*in, *rec;
	long long	 id;

	in = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "child_id",
	    (json_int_t)child_id, "scope", scope, "given_by_name", "赵桂兰",
	    "relation", "GRANDPARENT_P", "given_on", given, "evidence",
	    "THUMBPRINT");
	if (withdrawn != NULL)
		json_object_set_new(in, "withdrawn_on", json_string(withdrawn));
	s = db();
	rec = resource_create(&res_consents, s, &t_sys, in, ta, &e);
	db_done(s);
	cr_assert(rec != NULL, "consent: %s", e.msg_en);
	id = json_integer_value(json_object_get(rec, "id"));
	json_decref(rec);
	json_decref(in);
	return (id);
}

static int
has(long long child_id, const char *scope, const char *on)
{
	struct store	*s = db();
	struct err	 e;
	int		 rc = consent_has(s, child_id, scope, on, &e);

	db_done(s);
	return (rc);
}

/* A date days from today, local time, as time_today() counts. */
static void
day_from_today(int days, char out[11])
{
	time_t		t = time(NULL) + (time_t)days * 86400;
	struct tm	tm;

	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static long long
count(const char *q)
{
	return (t_sql_int(q));
}

Test(consent, has_follows_given_and_withdrawn_dates)
{
	long long	c = child("卓玛", "2016-04-01");
	long long	other = child("拉姆", "2016-05-01");

	consent(c, "REGISTRY", "2024-03-01", "2025-01-10");
	consent(c, "CASE_SERVICE", "2024-06-01", NULL);
	cr_assert(eq(int, has(c, "REGISTRY", "2024-02-29"), 0));
	cr_assert(eq(int, has(c, "REGISTRY", "2024-03-01"), 1));
	cr_assert(eq(int, has(c, "REGISTRY", "2025-01-09"), 1));
	/* Withdrawn on the day: no longer consented that day. */
	cr_assert(eq(int, has(c, "REGISTRY", "2025-01-10"), 0));
	cr_assert(eq(int, has(c, "REGISTRY", NULL), 0));
	cr_assert(eq(int, has(c, "CASE_SERVICE", "2024-05-31"), 0));
	cr_assert(eq(int, has(c, "CASE_SERVICE", "2024-06-01"), 1));
	cr_assert(eq(int, has(c, "CASE_SERVICE", NULL), 1));
	/* Each purpose is consented to apart; consents are per child. */
	cr_assert(eq(int, has(c, "PHOTO_PUBLICITY", NULL), 0));
	cr_assert(eq(int, has(other, "CASE_SERVICE", NULL), 0));
	/* Given again after a withdrawal: covered from the new date. */
	consent(c, "REGISTRY", "2025-06-01", NULL);
	cr_assert(eq(int, has(c, "REGISTRY", "2025-03-01"), 0));
	cr_assert(eq(int, has(c, "REGISTRY", "2025-06-01"), 1));
	cr_assert(eq(int, has(c, "REGISTRY", "2024-04-01"), 1));
}

Test(consent, has_refuses_bad_scope_and_date)
{
	struct store	*tdb;
	struct err	 e;
	long long	 c = child("卓玛", "2016-04-01");

	tdb = db();
	cr_assert(eq(int, consent_has(tdb, c, "PHOTOS", NULL, &e), -1));
	cr_assert(eq(int, e.code, ERR_INVALID));
	cr_assert(eq(str, e.field, "scope"));
	cr_assert(strstr(e.msg_en, "PHOTOS") != NULL, "%s", e.msg_en);
	cr_assert(eq(int, consent_has(tdb, c, NULL, NULL, &e), -1));
	cr_assert(eq(int, consent_has(tdb, c, "REGISTRY", "2024-02-30", &e),
	    -1));
	cr_assert(eq(int, e.code, ERR_INVALID));
	cr_assert(eq(str, e.field, "on_date"));
	db_done(tdb);
}

Test(consent, require_refuses_with_the_purpose_in_both_languages)
{
	struct store	*tdb;
	struct err	 e;
	long long	 c = child("卓玛", "2016-04-01");
	char		 want[96];

	consent(c, "CASE_SERVICE", "2024-06-01", NULL);
	tdb = db();
	cr_assert(eq(int, consent_require(tdb, c, "CASE_SERVICE", NULL, &e),
	    0));
	cr_assert(eq(int, consent_require(tdb, c, "PHOTO_PUBLICITY",
	    "2025-02-01", &e), -1));
	cr_assert(eq(int, e.code, ERR_FORBIDDEN));
	cr_assert(eq(int, err_http_status(e.code), 403));
	cr_assert(eq(str, e.field, "child_id"));
	snprintf(want, sizeof(want), "缺少监护人对照片与宣传的同意：儿童 %lld，"
	    "日期 2025-02-01", c);
	cr_assert(eq(str, e.msg_zh, want));
	snprintf(want, sizeof(want), "no guardian consent for Photos and "
	    "publicity: child %lld on 2025-02-01", c);
	cr_assert(eq(str, e.msg_en, want));
	/* A bad code is the caller's error, not a missing consent. */
	cr_assert(eq(int, consent_require(tdb, c, "BOGUS", NULL, &e), -1));
	cr_assert(eq(int, e.code, ERR_INVALID));
	db_done(tdb);
}

/*
 * POST a consent for child c: a valid body given on 2024-03-01, with the
 * members of the JSON object over (if not NULL) put over it; a member
 * set to null is taken out.
 */
static struct res *
post(long long c, const char *over)
{
	json_t		*in, *o, *v;
	const char	*k;
	void		*tmp;
	char		*body;

	in = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "child_id",
	    (json_int_t)c, "scope", "REGISTRY", "given_by_name", "赵桂兰",
	    "relation", "GRANDPARENT_P", "given_on", "2024-03-01", "evidence",
	    "SIGNED_FORM");
	if (over != NULL) {
		o = json_loads(over, 0, NULL);
		cr_assert(o != NULL, "bad test JSON %s", over);
		json_object_foreach_safe(o, tmp, k, v) {
			if (json_is_null(v))
				json_object_del(in, k);
			else
				json_object_set(in, k, v);
		}
		json_decref(o);
	}
	body = json_dumps(in, JSON_COMPACT);
	json_decref(in);
	arena_defer(ta, free, body);
	return (t_call("POST", "/api/v1/consents", body));
}

static void
refused(long long c, const char *over, const char *field)
{
	struct res	*r = post(c, over);

	cr_assert(eq(int, r->status, 400), "%s -> %d %s", over, r->status,
	    r->body);
	cr_assert(eq(str, (char *)t_str(r, "field"), (char *)field), "%s",
	    r->body);
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM consents"), 0));
}

Test(consent, api_create_validates_each_field_and_the_dates)
{
	struct res	*r;
	long long	 c = child("卓玛", "2016-04-01");
	char		 more[96], tomorrow[11], today[11];

	t_login("countylead");
	refused(c, "{\"given_on\":null}", "given_on");
	refused(c, "{\"given_by_name\":null}", "given_by_name");
	refused(c, "{\"given_on\":\"2024-02-30\"}", "given_on");
	refused(c, "{\"relation\":\"UNCLE\"}", "relation");
	refused(c, "{\"evidence\":\"NOD\"}", "evidence");
	refused(c, "{\"scope\":\"ALL\"}", "scope");
	refused(c, "{\"given_by_name\":\"\"}", "given_by_name");
	refused(c, "{\"child_id\":\"1\"}", "child_id");
	refused(c, "{\"child_id\":0}", "child_id");
	refused(c, "{\"id\":1}", "id");
	refused(99999, NULL, "child_id");
	/* Not in the future: tomorrow is refused, today is not. */
	day_from_today(2, tomorrow);
	snprintf(more, sizeof(more), "{\"given_on\":\"%s\"}", tomorrow);
	refused(c, more, "given_on");
	refused(c, "{\"withdrawn_on\":\"2024-02-29\"}", "withdrawn_on");
	day_from_today(0, today);
	snprintf(more, sizeof(more), "{\"given_on\":\"%s\"}", today);
	r = post(c, more);
	cr_assert(eq(int, r->status, 201), "%s", r->body);
	cr_assert(eq(str, (char *)t_str(r, "given_on"), today));
	r = post(c, "{\"withdrawn_on\":\"2024-03-01\",\"notes\":\"村委会见证\"}");
	cr_assert(eq(int, r->status, 201), "%s", r->body);
	cr_assert(eq(str, (char *)t_str(r, "scope"), "REGISTRY"));
	cr_assert(eq(str, (char *)t_str(r, "given_by_name"), "赵桂兰"));
	cr_assert(eq(str, (char *)t_str(r, "notes"), "村委会见证"));
	cr_assert(eq(i64, t_int(r, "child_id"), c));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM consents"), 2));
	/* Notes are sensitive: sealed at rest, not stored as typed. */
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM consents WHERE notes "
	    "LIKE 'v1:%'"), 1));
}

Test(consent, api_update_keeps_the_child_and_checks_withdrawal)
{
	struct res	*r;
	long long	 c = child("卓玛", "2016-04-01");
	long long	 c2 = child("拉姆", "2016-05-01");
	long long	 id = consent(c, "GROUP_ACTIVITY", "2024-09-01", NULL);
	char		 path[64], body[64];

	t_login("countylead");
	snprintf(path, sizeof(path), "/api/v1/consents/%lld", id);
	snprintf(body, sizeof(body), "{\"child_id\":%lld}", c2);
	r = t_call_h("PATCH", path, body, (const char *[]){ "If-Match: 1",
	    NULL });
	cr_assert(eq(int, r->status, 400), "%s", r->body);
	cr_assert(eq(str, (char *)t_str(r, "field"), "child_id"));
	r = t_call_h("PATCH", path, "{\"withdrawn_on\":\"2024-08-31\"}",
	    (const char *[]){ "If-Match: 1", NULL });
	cr_assert(eq(int, r->status, 400));
	cr_assert(eq(str, (char *)t_str(r, "field"), "withdrawn_on"));
	r = t_call_h("PATCH", path, "{\"withdrawn_on\":\"2025-01-15\"}",
	    (const char *[]){ "If-Match: 1", "Accept-Language: en", NULL });
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(i64, t_int(r, "revision"), 2));
	cr_assert(eq(str, (char *)t_str(r, "withdrawn_on"), "2025-01-15"));
	cr_assert(eq(int, has(c, "GROUP_ACTIVITY", "2025-01-14"), 1));
	cr_assert(eq(int, has(c, "GROUP_ACTIVITY", "2025-01-15"), 0));
}

Test(consent, api_list_filters_and_every_read_is_audited)
{
	struct res	*r;
	long long	 c = child("卓玛", "2016-04-01");
	long long	 c2 = child("拉姆", "2016-05-01");
	long long	 id;
	char		 path[64];

	id = consent(c, "REGISTRY", "2024-03-01", NULL);
	consent(c, "CASE_SERVICE", "2024-03-01", NULL);
	consent(c2, "REGISTRY", "2024-03-01", NULL);
	t_login("countylead");
	snprintf(path, sizeof(path), "/api/v1/consents?child_id=%lld", c);
	r = t_call("GET", path, NULL);
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(sz, json_array_size(json_object_get(t_json(r), "items")),
	    2));
	r = t_call("GET", "/api/v1/consents?scope=REGISTRY", NULL);
	cr_assert(eq(sz, json_array_size(json_object_get(t_json(r), "items")),
	    2));
	cr_assert(eq(int, t_call("GET", "/api/v1/consents?scope=ALL",
	    NULL)->status, 400));
	cr_assert(eq(int, t_call("GET", "/api/v1/consents?given_by_name=x",
	    NULL)->status, 400));
	snprintf(path, sizeof(path), "/api/v1/consents/%lld", id);
	r = t_call("GET", path, NULL);
	cr_assert(eq(int, r->status, 200));
	cr_assert(eq(str, (char *)t_str(r, "relation"), "GRANDPARENT_P"));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'read' AND resource = 'consents'"), 1));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'list' AND resource = 'consents'"), 2));
	/* Purchasers and evaluators are not among the readers at all. */
	t_login("purchaser");
	cr_assert(eq(int, t_call("GET", path, NULL)->status, 403));
	t_login("school");
	cr_assert(eq(int, t_call("GET", "/api/v1/consents", NULL)->status,
	    403));
}

Test(consent, api_schema_lists_the_purposes)
{
	struct res	*r;
	json_t		*f;
	size_t		 i;
	int		 found = 0;

	t_login("worker");
	r = t_call("GET", "/api/v1/schema/consents", NULL);
	cr_assert(eq(int, r->status, 200));
	json_array_foreach(json_object_get(t_json(r), "fields"), i, f) {
		if (strcmp(json_string_value(json_object_get(f, "name")),
		    "scope") != 0)
			continue;
		found = 1;
		cr_assert(eq(sz, json_array_size(json_object_get(f, "values")),
		    5));
		cr_assert(eq(str, (char *)json_string_value(json_object_get(
		    json_array_get(json_object_get(f, "values"), 3), "zh")),
		    "照片与宣传"));
	}
	cr_assert(found);
	cr_assert(eq(str, (char *)t_str(r, "fields/0/ref"), "children"));
}

/*
 * Outside the child's scope a consent does not exist, and trying is
 * audited; nor can one be recorded for a child outside it.  (This holds
 * whether or not resource.c calls scope_ref yet: it fails closed.)
 */
Test(consent, other_scope_cannot_read_or_record)
{
	struct res	*r;
	long long	 c = child("卓玛", "2016-04-01");
	long long	 id = consent(c, "REGISTRY", "2024-03-01", NULL);
	char		 path[64];

	t_login("worker2");
	snprintf(path, sizeof(path), "/api/v1/consents/%lld", id);
	r = t_call("GET", path, NULL);
	cr_assert(eq(int, r->status, 404), "%s", r->body);
	r = t_call_h("PATCH", path, "{\"withdrawn_on\":\"2025-01-15\"}",
	    (const char *[]){ "If-Match: 1", NULL });
	cr_assert(eq(int, r->status, 404));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'denied' AND resource = 'consents'"), 2));
	r = post(c, NULL);
	cr_assert(eq(int, r->status, 403), "%s", r->body);
	cr_assert(eq(str, (char *)t_str(r, "field"), "child_id"));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM consents"), 1));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM consents WHERE "
	    "withdrawn_on IS NULL"), 1));
}

/*
 * A worker whose township holds the child records, reads and lists its
 * consents; another township's worker lists none: the scope runs
 * through the child (domain/scope_ref.c).
 */
Test(consent, same_scope_records_reads_and_lists)
{
	struct res	*r;
	long long	 c = child("卓玛", "2016-04-01");
	long long	 id;
	char		 path[64];

	child("外村", "2016-04-01");
	sql("UPDATE children SET village_code = '632521100201' WHERE "
	    "name = '外村'");
	consent(c + 1, "REGISTRY", "2024-03-01", NULL);
	t_login("worker");
	r = post(c, NULL);
	cr_assert(eq(int, r->status, 201), "%s", r->body);
	id = t_int(r, "id");
	snprintf(path, sizeof(path), "/api/v1/consents/%lld", id);
	cr_assert(eq(int, t_call("GET", path, NULL)->status, 200));
	r = t_call("GET", "/api/v1/consents", NULL);
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(sz, json_array_size(json_object_get(t_json(r), "items")),
	    1));
	cr_assert(eq(i64, t_int(r, "items/0/id"), id));
	t_login("director");	/* 甲村 itself */
	cr_assert(eq(int, t_call("GET", path, NULL)->status, 200));
	t_login("worker2");
	r = t_call("GET", "/api/v1/consents", NULL);
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(sz, json_array_size(json_object_get(t_json(r), "items")),
	    1));
	cr_assert(ne(i64, t_int(r, "items/0/id"), id));
}

/* The scope rule through a reference, called directly. */
Test(consent, scope_ref_decides_by_the_child)
{
	const struct resource	*children = resource_find("children");
	struct actor		 ac = { 7, ROLE_WORKER, "630105100", 0, NULL };
	struct store		*tdb;
	struct value		*v;
	struct stmt		*st;
	struct err		 e;
	long long		 c = child("卓玛", "2016-04-01");
	const char		*col;
	int			 k = resource_field_index(&res_consents,
				    "child_id");

	consent(c, "REGISTRY", "2024-03-01", NULL);
	tdb = db();
	v = arena_alloc(ta, sizeof(*v) * res_consents.nfields);
	v[k] = (struct value){ 1, 0, c, NULL };
	cr_assert(eq(int, scope_ref_in_scope(&res_consents, tdb, &ac, v, 0), 1));
	ac.scope = "630105100201";
	cr_assert(eq(int, scope_ref_in_scope(&res_consents, tdb, &ac, v, 0), 1));
	ac.scope = "632521";
	cr_assert(eq(int, scope_ref_in_scope(&res_consents, tdb, &ac, v, 0), 0));
	ac.scope = "";
	cr_assert(eq(int, scope_ref_in_scope(&res_consents, tdb, &ac, v, 0), 1));
	/* No child, or a child that does not exist: closed. */
	ac.scope = "630105";
	v[k] = (struct value){ 1, 1, 0, NULL };
	cr_assert(eq(int, scope_ref_in_scope(&res_consents, tdb, &ac, v, 0), 0));
	v[k] = (struct value){ 1, 0, c + 100, NULL };
	cr_assert(eq(int, scope_ref_in_scope(&res_consents, tdb, &ac, v, 0), 0));
	/* A plain region-code field behaves as before. */
	v = arena_alloc(ta, sizeof(*v) * children->nfields);
	v[resource_field_index(children, "village_code")] =
	    (struct value){ 1, 0, 0, "630105100201" };
	cr_assert(eq(int, scope_ref_in_scope(children, tdb, &ac, v, 0), 1));
	ac.scope = "632521";
	cr_assert(eq(int, scope_ref_in_scope(children, tdb, &ac, v, 0), 0));
	/* The list expression, run on this backend. */
	cr_assert(eq(str, (char *)scope_ref_column(children, ta),
	    "village_code"));
	col = scope_ref_column(&res_consents, ta);
	cr_assert(eq(str, (char *)col, "(SELECT children.village_code FROM "
	    "children WHERE children.id = consents.child_id)"));
	st = store_prepare(tdb, arena_printf(ta, "SELECT COUNT(*) FROM "
	    "consents WHERE %s LIKE ? ESCAPE '\\'", col), &e);
	cr_assert(st != NULL, "%s", e.msg_en);
	stmt_bind_text(st, 1, "630105100%");
	cr_assert(eq(int, stmt_step(st, &e), 1));
	cr_assert(eq(i64, stmt_int64(st, 0), 1));
	stmt_reset(st);
	stmt_bind_text(st, 1, "632521%");
	cr_assert(eq(int, stmt_step(st, &e), 1));
	cr_assert(eq(i64, stmt_int64(st, 0), 0));
	stmt_finalize(st);
	db_done(tdb);
}

static json_t *
export(long long c, const struct actor *ac, struct err *e)
{
	struct store	*s = db();
	json_t		*doc = subject_export_child(s, ac, c, ta, e);

	db_done(s);
	if (doc != NULL)
		arena_defer(ta, json_decref_v, doc);
	return (doc);
}

Test(consent, export_holds_the_child_its_consents_and_their_audit)
{
	struct err	 e;
	json_t		*doc, *rec, *audit, *entry;
	long long	 c = child_rec("卓玛", "2016-04-01", 1);
	long long	 c2 = child("拉姆", "2016-05-01");
	long long	 k1, k2;
	size_t		 i;
	int		 child_create = 0, consent_create = 0, foreign = 0;
	char		 idn[19];

	k1 = consent(c, "REGISTRY", "2024-03-01", NULL);
	k2 = consent(c, "PHOTO_PUBLICITY", "2024-03-01", "2024-05-01");
	consent(c2, "REGISTRY", "2024-03-01", NULL);
	doc = export(c, &t_sys, &e);
	cr_assert(doc != NULL, "%s", e.msg_en);
	cr_assert(eq(str, (char *)json_string_value(json_object_get(doc,
	    "format")), "lbcare.subject-export.v1"));
	cr_assert(eq(i64, json_integer_value(json_object_get(json_object_get(
	    doc, "subject"), "id")), c));
	rec = json_object_get(doc, "included");
	/*
	 * children, consents, assessments, casework, the family, alerts,
	 * services, group work and gifts, evidence; audit last.
	 */
	cr_assert(eq(sz, json_array_size(rec), 19));
	cr_assert(eq(str, (char *)json_string_value(json_array_get(rec, 0)),
	    "children"));
	cr_assert(eq(str, (char *)json_string_value(json_array_get(rec, 1)),
	    "consents"));
	cr_assert(eq(str, (char *)json_string_value(json_array_get(rec, 2)),
	    "assessments"));
	cr_assert(eq(str, (char *)json_string_value(json_array_get(rec, 3)),
	    "cases"));
	cr_assert(eq(str, (char *)json_string_value(json_array_get(rec, 6)),
	    "parents"));
	cr_assert(eq(str, (char *)json_string_value(json_array_get(rec, 10)),
	    "visits"));
	cr_assert(eq(str, (char *)json_string_value(json_array_get(rec, 12)),
	    "mandatory_reports"));
	cr_assert(eq(str, (char *)json_string_value(json_array_get(rec, 16)),
	    "donation_allocations"));
	cr_assert(eq(str, (char *)json_string_value(json_array_get(rec, 17)),
	    "evidence"));
	cr_assert(eq(str, (char *)json_string_value(json_array_get(rec, 18)),
	    "audit_log"));
	rec = json_object_get(json_object_get(doc, "records"), "children");
	cr_assert(eq(sz, json_array_size(rec), 1));
	cr_assert(eq(str, (char *)json_string_value(json_object_get(
	    json_array_get(rec, 0), "name")), "卓玛"));
	/* Sealed fields come out opened: the guardian gets them readable. */
	cr_assert(eq(str, (char *)json_string_value(json_object_get(
	    json_array_get(rec, 0), "address")), "甲村3组12号"));
	snprintf(idn, sizeof(idn), "63010520160401012");
	idn[17] = id_number_check_char(idn);
	idn[18] = '\0';
	cr_assert(eq(str, (char *)json_string_value(json_object_get(
	    json_array_get(rec, 0), "id_number")), idn));
	rec = json_object_get(json_object_get(doc, "records"), "consents");
	cr_assert(eq(sz, json_array_size(rec), 2));
	cr_assert(eq(i64, json_integer_value(json_object_get(json_array_get(
	    rec, 0), "id")), k1));
	cr_assert(eq(i64, json_integer_value(json_object_get(json_array_get(
	    rec, 1), "id")), k2));
	cr_assert(eq(str, (char *)json_string_value(json_object_get(
	    json_array_get(rec, 1), "withdrawn_on")), "2024-05-01"));
	audit = json_object_get(doc, "audit_log");
	json_array_foreach(audit, i, entry) {
		const char	*res = json_string_value(json_object_get(entry,
				    "resource"));
		const char	*act = json_string_value(json_object_get(entry,
				    "action"));
		long long	 rid = json_integer_value(json_object_get(entry,
				    "record_id"));
		int		 isobj = json_is_object(json_object_get(entry,
				    "detail"));

		child_create += strcmp(res, "children") == 0 && rid == c &&
		    strcmp(act, "create") == 0;
		consent_create += strcmp(res, "consents") == 0 &&
		    (rid == k1 || rid == k2) && strcmp(act, "create") == 0;
		foreign += !(strcmp(res, "children") == 0 && rid == c) &&
		    !(strcmp(res, "consents") == 0 && (rid == k1 || rid == k2));
		cr_assert(isobj, "detail of entry %zu", i);
		cr_assert(json_object_get(entry, "remote") == NULL);
	}
	cr_assert(eq(int, child_create, 1));
	cr_assert(eq(int, consent_create, 2));
	cr_assert(eq(int, foreign, 0));
	/* The export itself is audited, with counts and no values. */
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'export' AND resource = 'children'"), 1));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'export' AND detail LIKE '%\"consents\":2%'"), 1));
}

Test(consent, export_refuses_no_child_and_deidentified_actors)
{
	struct actor	 purchaser = { 5, ROLE_PURCHASER, "", 1, NULL };
	struct err	 e;
	long long	 c = child("卓玛", "2016-04-01");

	cr_assert(export(c + 1, &t_sys, &e) == NULL);
	cr_assert(eq(int, e.code, ERR_NOTFOUND));
	cr_assert(export(c, &purchaser, &e) == NULL);
	cr_assert(eq(int, e.code, ERR_FORBIDDEN));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'export'"), 0));
}

static int
run_rules(int dry, struct retention_result *res, struct err *e)
{
	struct store	*s = db();
	int		 rc = retention_run(s, &t_app.conf, dry, res, e);

	db_done(s);
	return (rc);
}

static size_t
rule_index(const char *name)
{
	size_t	i;

	for (i = 0; i < retention_nrules; i++)
		if (strcmp(retention_rules[i].name, name) == 0)
			return (i);
	cr_fatal("no rule %s", name);
	return (0);
}

/* The rules' SQL on this backend: dry run, then the real thing. */
Test(consent, retention_anonymizes_aged_out_children_and_deletes_litter)
{
	struct retention_result	 res[8];
	struct store		*tdb;
	struct err		 e;
	int64_t			 bad, n;
	int			 rc;
	long long		 adult = child_rec("旦增", "2016-04-01", 1);
	long long		 young = child("卓玛", "2016-04-01");
	long long		 recent = child("拉姆", "2016-04-01");
	size_t			 ca = rule_index("children_aged_out");
	size_t			 se = rule_index("sessions_expired");
	size_t			 lf = rule_index("login_failures_old");
	char			 q[384];

	cr_assert(retention_nrules <= 8);
	consent(adult, "REGISTRY", "2024-03-01", NULL);
	/* Age two children: one adult untouched for years, one adult
	 * updated last month (kept), and leave one a child. */
	snprintf(q, sizeof(q), "UPDATE children SET birth_date = "
	    "'2001-07-15', updated_at = '2016-01-01T00:00:00.000Z' WHERE "
	    "id = %lld", adult);
	sql(q);
	snprintf(q, sizeof(q), "UPDATE children SET birth_date = "
	    "'2001-07-15' WHERE id = %lld", recent);
	sql(q);
	snprintf(q, sizeof(q), "UPDATE children SET updated_at = "
	    "'2016-01-01T00:00:00.000Z' WHERE id = %lld", young);
	sql(q);
	sql("INSERT INTO sessions (token_hash, user_id, csrf, created_at, "
	    "last_seen) VALUES ('old', 1, 'x', 1000, 1000)");
	sql("INSERT INTO login_failures (login, addr, at) VALUES "
	    "('a', '127.0.0.1', 1000)");
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM children WHERE id = %lld "
	    "AND name_bo IS NOT NULL AND id_number IS NOT NULL AND "
	    "id_number_bidx IS NOT NULL AND address IS NOT NULL AND "
	    "notes IS NOT NULL", adult);
	cr_assert(eq(i64, count(q), 1));
	cr_assert(eq(int, run_rules(1, res, &e), 0), "%s", e.msg_en);
	cr_assert(eq(i64, res[ca].rows, 1));
	cr_assert(eq(i64, res[se].rows, 1));
	cr_assert(eq(i64, res[lf].rows, 1));
	cr_assert(eq(i64, res[ca].keep, 5));
	cr_assert(eq(str, (char *)res[ca].source, "default"));
	cr_assert(eq(i64, res[se].keep, 12));
	cr_assert(eq(str, (char *)res[se].source, "config"));
	/* The dry run changed nothing. */
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM children WHERE name = "
	    "'已匿名'"), 0));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM sessions"), 1));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM audit_log WHERE "
	    "action IN ('anonymize', 'purge')"), 0));

	cr_assert(eq(int, run_rules(0, res, &e), 0), "%s", e.msg_en);
	cr_assert(eq(i64, res[ca].rows, 1));
	cr_assert(eq(i64, res[se].rows, 1));
	cr_assert(eq(i64, res[lf].rows, 1));
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM children WHERE id = %lld "
	    "AND name = '已匿名' AND name_bo IS NULL AND name_pinyin IS NULL "
	    "AND id_number IS NULL AND "
	    "id_number_bidx IS NULL AND address IS NULL AND notes IS NULL AND "
	    "birth_date = '2001-01-01' AND revision = 2", adult);
	cr_assert(eq(i64, count(q), 1));
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM consents WHERE "
	    "child_id = %lld AND given_by_name = '已匿名'", adult);
	cr_assert(eq(i64, count(q), 1));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM children WHERE name = "
	    "'已匿名'"), 1));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM sessions"), 0));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM login_failures"), 0));
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'anonymize' AND resource = 'children' AND record_id = %lld",
	    adult);
	cr_assert(eq(i64, count(q), 1));
	tdb = db();
	rc = audit_verify(tdb, &bad, &n, &e);
	db_done(tdb);
	cr_assert(eq(int, rc, 0), "entry %lld: %s", (long long)bad, e.msg_en);
	/* Nothing is due twice. */
	cr_assert(eq(int, run_rules(0, res, &e), 0), "%s", e.msg_en);
	cr_assert(eq(i64, res[ca].rows, 0));
	/* The record still reads, and still validates on update. */
	t_login("countylead");
	snprintf(q, sizeof(q), "/api/v1/children/%lld", adult);
	cr_assert(eq(str, (char *)t_str(t_call("GET", q, NULL), "name"),
	    "已匿名"));
}

/* A 1x1 PNG (test_evidence.c), as a photo linked to a record. */
static const unsigned char png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00,
	0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
	0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89,
	0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63,
	0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4,
	0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60,
	0x82,
};

/* A lead with no scope, as the export route's readers are. */
static const struct actor t_lead = { 1, ROLE_LEAD | ROLE_SUPERVISOR, "", 0,
    NULL };

/* A record created by the system; the new id. */
static long long
make(const char *res, json_t *in)
{
	struct store	*s = db();
	struct err	 e;
	json_t		*rec;
	long long	 id;

	rec = resource_create(resource_find(res), s, &t_sys, in, ta, &e);
	db_done(s);
	cr_assert(rec != NULL, "%s: %s", res, e.msg_en);
	id = json_integer_value(json_object_get(rec, "id"));
	json_decref(rec);
	json_decref(in);
	return (id);
}

struct services {
	long long	visit, referral, report, reporter;
};

/* A visit, a referral with feedback, a mandatory report with its text. */
static struct services
services(long long c)
{
	struct services	 sv;
	long long	 p;
	char		 q[128];

	consent(c, "DATA_SHARING", "2024-03-01", NULL);
	sv.visit = make("visits", json_pack("{s:I, s:s, s:s, s:s, s:s}",
	    "child_id", (json_int_t)c, "visited_on", "2024-04-01", "place",
	    "家中", "observations", "祖母卧病，儿童独自做饭", "concerns",
	    "HEALTH"));
	p = make("partners", json_pack("{s:s, s:s, s:s}", "kind", "SCHOOL",
	    "name", "大堡子镇中心小学", "region_code", "630105100000"));
	sv.referral = make("referrals", json_pack("{s:I, s:I, s:s, s:s, s:s}",
	    "child_id", (json_int_t)c, "partner_id", (json_int_t)p, "reason",
	    "长期缺课，需学校跟进", "urgency", "URGENT", "feedback", "已安排辅导"));
	snprintf(q, sizeof(q), "SELECT id FROM users WHERE login = "
	    "'countylead'");
	sv.reporter = t_sql_int(q);
	sv.report = make("mandatory_reports", json_pack("{s:I, s:s, s:s, s:s, "
	    "s:s, s:I, s:s, s:s}", "child_id", (json_int_t)c,
	    "report_trigger", "GUARDIAN_FAILS", "detected_at",
	    "2024-04-01T08:15:00+08:00", "reported_at",
	    "2024-04-01T10:45:00+08:00", "recipients", "POLICE",
	    "reporter_user_id", (json_int_t)sv.reporter, "emergency_response",
	    "临时安置在邻居家", "monitoring", "每周电话回访"));
	return (sv);
}

/* One record of a section of the export. */
static json_t *
section(json_t *doc, const char *name, size_t i)
{
	json_t	*rows;

	rows = json_object_get(json_object_get(doc, "records"), name);

	cr_assert(rows != NULL && json_is_array(rows), "no section %s",
	    name);
	return (json_array_get(rows, i));
}

Test(consent, export_holds_services_and_withholds_the_reporter)
{
	struct store	*s;
	struct err	 e;
	json_t		*doc, *ev, *entry, *rec;
	long long	 c = child_rec("卓玛", "2016-04-01", 1);
	long long	 c2 = child("拉姆", "2016-05-01");
	struct services	 sv = services(c);
	size_t		 i;
	int		 created, visit_create = 0;
	long long	 org, proj, don, al;
	char		*dump;

	services(c2);
	org = make("organizations", json_pack("{s:s, s:s, s:s}", "name",
	    "城北区民政局", "org_type", "PURCHASER", "region_code",
	    "630105000000"));
	proj = make("projects", json_pack("{s:s, s:s, s:I, s:s, s:s, s:s}",
	    "name", "关爱项目", "region_code", "630105000000",
	    "purchaser_org_id", (json_int_t)org, "fund_source", "CENTRAL",
	    "start_date", "2024-01-01", "end_date", "2024-12-31"));
	don = make("donations", json_pack("{s:I, s:s, s:s, s:i, s:s, s:s}",
	    "project_id", (json_int_t)proj, "kind", "IN_KIND", "description",
	    "智能手机 2 部", "value_fen", 300000, "donor_name", "某电信公司",
	    "received_on", "2024-04-01"));
	al = make("donation_allocations", json_pack("{s:I, s:I, s:s, s:i, "
	    "s:s}", "donation_id", (json_int_t)don, "child_id", (json_int_t)c,
	    "item", "手机 1 部", "value_fen", 150000, "given_on",
	    "2024-04-03"));
	make("donation_allocations", json_pack("{s:I, s:I, s:s, s:i, s:s}",
	    "donation_id", (json_int_t)don, "child_id", (json_int_t)c2,
	    "item", "话费", "value_fen", 100000, "given_on", "2024-04-03"));
	s = db();
	ev = evidence_upload(s, &t_lead, "mandatory_reports", sv.report,
	    "PHOTO", png, sizeof(png), &created, ta, &e);
	db_done(s);
	cr_assert(ev != NULL, "%s", e.msg_en);
	json_decref(ev);
	s = db();
	ev = evidence_upload(s, &t_lead, "visits", sv.visit, "PHOTO", png,
	    sizeof(png), &created, ta, &e);
	db_done(s);
	cr_assert(ev != NULL, "%s", e.msg_en);
	json_decref(ev);

	doc = export(c, &t_lead, &e);
	cr_assert(doc != NULL, "%s", e.msg_en);
	rec = json_object_get(json_object_get(doc, "records"), "visits");
	cr_assert(eq(sz, json_array_size(rec), 1));
	rec = section(doc, "visits", 0);
	cr_assert(eq(i64, json_integer_value(json_object_get(rec, "id")),
	    sv.visit));
	cr_assert(eq(str, (char *)json_string_value(json_object_get(rec,
	    "observations")), "祖母卧病，儿童独自做饭"));
	rec = section(doc, "referrals", 0);
	cr_assert(eq(i64, json_integer_value(json_object_get(rec, "id")),
	    sv.referral));
	cr_assert(eq(str, (char *)json_string_value(json_object_get(rec,
	    "reason")), "长期缺课，需学校跟进"));
	cr_assert(eq(sz, json_array_size(json_object_get(json_object_get(doc,
	    "records"), "referrals")), 1));
	rec = section(doc, "mandatory_reports", 0);
	cr_assert(eq(i64, json_integer_value(json_object_get(rec, "id")),
	    sv.report));
	cr_assert(eq(str, (char *)json_string_value(json_object_get(rec,
	    "emergency_response")), "临时安置在邻居家"));
	/* The lead may see the reporter; the guardian's copy may not. */
	cr_assert(json_object_get(rec, "reporter_user_id") == NULL);
	cr_assert(eq(sz, json_array_size(json_object_get(json_object_get(doc,
	    "records"), "mandatory_reports")), 1));
	cr_assert(eq(sz, json_array_size(json_object_get(json_object_get(doc,
	    "records"), "group_members")), 0));
	rec = section(doc, "donation_allocations", 0);
	cr_assert(eq(i64, json_integer_value(json_object_get(rec, "id")),
	    al));
	cr_assert(eq(str, (char *)json_string_value(json_object_get(rec,
	    "item")), "手机 1 部"));
	cr_assert(eq(sz, json_array_size(json_object_get(json_object_get(doc,
	    "records"), "donation_allocations")), 1));
	/* Evidence: metadata only; the report's uploader withheld. */
	rec = json_object_get(json_object_get(doc, "records"), "evidence");
	cr_assert(eq(sz, json_array_size(rec), 2));
	json_array_foreach(rec, i, entry) {
		const char	*res = json_string_value(json_object_get(entry,
				    "resource"));

		cr_assert(json_object_get(entry, "content") == NULL);
		cr_assert(eq(str, (char *)json_string_value(json_object_get(
		    entry, "mime")), "image/png"));
		if (strcmp(res, "mandatory_reports") == 0) {
			cr_assert(eq(i64, json_integer_value(json_object_get(
			    entry, "record_id")), sv.report));
			cr_assert(json_object_get(entry, "uploaded_by") ==
			    NULL);
		} else {
			cr_assert(eq(str, (char *)res, "visits"));
			cr_assert(eq(i64, json_integer_value(json_object_get(
			    entry, "uploaded_by")), 1));
		}
	}
	/* No audit entry about the report, which would name its maker. */
	json_array_foreach(json_object_get(doc, "audit_log"), i, entry) {
		visit_create += strcmp(json_string_value(json_object_get(entry,
		    "resource")), "visits") == 0 && json_integer_value(
		    json_object_get(entry, "record_id")) == sv.visit &&
		    strcmp(json_string_value(json_object_get(entry,
		    "action")), "create") == 0;
		cr_assert(strcmp(json_string_value(json_object_get(entry,
		    "resource")), "mandatory_reports") != 0);
		cr_assert(json_integer_value(json_object_get(entry,
		    "user_id")) != sv.reporter, "entry %zu", i);
	}
	cr_assert(eq(int, visit_create, 1));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'export' AND detail LIKE '%\"evidence\":2%' AND "
	    "detail LIKE '%\"mandatory_reports\":1%'"), 1));
	dump = json_dumps(doc, 0);
	cr_assert(strstr(dump, "reporter_user_id") == NULL);
	free(dump);
}

Test(consent, retention_clears_service_text_and_keeps_stages)
{
	struct retention_result	 res[8];
	struct err		 e;
	long long		 adult = child_rec("旦增", "2016-04-01", 1);
	long long		 young = child("卓玛", "2016-04-01");
	struct services		 sv = services(adult);
	struct services		 sy = services(young);
	size_t			 sr;
	json_t			*doc, *rec;
	char			 q[512];

	cr_assert(retention_nrules <= 8);
	sr = rule_index("service_records_anonymized");
	snprintf(q, sizeof(q), "UPDATE children SET birth_date = "
	    "'2001-07-15', updated_at = '2016-01-01T00:00:00.000Z' WHERE "
	    "id = %lld", adult);
	sql(q);
	cr_assert(eq(int, run_rules(1, res, &e), 0), "%s", e.msg_en);
	/*
	 * A dry run counts what the real run will do, the service records
	 * of the child it anonymizes included, and changes nothing.
	 */
	cr_assert(eq(i64, res[sr].rows, 1));
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM visits WHERE id = %lld "
	    "AND observations IS NOT NULL", sv.visit);
	cr_assert(eq(i64, count(q), 1));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM audit_log WHERE action "
	    "= 'anonymize'"), 0));
	cr_assert(eq(int, run_rules(0, res, &e), 0), "%s", e.msg_en);
	cr_assert(eq(i64, res[sr].rows, 1));
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM visits WHERE id = %lld "
	    "AND place IS NULL AND observations IS NULL AND visited_on = "
	    "'2024-04-01' AND concerns = 'HEALTH' AND updated_by = 0",
	    sv.visit);
	cr_assert(eq(i64, count(q), 1));
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM referrals WHERE id = "
	    "%lld AND feedback IS NULL AND urgency = 'URGENT' AND status = "
	    "'DRAFT' AND updated_by = 0", sv.referral);
	cr_assert(eq(i64, count(q), 1));
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM mandatory_reports WHERE "
	    "id = %lld AND emergency_response IS NULL AND monitoring IS NULL "
	    "AND status = 'DETECTED' AND report_trigger = 'GUARDIAN_FAILS' "
	    "AND detected_at = '2024-04-01T08:15:00+08:00' AND recipients = "
	    "'POLICE' AND reporter_user_id = %lld AND report_delay_minutes = "
	    "150", sv.report, sv.reporter);
	cr_assert(eq(i64, count(q), 1));
	/* The child still a child keeps every word. */
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM visits WHERE id = %lld "
	    "AND place = '家中' AND observations IS NOT NULL", sy.visit);
	cr_assert(eq(i64, count(q), 1));
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM mandatory_reports WHERE "
	    "id = %lld AND emergency_response IS NOT NULL", sy.report);
	cr_assert(eq(i64, count(q), 1));
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'anonymize' AND resource = 'children' AND record_id = %lld AND "
	    "detail LIKE '%%service_records_anonymized%%'", adult);
	cr_assert(eq(i64, count(q), 1));
	/* The sealed reason reads as the anonymized name. */
	doc = export(adult, &t_lead, &e);
	cr_assert(doc != NULL, "%s", e.msg_en);
	rec = section(doc, "referrals", 0);
	cr_assert(eq(str, (char *)json_string_value(json_object_get(rec,
	    "reason")), "已匿名"));
	cr_assert(json_string_value(json_object_get(rec, "feedback")) ==
	    NULL);
	rec = section(doc, "visits", 0);
	cr_assert(json_string_value(json_object_get(rec, "observations")) ==
	    NULL);
	/* Nothing is due twice. */
	cr_assert(eq(int, run_rules(0, res, &e), 0), "%s", e.msg_en);
	cr_assert(eq(i64, res[sr].rows, 0));
}

/* Link a file to a record as the system would; its evidence id. */
static long long
attach(const char *resource, long long id, const unsigned char *b,
    size_t len)
{
	struct store	*s = db();
	struct err	 e;
	json_t		*ev;
	int		 created;
	long long	 eid;

	ev = evidence_upload(s, &t_lead, resource, id, "PHOTO", b, len,
	    &created, ta, &e);
	db_done(s);
	cr_assert(ev != NULL, "%s", e.msg_en);
	eid = json_integer_value(json_object_get(ev, "id"));
	json_decref(ev);
	return (eid);
}

Test(consent, retention_deletes_the_evidence_of_an_anonymized_child)
{
	struct retention_result	 res[8];
	struct err		 e;
	long long		 adult = child_rec("旦增", "2016-04-01", 1);
	long long		 young = child("卓玛", "2016-04-01");
	struct services		 sv = services(adult);
	struct services		 sy = services(young);
	unsigned char		 other[sizeof(png) + 1];
	size_t			 ev;
	char			 q[512];

	/* Two files: one shared with another child's visit, one its own. */
	memcpy(other, png, sizeof(png));
	other[sizeof(png)] = 0;		/* after IEND: still a PNG, new hash */
	attach("visits", sv.visit, png, sizeof(png));
	attach("referrals", sv.referral, other, sizeof(other));
	attach("mandatory_reports", sv.report, other, sizeof(other));
	attach("visits", sy.visit, png, sizeof(png));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM evidence_blobs"), 2));
	snprintf(q, sizeof(q), "UPDATE children SET birth_date = "
	    "'2001-07-15', updated_at = '2016-01-01T00:00:00.000Z' WHERE "
	    "id = %lld", adult);
	sql(q);
	ev = rule_index("evidence_anonymized");
	cr_assert(eq(int, run_rules(1, res, &e), 0), "%s", e.msg_en);
	cr_assert(eq(i64, res[ev].rows, 1));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM evidence"), 4));
	cr_assert(eq(int, run_rules(0, res, &e), 0), "%s", e.msg_en);
	cr_assert(eq(i64, res[ev].rows, 1));
	/* The visit's and the referral's links are gone; the report's stays. */
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM evidence WHERE "
	    "(resource = 'visits' AND record_id = %lld) OR (resource = "
	    "'referrals' AND record_id = %lld)", sv.visit, sv.referral);
	cr_assert(eq(i64, count(q), 0));
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM evidence WHERE resource "
	    "= 'mandatory_reports' AND record_id = %lld", sv.report);
	cr_assert(eq(i64, count(q), 1));
	/* The other child keeps its photo, and so the shared file stays. */
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM evidence WHERE resource "
	    "= 'visits' AND record_id = %lld", sy.visit);
	cr_assert(eq(i64, count(q), 1));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM evidence_blobs"), 2));
	/* With the report's link gone too, its file would leave as well. */
	snprintf(q, sizeof(q), "DELETE FROM evidence WHERE resource = "
	    "'mandatory_reports' AND record_id = %lld", sv.report);
	sql(q);
	snprintf(q, sizeof(q), "UPDATE evidence SET resource = 'children', "
	    "record_id = %lld WHERE resource = 'visits'", adult);
	sql(q);
	cr_assert(eq(int, run_rules(0, res, &e), 0), "%s", e.msg_en);
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM evidence"), 0));
	cr_assert(eq(i64, count("SELECT COUNT(*) FROM evidence_blobs"), 0));
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'anonymize' AND record_id = %lld AND detail LIKE "
	    "'%%evidence_anonymized%%'", adult);
	cr_assert(eq(i64, count(q), 2));
}

Test(consent, retention_period_from_the_environment_is_checked)
{
	struct retention_result	 res[8];
	struct err		 e;
	long long		 adult = child("旦增", "2016-04-01");
	char			 q[256];

	snprintf(q, sizeof(q), "UPDATE children SET birth_date = "
	    "'2001-07-15', updated_at = '2016-01-01T00:00:00.000Z' WHERE "
	    "id = %lld", adult);
	sql(q);
	setenv("LBCARE_RETAIN_CHILD_YEARS", "0", 1);
	cr_assert(eq(int, run_rules(1, res, &e), -1));
	cr_assert(eq(int, e.code, ERR_INVALID));
	cr_assert(eq(str, e.field, "LBCARE_RETAIN_CHILD_YEARS"));
	cr_assert(strstr(e.msg_en, "1 to 50") != NULL, "%s", e.msg_en);
	setenv("LBCARE_RETAIN_CHILD_YEARS", "50", 1);
	cr_assert(eq(int, run_rules(0, res, &e), 0), "%s", e.msg_en);
	cr_assert(eq(i64, res[rule_index("children_aged_out")].rows, 0));
	cr_assert(eq(i64, res[rule_index("children_aged_out")].keep, 50));
	cr_assert(eq(str, (char *)res[rule_index("children_aged_out")].source,
	    "env"));
	unsetenv("LBCARE_RETAIN_CHILD_YEARS");
	cr_assert(eq(int, run_rules(0, res, &e), 0), "%s", e.msg_en);
	cr_assert(eq(i64, res[rule_index("children_aged_out")].rows, 1));
}

/* The export route: the right roles, a download, the child's records. */
Test(consent, export_route_answers_a_download_to_the_supervisor)
{
	struct res	*r;
	long long	 c = child("卓玛", "2016-04-01");
	char		 path[64];

	consent(c, "REGISTRY", "2024-03-01", NULL);
	snprintf(path, sizeof(path), "/api/v1/children/%lld/export", c);
	t_login("supervisor");
	r = t_call("GET", path, NULL);
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(strstr(t_header(r, "Content-Disposition"), "attachment") !=
	    NULL);
	cr_assert(eq(str, (char *)t_str(r, "records/children/0/name"),
	    "卓玛"));
	cr_assert(eq(sz, json_array_size(json_object_get(json_object_get(
	    t_json(r), "records"), "consents")), 1));
	t_login("worker");
	cr_assert(eq(int, t_call("GET", path, NULL)->status, 403));
	t_login("purchaser");
	cr_assert(eq(int, t_call("GET", path, NULL)->status, 403));
}
