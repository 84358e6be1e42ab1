/*
 * test_api.c - the API through the real router on a real database:
 * every refusal is specific and writes nothing; revisions, scope,
 * de-identification, pagination and the audit chain hold.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <string.h>

#include "api/router.h"
#include "domain/audit.h"
#include "domain/checks.h"
#include "domain/roles.h"
#include "t_app.h"

TestSuite(api, .init = t_app_up, .fini = t_app_down, .timeout = 60);

/* A valid ID number for a birth date and a sex ("M" odd, "F" even). */
static void
make_id(const char *birth, const char *sex, char out[19])
{
	snprintf(out, 19, "630105%.4s%.2s%.2s%03d", birth, birth + 5,
	    birth + 8, strcmp(sex, "M") == 0 ? 11 : 12);
	out[17] = id_number_check_char(out);
	out[18] = '\0';
}

static long long
children_count(void)
{
	return (t_sql_int("SELECT COUNT(*) FROM children"));
}

Test(api, healthz_checks_the_database)
{
	struct res *r = t_call("GET", "/healthz", NULL);

	cr_assert(eq(int, r->status, 200));
	cr_assert(eq(str, (char *)t_str(r, "status"), "ok"));
	cr_assert(eq(i64, t_int(r, "schema"), store_schema_latest()));
}

Test(api, unknown_path_and_method_are_problems)
{
	struct res *r = t_call("GET", "/api/v1/nothing", NULL);

	cr_assert(eq(int, r->status, 404));
	cr_assert(eq(str, (char *)r->content_type, "application/problem+json"));
	cr_assert(eq(str, (char *)t_str(r, "code"), "not_found"));
	t_login("worker");
	r = t_call("DELETE", "/api/v1/children", NULL);
	cr_assert(eq(int, r->status, 405));
}

Test(api, anonymous_is_401)
{
	struct res *r = t_call("GET", "/api/v1/children", NULL);

	cr_assert(eq(int, r->status, 401));
	cr_assert(eq(str, (char *)t_str(r, "code"), "unauthenticated"));
}

Test(api, login_sets_a_strict_httponly_cookie)
{
	struct res	*r;
	const char	*sc;

	r = t_call("POST", "/api/v1/session",
	    "{\"login\":\"worker\",\"password\":\"" T_PASSWORD "\"}");
	cr_assert(eq(int, r->status, 200));
	sc = t_header(r, "Set-Cookie");
	cr_assert(sc != NULL);
	cr_assert(strstr(sc, "HttpOnly") != NULL);
	cr_assert(strstr(sc, "SameSite=Strict") != NULL);
	cr_assert(eq(str, (char *)t_str(r, "user/login"), "worker"));
	cr_assert(eq(str, (char *)t_str(r, "user/roles/0"), "WORKER"));
	cr_assert(strlen(t_str(r, "csrf_token")) >= 32);
}

Test(api, wrong_password_then_throttled)
{
	struct res	*r;
	int		 i;

	for (i = 0; i < 5; i++) {
		r = t_call("POST", "/api/v1/session",
		    "{\"login\":\"worker\",\"password\":\"wrong-password-1\"}");
		cr_assert(eq(int, r->status, 401));
	}
	/* Even the right password is refused while throttled. */
	r = t_call("POST", "/api/v1/session",
	    "{\"login\":\"worker\",\"password\":\"" T_PASSWORD "\"}");
	cr_assert(eq(int, r->status, 429));
	cr_assert(eq(str, (char *)t_str(r, "code"), "throttled"));
}

Test(api, login_rejects_unknown_keys)
{
	struct res *r = t_call("POST", "/api/v1/session",
	    "{\"login\":\"worker\",\"password\":\"x\",\"remember\":true}");

	cr_assert(eq(int, r->status, 400));
}

Test(api, tampered_cookie_is_refused)
{
	const char	*h[] = { "Cookie: lbcare_session="
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL };
	struct res	*r = t_call_h("GET", "/api/v1/session", NULL, h);

	cr_assert(eq(int, r->status, 401));
}

Test(api, create_child_returns_record_with_revision)
{
	struct res	*r;
	char		 id[19], body[512];

	t_login("worker");
	make_id("2015-03-08", "F", id);
	snprintf(body, sizeof(body), "{\"name\":\"卓玛\",\"name_bo\":"
	    "\"སྒྲོལ་མ\",\"sex\":\"F\",\"birth_date\":\"2015-03-08\","
	    "\"ethnicity\":\"04\",\"id_number\":\"%s\",\"village_code\":"
	    "\"630105100201\",\"boarding\":true,\"grade\":3}", id);
	r = t_call("POST", "/api/v1/children", body);
	cr_assert(eq(int, r->status, 201), "%s", r->body);
	cr_assert(eq(str, (char *)t_header(r, "ETag"), "\"1\""));
	cr_assert(eq(str, (char *)t_str(r, "name_bo"), "སྒྲོལ་མ"));
	cr_assert(eq(i64, t_int(r, "revision"), 1));
	cr_assert(eq(i64, t_int(r, "grade"), 3));
	cr_assert(eq(i64, children_count(), 1));
}

/* Each bad body: the status, the field named, and nothing written. */
static void
refused(const char *body, int status, const char *field)
{
	struct res *r = t_call("POST", "/api/v1/children", body);

	cr_assert(eq(int, r->status, status), "%s -> %d %s", body, r->status,
	    r->body);
	cr_assert(eq(str, (char *)r->content_type,
	    "application/problem+json"));
	if (field != NULL)
		cr_assert(eq(str, (char *)t_str(r, "field"), (char *)field),
		    "%s", r->body);
	cr_assert(eq(i64, children_count(), 0));
}

#define BASE "\"name\":\"李梅\",\"sex\":\"F\",\"birth_date\":\"2014-05-01\"," \
	"\"village_code\":\"630105100201\""

Test(api, bad_input_is_specific_and_writes_nothing)
{
	t_login("worker");
	refused("{" BASE ",\"bogus\":1}", 400, "bogus");
	refused("{" BASE ",\"grade\":\"three\"}", 400, "grade");
	refused("{" BASE ",\"grade\":13}", 400, "grade");
	refused("{" BASE ",\"boarding\":1}", 400, "boarding");
	refused("{" BASE ",\"ethnicity\":\"99\"}", 400, "ethnicity");
	refused("{\"name\":\"李梅\",\"sex\":\"F\",\"birth_date\":"
	    "\"2014-02-30\",\"village_code\":\"630105100201\"}", 400,
	    "birth_date");
	refused("{\"sex\":\"F\",\"birth_date\":\"2014-05-01\","
	    "\"village_code\":\"630105100201\"}", 400, "name");
	refused("{" BASE ",\"id_number\":\"63010520140501002X\"}", 400,
	    "id_number");
	refused("{\"name\":\"李梅\",\"sex\":\"F\",\"birth_date\":"
	    "\"2014-05-01\",\"village_code\":\"630105100299\"}", 400,
	    "village_code");
	refused("{\"name\":\"李梅\",\"sex\":\"F\",\"birth_date\":"
	    "\"2014-05-01\",\"village_code\":\"12345\"}", 400,
	    "village_code");
	refused("{" BASE ",\"name\":\"x\"}", 400, NULL);	/* duplicate key */
	refused("{" BASE, 400, NULL);				/* malformed */
	refused("[1,2]", 400, NULL);
	refused("{" BASE ",\"id\":5}", 400, "id");
}

Test(api, id_number_must_agree_with_birth_date_and_sex)
{
	struct res	*r;
	char		 id[19], body[512];

	t_login("worker");
	make_id("2014-05-02", "F", id);
	snprintf(body, sizeof(body), "{" BASE ",\"id_number\":\"%s\"}", id);
	r = t_call("POST", "/api/v1/children", body);
	cr_assert(eq(int, r->status, 400));
	cr_assert(eq(str, (char *)t_str(r, "field"), "id_number"));
	cr_assert(strstr(t_str(r, "detail"), "出生日期") != NULL);
	make_id("2014-05-01", "M", id);
	snprintf(body, sizeof(body), "{" BASE ",\"id_number\":\"%s\"}", id);
	r = t_call_h("POST", "/api/v1/children", body,
	    (const char *[]){ "Accept-Language: en", NULL });
	cr_assert(eq(int, r->status, 400));
	cr_assert(strstr(t_str(r, "detail"), "sex") != NULL, "%s", r->body);
	cr_assert(eq(i64, children_count(), 0));
}

Test(api, id_number_is_sealed_at_rest_and_found_by_blind_index)
{
	struct res	*r;
	char		 id[19], body[512], path[64];
	long long	 n;

	t_login("worker");
	make_id("2014-05-01", "F", id);
	snprintf(body, sizeof(body), "{" BASE ",\"id_number\":\"%s\","
	    "\"address\":\"幸福路七号院\"}", id);
	cr_assert(eq(int, t_call("POST", "/api/v1/children", body)->status,
	    201));
	t_child("李强", "M", "2012-02-02");
	/* Read the table directly: no plain text, sealed values only. */
	n = t_sql_int("SELECT COUNT(*) FROM children WHERE id_number LIKE "
	    "'v1:%' AND address LIKE 'v1:%' AND id_number_bidx IS NOT NULL");
	cr_assert(eq(i64, n, 1));
	snprintf(body, sizeof(body), "SELECT COUNT(*) FROM children WHERE "
	    "id_number = '%s' OR address = '幸福路七号院'", id);
	cr_assert(eq(i64, t_sql_int(body), 0));
	/* Exact-match search by ID number goes through the blind index. */
	snprintf(path, sizeof(path), "/api/v1/children?id_number=%s", id);
	r = t_call("GET", path, NULL);
	cr_assert(eq(int, r->status, 200));
	cr_assert(eq(sz, json_array_size(json_object_get(t_json(r), "items")),
	    1));
	cr_assert(eq(str, (char *)t_str(r, "items/0/id_number"), id));
	cr_assert(eq(str, (char *)t_str(r, "items/0/address"), "幸福路七号院"));
}

Test(api, duplicate_id_number_is_409)
{
	struct res	*r;
	char		 id[19], body[512];

	t_login("worker");
	make_id("2014-05-01", "F", id);
	snprintf(body, sizeof(body), "{" BASE ",\"id_number\":\"%s\"}", id);
	cr_assert(eq(int, t_call("POST", "/api/v1/children", body)->status,
	    201));
	r = t_call("POST", "/api/v1/children", body);
	cr_assert(eq(int, r->status, 409), "%s", r->body);
	cr_assert(eq(i64, children_count(), 1));
}

Test(api, wrong_content_type_and_oversized_body)
{
	struct res	*r;
	char		 big[6000];

	t_login("worker");
	r = t_call_h("POST", "/api/v1/children", NULL, (const char *[]){
	    "Content-Type: text/plain", NULL });
	cr_assert(eq(int, r->status, 415));
	memset(big, ' ', sizeof(big) - 1);
	big[0] = '{';
	big[sizeof(big) - 2] = '}';
	big[sizeof(big) - 1] = '\0';
	r = t_call("POST", "/api/v1/children", big);
	cr_assert(eq(int, r->status, 413));
	cr_assert(eq(i64, children_count(), 0));
}

Test(api, write_without_csrf_token_is_refused)
{
	struct res	*r;

	t_login("worker");
	/* The cookie alone, as a cross-site form would send it. */
	t_csrf_send(0);
	r = t_call("POST", "/api/v1/children", "{" BASE "}");
	cr_assert(eq(int, r->status, 403));
	cr_assert(eq(str, (char *)t_str(r, "field"), "X-CSRF-Token"));
	r = t_call_h("POST", "/api/v1/children", "{" BASE "}",
	    (const char *[]){ "X-CSRF-Token: wrong", NULL });
	cr_assert(eq(int, r->status, 403));
	cr_assert(eq(i64, children_count(), 0));
	t_csrf_send(1);
	r = t_call("POST", "/api/v1/children", "{" BASE "}");
	cr_assert(eq(int, r->status, 201));
}

Test(api, update_needs_if_match_and_refuses_stale)
{
	struct res	*r;
	long long	 id;
	char		 path[64];

	t_login("worker");
	id = t_child("王芳", "F", "2013-09-09");
	snprintf(path, sizeof(path), "/api/v1/children/%lld", id);
	r = t_call("PATCH", path, "{\"grade\":5}");
	cr_assert(eq(int, r->status, 428));
	r = t_call_h("PATCH", path, "{\"grade\":5}",
	    (const char *[]){ "If-Match: \"1\"", NULL });
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(i64, t_int(r, "revision"), 2));
	cr_assert(eq(str, (char *)t_header(r, "ETag"), "\"2\""));
	/* A second writer who read revision 1 is told, with the record. */
	r = t_call_h("PATCH", path, "{\"grade\":6}",
	    (const char *[]){ "If-Match: \"1\"", NULL });
	cr_assert(eq(int, r->status, 412));
	cr_assert(eq(i64, t_int(r, "current/revision"), 2));
	cr_assert(eq(i64, t_int(r, "current/grade"), 5));
	cr_assert(eq(i64, t_sql_int("SELECT grade FROM children"), 5));
}

Test(api, update_validates_and_keeps_other_fields)
{
	struct res	*r;
	long long	 id;
	char		 path[64];

	t_login("worker");
	id = t_child("王芳", "F", "2013-09-09");
	snprintf(path, sizeof(path), "/api/v1/children/%lld", id);
	r = t_call_h("PATCH", path, "{\"sex\":\"X\"}",
	    (const char *[]){ "If-Match: 1", NULL });
	cr_assert(eq(int, r->status, 400));
	cr_assert(eq(str, (char *)t_str(r, "field"), "sex"));
	r = t_call_h("PATCH", path, "{\"risk_level\":\"HIGH\"}",
	    (const char *[]){ "If-Match: 1", NULL });
	cr_assert(eq(int, r->status, 200));
	cr_assert(eq(str, (char *)t_str(r, "name"), "王芳"));
	cr_assert(eq(str, (char *)t_str(r, "risk_level"), "HIGH"));
}

Test(api, other_scope_cannot_read_list_or_guess_and_is_audited)
{
	struct res	*r;
	long long	 id, denied;
	char		 path[64];

	t_login("worker");
	id = t_child("王芳", "F", "2013-09-09");
	t_login("worker2");
	snprintf(path, sizeof(path), "/api/v1/children/%lld", id);
	r = t_call("GET", path, NULL);
	cr_assert(eq(int, r->status, 404));
	r = t_call("GET", "/api/v1/children", NULL);
	cr_assert(eq(int, r->status, 200));
	cr_assert(eq(sz, json_array_size(json_object_get(t_json(r), "items")),
	    0));
	r = t_call("GET", "/api/v1/children?q=%E7%8E%8B", NULL);
	cr_assert(eq(sz, json_array_size(json_object_get(t_json(r), "items")),
	    0));
	r = t_call_h("PATCH", path, "{\"grade\":1}",
	    (const char *[]){ "If-Match: 1", NULL });
	cr_assert(eq(int, r->status, 404));
	denied = t_sql_int("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'denied' AND resource = 'children'");
	cr_assert(eq(i64, denied, 2));
	/* Nor may a worker create a child outside their township. */
	r = t_call("POST", "/api/v1/children", "{\"name\":\"李\",\"sex\":\"F\","
	    "\"birth_date\":\"2014-05-01\",\"village_code\":\"630105100201\"}");
	cr_assert(eq(int, r->status, 403));
}

Test(api, purchaser_sees_deidentified_children_and_cannot_write)
{
	struct res	*r;
	long long	 id;
	char		 path[64];

	t_login("worker");
	id = t_child("王芳", "F", "2013-09-09");
	t_login("purchaser");
	snprintf(path, sizeof(path), "/api/v1/children/%lld", id);
	r = t_call("GET", path, NULL);
	cr_assert(eq(int, r->status, 200));
	cr_assert(json_object_get(t_json(r), "name") == NULL);
	cr_assert(json_object_get(t_json(r), "birth_date") == NULL);
	cr_assert(eq(i64, t_int(r, "birth_year"), 2013));
	cr_assert(eq(sz, strlen(t_str(r, "pseudonym")), 14));
	cr_assert(json_object_get(t_json(r), "address") == NULL);
	cr_assert(eq(str, (char *)t_str(r, "village_code"), "630105100201"));
	r = t_call("GET", "/api/v1/children?q=%E7%8E%8B", NULL);
	cr_assert(eq(sz, json_array_size(json_object_get(t_json(r), "items")),
	    0));
	r = t_call("POST", "/api/v1/children", "{" BASE "}");
	cr_assert(eq(int, r->status, 403));
}

Test(api, list_pages_by_cursor_without_gaps)
{
	struct res	*r;
	char		 path[96], name[32];
	const char	*cur;
	long long	 seen = 0, prev = 0;
	int		 i, pages = 0;

	t_login("worker");
	for (i = 0; i < 7; i++) {
		snprintf(name, sizeof(name), "孩子%d", i);
		t_child(name, i % 2 ? "M" : "F", "2012-01-01");
	}
	snprintf(path, sizeof(path), "/api/v1/children?limit=3");
	for (;;) {
		r = t_call("GET", path, NULL);
		cr_assert(eq(int, r->status, 200));
		for (i = 0; i < (int)json_array_size(json_object_get(t_json(r),
		    "items")); i++) {
			char p[32];
			snprintf(p, sizeof(p), "items/%d/id", i);
			cr_assert(gt(i64, t_int(r, p), prev));
			prev = t_int(r, p);
			seen++;
		}
		pages++;
		if ((cur = t_str(r, "next_cursor")) == NULL)
			break;
		snprintf(path, sizeof(path), "/api/v1/children?limit=3&cursor=%s",
		    cur);
	}
	cr_assert(eq(i64, seen, 7));
	cr_assert(eq(int, pages, 3));
	r = t_call("GET", "/api/v1/children?sex=M", NULL);
	cr_assert(eq(sz, json_array_size(json_object_get(t_json(r), "items")),
	    3));
	r = t_call("GET", "/api/v1/children?q=%E5%AD%A9%E5%AD%903", NULL);
	cr_assert(eq(sz, json_array_size(json_object_get(t_json(r), "items")),
	    1));
	r = t_call("GET", "/api/v1/children?village_code=630105100", NULL);
	cr_assert(eq(sz, json_array_size(json_object_get(t_json(r), "items")),
	    7));
}

Test(api, list_refuses_bad_parameters)
{
	t_login("worker");
	cr_assert(eq(int, t_call("GET", "/api/v1/children?sex=Q",
	    NULL)->status, 400));
	cr_assert(eq(int, t_call("GET", "/api/v1/children?limit=0",
	    NULL)->status, 400));
	cr_assert(eq(int, t_call("GET", "/api/v1/children?limit=100000",
	    NULL)->status, 400));
	cr_assert(eq(int, t_call("GET", "/api/v1/children?cursor=abc",
	    NULL)->status, 400));
	cr_assert(eq(int, t_call("GET", "/api/v1/children?order=name",
	    NULL)->status, 400));
	cr_assert(eq(int, t_call("GET", "/api/v1/children?name=x",
	    NULL)->status, 400));
}

Test(api, schema_describes_fields_and_enums)
{
	struct res	*r;
	json_t		*fields, *f;
	size_t		 i;
	int		 found = 0;

	t_login("worker");
	r = t_call("GET", "/api/v1/schema/children", NULL);
	cr_assert(eq(int, r->status, 200));
	fields = json_object_get(t_json(r), "fields");
	json_array_foreach(fields, i, f) {
		if (strcmp(json_string_value(json_object_get(f, "name")),
		    "ethnicity") != 0)
			continue;
		found = 1;
		cr_assert(eq(str, (char *)json_string_value(json_object_get(
		    json_array_get(json_object_get(f, "values"), 3), "zh")),
		    "藏族"));
	}
	cr_assert(found);
	cr_assert(eq(int, t_call("GET", "/api/v1/schema/nothing",
	    NULL)->status, 404));
}

Test(api, regions_derive_level_and_parent)
{
	struct res *r;

	t_login("admin");
	r = t_call("POST", "/api/v1/regions",
	    "{\"code\":\"630105100203\",\"name\":\"戊村\"}");
	cr_assert(eq(int, r->status, 201), "%s", r->body);
	cr_assert(eq(str, (char *)t_str(r, "level"), "VILLAGE"));
	cr_assert(eq(str, (char *)t_str(r, "parent_code"), "630105100000"));
	r = t_call("GET", "/api/v1/regions?parent_code=630105100000", NULL);
	cr_assert(eq(sz, json_array_size(json_object_get(t_json(r), "items")),
	    3));
	/* A code prefix is the subtree: the district and all below it. */
	r = t_call("GET", "/api/v1/regions?code=630105", NULL);
	cr_assert(eq(sz, json_array_size(json_object_get(t_json(r), "items")),
	    7));
	r = t_call("GET", "/api/v1/regions?code=630105100203", NULL);
	cr_assert(eq(sz, json_array_size(json_object_get(t_json(r), "items")),
	    1));
	r = t_call("POST", "/api/v1/regions",
	    "{\"code\":\"630105100203\",\"name\":\"重复\"}");
	cr_assert(eq(int, r->status, 409));
	r = t_call("POST", "/api/v1/regions",
	    "{\"code\":\"630105100204\",\"name\":\"x\",\"level\":\"PROV\"}");
	cr_assert(eq(int, r->status, 400));
	cr_assert(eq(str, (char *)t_str(r, "field"), "level"));
	t_login("worker");
	r = t_call("POST", "/api/v1/regions",
	    "{\"code\":\"630105100205\",\"name\":\"x\"}");
	cr_assert(eq(int, r->status, 403));
}

Test(api, organizations_check_the_credit_code)
{
	struct res	*r;
	char		 code[19], body[256];

	t_login("admin");
	snprintf(code, sizeof(code), "52630105MJ0000001");
	code[17] = uscc_check_char(code);
	code[18] = '\0';
	snprintf(body, sizeof(body), "{\"name\":\"守望社工\",\"uscc\":\"%s\","
	    "\"org_type\":\"PROVIDER\",\"region_code\":\"630105000000\"}",
	    code);
	r = t_call("POST", "/api/v1/organizations", body);
	cr_assert(eq(int, r->status, 201), "%s", r->body);
	code[17] = code[17] == '0' ? '1' : '0';
	snprintf(body, sizeof(body), "{\"name\":\"守望社工\",\"uscc\":\"%s\","
	    "\"org_type\":\"PROVIDER\",\"region_code\":\"630105000000\"}",
	    code);
	r = t_call("POST", "/api/v1/organizations", body);
	cr_assert(eq(int, r->status, 400));
	cr_assert(eq(str, (char *)t_str(r, "field"), "uscc"));
}

Test(api, audit_chain_verifies_and_detects_an_edit)
{
	struct store	*db;
	struct err	 e;
	int64_t		 bad, n;

	t_login("worker");
	t_child("王芳", "F", "2013-09-09");
	t_child("李强", "M", "2012-02-02");
	db = store_pool_acquire(t_app.pool);
	cr_assert(eq(int, audit_verify(db, &bad, &n, &e), 0));
	cr_assert(gt(i64, n, 3));
	cr_assert(store_exec(db, "UPDATE audit_log SET action = 'read' "
	    "WHERE id = 3", &e) == 0);
	cr_assert(eq(int, audit_verify(db, &bad, &n, &e), 1));
	cr_assert(eq(i64, bad, 3));
	store_pool_release(t_app.pool, db);
}

/* Replace a ":capture" in a route pattern, keeping what follows it. */
static void
fill(char *path, size_t cap, const char *capture, const char *value)
{
	char	*p, rest[128];

	if ((p = strstr(path, capture)) == NULL)
		return;
	snprintf(rest, sizeof(rest), "%s", p + strlen(capture));
	snprintf(p, cap - (size_t)(p - path), "%s%s", value, rest);
}

/* Every route, every role and no session: the rule holds. */
Test(api, every_route_checks_every_role)
{
	static const char *const public_routes[] = { "/healthz",
	    "/api/v1/version", "/api/v1/session", "/", NULL };
	const struct route	*routes, *rt;
	struct res		*r;
	size_t			 n, i, k;
	int			 j, pub;
	char			 path[128];
	static const char *const logins[ROLE__COUNT] = { "worker",
	    "supervisor", "lead", "finance", "purchaser", "evaluator",
	    "director", "township", "school", "admin" };

	routes = router_routes(&n);
	for (i = 0; i < n; i++) {
		rt = &routes[i];
		for (pub = 0, k = 0; public_routes[k] != NULL; k++)
			pub |= strcmp(public_routes[k], rt->pattern) == 0;
		/* A route with no role rule must be listed as public. */
		cr_assert(rt->roles != ROLE_NONE || pub, "%s has no rule",
		    rt->pattern);
		snprintf(path, sizeof(path), "%s", rt->pattern);
		fill(path, sizeof(path), ":id", "1");
		fill(path, sizeof(path), ":name", "children");
		for (j = -1; j < ROLE__COUNT; j++) {
			const char *m = rt->methods & HTTP_GET ? "GET" :
			    rt->methods & HTTP_POST ? "POST" :
			    rt->methods & HTTP_PATCH ? "PATCH" :
			    rt->methods & HTTP_PUT ? "PUT" : "DELETE";
			if (j == -1)
				t_logout_local();
			else
				t_login(logins[j]);
			r = t_call_h(m, path, rt->methods & (HTTP_POST |
			    HTTP_PATCH | HTTP_PUT) ? "{}" : NULL,
			    (const char *[]){ "If-Match: 1", NULL });
			if (rt->roles == ROLE_NONE)
				cr_assert(r->status != 401 && r->status != 403,
				    "%s %s as %d: %d", m, path, j, r->status);
			else if (j == -1)
				cr_assert(eq(int, r->status, 401), "%s %s", m,
				    path);
			else if (rt->roles & role_table[j].bit)
				cr_assert(r->status != 401 && r->status != 403,
				    "%s %s as %s: %d %s", m, path, logins[j],
				    r->status, r->body);
			else
				cr_assert(eq(int, r->status, 403), "%s %s as %s",
				    m, path, logins[j]);
		}
	}
}

/* The one child a search finds, by name; NULL if not exactly one. */
static const char *
found_one(const char *q)
{
	char		 path[128];
	struct res	*r;
	json_t		*items;

	snprintf(path, sizeof(path), "/api/v1/children?q=%s", q);
	r = t_call("GET", path, NULL);
	cr_assert(eq(int, r->status, 200), "%s: %s", q, r->body);
	items = json_object_get(t_json(r), "items");
	if (json_array_size(items) != 1)
		return (NULL);
	return (json_string_value(json_object_get(json_array_get(items, 0),
	    "name")));
}

/* Pinyin, full or initials, finds a child; the client cannot set it. */
Test(api, children_are_found_by_pinyin)
{
	struct res	*r;
	long long	 id;
	char		 path[64];

	t_login("worker");
	id = t_child("张梦琪", "F", "2015-06-01");
	t_child("李强", "M", "2014-02-03");
	snprintf(path, sizeof(path), "/api/v1/children/%lld", id);
	r = t_call("GET", path, NULL);
	cr_assert(eq(str, (char *)t_str(r, "name_pinyin"),
	    "zhang meng qi|zhangmengqi|zmq"));
	cr_assert(eq(str, (char *)found_one("zmq"), "张梦琪"));
	/* Case does not matter, on PostgreSQL as on SQLite (FF_LOWER). */
	cr_assert(eq(str, (char *)found_one("ZMQ"), "张梦琪"));
	cr_assert(eq(str, (char *)found_one("zhangmeng"), "张梦琪"));
	cr_assert(eq(str, (char *)found_one("meng%20qi"), "张梦琪"));
	cr_assert(eq(str, (char *)found_one("qiang"), "李强"));
	cr_assert(eq(str, (char *)found_one("%E6%A2%A6"), "张梦琪"));	/* 梦 */
	cr_assert(found_one("wang") == NULL);
	/* Server-set: a client's value is refused. */
	r = t_call_h("PATCH", path, "{\"name_pinyin\":\"x\"}",
	    (const char *[]){ "If-Match: 1", NULL });
	cr_assert(eq(int, r->status, 400));
	cr_assert(eq(str, (char *)t_str(r, "field"), "name_pinyin"));
	/* A new name, a new pinyin; other edits keep it. */
	r = t_call_h("PATCH", path, "{\"name\":\"王梦琪\"}",
	    (const char *[]){ "If-Match: 1", NULL });
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	r = t_call_h("PATCH", path, "{\"grade\":2}",
	    (const char *[]){ "If-Match: 2", NULL });
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(str, (char *)t_str(r, "name_pinyin"),
	    "wang meng qi|wangmengqi|wmq"));
	cr_assert(found_one("zmq") == NULL);
	cr_assert(eq(str, (char *)found_one("wmq"), "王梦琪"));
	/* De-identified: neither shown nor searchable. */
	t_login("purchaser");
	r = t_call("GET", path, NULL);
	cr_assert(eq(int, r->status, 200));
	cr_assert(json_object_get(t_json(r), "name_pinyin") == NULL);
	r = t_call("GET", "/api/v1/children?q=wmq", NULL);
	cr_assert(eq(sz, json_array_size(json_object_get(t_json(r), "items")),
	    0));
}

/* An outbox that resends a create gets its first record, not a second. */
Test(api, a_create_sent_twice_with_one_key_makes_one_record)
{
	struct res	*r;
	const char	*k1[] = { "Idempotency-Key: outbox-1732870000-abc", NULL };
	const char	*bad[] = { "Idempotency-Key: no!", NULL };
	long long	 id;

	t_login("worker");
	r = t_call_h("POST", "/api/v1/children", "{" BASE "}", k1);
	cr_assert(eq(int, r->status, 201), "%s", r->body);
	id = t_int(r, "id");
	r = t_call_h("POST", "/api/v1/children", "{" BASE "}", k1);
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(i64, t_int(r, "id"), id));
	cr_assert(eq(str, (char *)t_header(r, "Idempotent-Replayed"), "true"));
	cr_assert(eq(i64, children_count(), 1));
	/* The same key for another kind of record is a conflict. */
	r = t_call_h("POST", "/api/v1/consents", "{\"child_id\":1}", k1);
	cr_assert(eq(int, r->status, 409), "%s", r->body);
	r = t_call_h("POST", "/api/v1/children", "{" BASE "}", bad);
	cr_assert(eq(int, r->status, 400));
	cr_assert(eq(str, (char *)t_str(r, "field"), "Idempotency-Key"));
	cr_assert(eq(i64, children_count(), 1));
	/* Keys are per person: another worker's same key is their own. */
	t_login("supervisor");
	r = t_call_h("POST", "/api/v1/children", "{" BASE "}", k1);
	cr_assert(eq(int, r->status, 201), "%s", r->body);
	cr_assert(eq(i64, children_count(), 2));
	/* A failed create remembers nothing: fixed, it goes through. */
	t_login("worker");
	r = t_call_h("POST", "/api/v1/children", "{\"name\":\"x\"}",
	    (const char *[]){ "Idempotency-Key: outbox-2-failed", NULL });
	cr_assert(eq(int, r->status, 400));
	r = t_call_h("POST", "/api/v1/children", "{" BASE "}",
	    (const char *[]){ "Idempotency-Key: outbox-2-failed", NULL });
	cr_assert(eq(int, r->status, 201), "%s", r->body);
}
