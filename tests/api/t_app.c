/*
 * t_app.c - the API test harness: a real database, the real router.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "api/router.h"
#include "core/log.h"
#include "domain/auth.h"
#include "domain/resource.h"
#include "domain/roles.h"
#include "t_app.h"

struct app		 t_app;
static struct arena	*t_arena;
static char		 t_cookie[128];
static char		 t_csrf[64];
static int		 t_csrf_on = 1;
static char		 t_keyfile[64];

static const struct {
	const char	*code, *name;
} fixture_regions[] = {
	{ "630000000000", "青海省" },
	{ "630100000000", "西宁市" },
	{ "630105000000", "城北区" },
	{ "630105100000", "大堡子镇" },
	{ "630105100201", "甲村" },
	{ "630105100202", "乙村" },
	{ "630105101000", "廿里铺镇" },
	{ "630105101201", "丙村" },
	{ "632500000000", "海南藏族自治州" },
	{ "632521000000", "共和县" },
	{ "632521100000", "恰卜恰镇" },
	{ "632521100201", "丁村" },
};

static const struct {
	const char	*login;
	unsigned	 roles;
	const char	*scope;
} fixture_users[] = {
	{ "admin", ROLE_ADMIN, "" },
	{ "worker", ROLE_WORKER, "630105100" },
	{ "worker2", ROLE_WORKER, "632521" },
	{ "supervisor", ROLE_SUPERVISOR, "630105" },
	{ "lead", ROLE_LEAD, "630105" },
	{ "finance", ROLE_FINANCE, "630105" },
	{ "purchaser", ROLE_PURCHASER, "630105" },
	{ "evaluator", ROLE_EVALUATOR, "630105" },
	{ "director", ROLE_DIRECTOR, "630105100201" },
	{ "township", ROLE_TOWNSHIP, "630105101" },
	{ "school", ROLE_SCHOOL, "630105" },
	{ "countylead", ROLE_LEAD, "" },	/* no scope: sees every child */
};

/* A PostgreSQL schema of this test's own, named after the process. */
static const char *
test_db_uri(void)
{
	static char	 uri[512];
	const char	*pg = getenv("LBCARE_TEST_PG");
	struct store	*db;
	struct err	 e;
	char		 sql[128];

	if (pg == NULL || *pg == '\0')
		return (":memory:");
	if ((db = store_open(pg, &e)) == NULL)
		cr_fatal("LBCARE_TEST_PG: %s", e.msg_en);
	snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS t%d CASCADE; "
	    "CREATE SCHEMA t%d", (int)getpid(), (int)getpid());
	if (store_exec(db, sql, &e) == -1)
		cr_fatal("create schema: %s", e.msg_en);
	store_close(db);
	snprintf(uri, sizeof(uri), "%s%coptions=-csearch_path%%3Dt%d", pg,
	    strchr(pg, '?') ? '&' : '?', (int)getpid());
	return (uri);
}

void
t_app_up(void)
{
	struct store	*db;
	struct actor	 sys = { 0, ROLE_ANY, "", 0, NULL };
	struct err	 e;
	json_t		*j, *rec;
	size_t		 i;

	cr_assert(sodium_init() >= 0);
	memset(&t_app, 0, sizeof(t_app));
	conf_init(&t_app.conf);
	conf_set(&t_app.conf, "db", test_db_uri(), SRC_FLAG, &e);
	if (strcmp(conf_str(&t_app.conf, CONF_DB), ":memory:") != 0) {
		/* Keys in a file of this test's own, never in the tree. */
		snprintf(t_keyfile, sizeof(t_keyfile), "/tmp/lbcare-t%d.key",
		    (int)getpid());
		unlink(t_keyfile);
		conf_set(&t_app.conf, "key-file", t_keyfile, SRC_FLAG, &e);
	}
	conf_set(&t_app.conf, "pwhash", "min", SRC_FLAG, &e);
	conf_set(&t_app.conf, "max-body", "4096", SRC_FLAG, &e);
	conf_set(&t_app.conf, "log-level", "error", SRC_FLAG, &e);
	log_set_level(LOG_ERR);
	if (app_open(&t_app, 1, 1, &e) == -1)
		cr_fatal("app_open: %s", e.msg_en);
	t_arena = arena_new();
	db = store_pool_acquire(t_app.pool);
	for (i = 0; i < sizeof(fixture_regions) / sizeof(fixture_regions[0]);
	    i++) {
		j = json_pack("{s:s, s:s}", "code", fixture_regions[i].code,
		    "name", fixture_regions[i].name);
		if ((rec = resource_create(resource_find("regions"), db, &sys,
		    j, t_arena, &e)) == NULL)
			cr_fatal("fixture region: %s", e.msg_en);
		json_decref(rec);
		json_decref(j);
	}
	for (i = 0; i < sizeof(fixture_users) / sizeof(fixture_users[0]); i++)
		if (auth_user_create(db, fixture_users[i].login, T_PASSWORD,
		    fixture_users[i].login, fixture_users[i].roles,
		    fixture_users[i].scope, 0, app_pwcost(&t_app), &e) == -1)
			cr_fatal("fixture user: %s", e.msg_en);
	store_pool_release(t_app.pool, db);
	t_cookie[0] = t_csrf[0] = '\0';
}

void
t_app_down(void)
{
	arena_free(t_arena);
	t_arena = NULL;
	app_close(&t_app);
	router_free();
	if (*t_keyfile)
		unlink(t_keyfile);
}

static enum http_method
method_of(const char *m)
{
	static const struct {
		const char		*name;
		enum http_method	 m;
	} t[] = { { "GET", HTTP_GET }, { "HEAD", HTTP_HEAD },
		{ "POST", HTTP_POST }, { "PUT", HTTP_PUT },
		{ "PATCH", HTTP_PATCH }, { "DELETE", HTTP_DELETE } };
	size_t	i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].name, m) == 0)
			return (t[i].m);
	return (HTTP_OTHER);
}

static void
add_header(struct req *r, const char *k, const char *v)
{
	r->headers[r->nheaders].key = arena_strdup(r->arena, k);
	r->headers[r->nheaders].value = arena_strdup(r->arena, v);
	r->nheaders++;
}

struct res *
t_call_b(const char *method, const char *path, const void *body, size_t len,
    const char *ctype, const char *const *hdrs)
{
	struct req	*r;
	struct res	*res;
	struct err	 e;
	const char	*q, *colon;
	char		*p, *b;

	r = arena_alloc(t_arena, sizeof(*r));
	res = arena_alloc(t_arena, sizeof(*res));
	r->arena = t_arena;
	r->app = &t_app;
	r->method = method_of(method);
	r->remote_addr = "127.0.0.1";
	snprintf(r->request_id, sizeof(r->request_id), "test");
	p = arena_strdup(t_arena, path);
	if ((q = strchr(p, '?')) != NULL) {
		p[q - p] = '\0';
		if (req_parse_query(r, q + 1, &e) == -1)
			cr_fatal("bad test query: %s", e.msg_en);
	}
	cr_assert(url_decode(p) == 0);
	r->path = p;
	if (body != NULL) {
		b = arena_alloc(t_arena, len + 1);
		memcpy(b, body, len);
		b[len] = '\0';
		r->body = b;
		r->body_len = len;
		if (ctype != NULL)
			add_header(r, "Content-Type", ctype);
	}
	if (*t_cookie)
		add_header(r, "Cookie", t_cookie);
	if (*t_csrf && t_csrf_on)
		add_header(r, "X-CSRF-Token", t_csrf);
	for (; hdrs != NULL && *hdrs != NULL; hdrs++) {
		colon = strchr(*hdrs, ':');
		cr_assert(colon != NULL);
		add_header(r, arena_strndup(t_arena, *hdrs,
		    (size_t)(colon - *hdrs)), colon + 2);
	}
	/* The limit the server applies once the headers are in. */
	if (body != NULL && r->body_len > router_body_limit(r))
		r->body_too_large = 1;
	router_dispatch(r, res);
	return (res);
}

struct res *
t_call_h(const char *method, const char *path, const char *body,
    const char *const *hdrs)
{
	return (t_call_b(method, path, body, body ? strlen(body) : 0,
	    "application/json", hdrs));
}

struct res *
t_call(const char *method, const char *path, const char *body)
{
	return (t_call_h(method, path, body, NULL));
}

const char *
t_header(const struct res *res, const char *name)
{
	size_t	i;

	for (i = 0; i < res->nheaders; i++)
		if (strcasecmp(res->headers[i].key, name) == 0)
			return (res->headers[i].value);
	return (NULL);
}

json_t *
t_json(const struct res *res)
{
	json_error_t	 je;
	json_t		*j;

	cr_assert(res->body != NULL, "response has no body (status %d)",
	    res->status);
	j = json_loadb(res->body, res->body_len, 0, &je);
	cr_assert(j != NULL, "response is not JSON: %s", res->body);
	arena_defer(t_arena, json_decref_v, j);
	return (j);
}

static json_t *
t_at(const struct res *res, const char *path)
{
	json_t	*j = t_json(res);
	char	*copy, *tok, *save = NULL;

	copy = arena_strdup(t_arena, path);
	for (tok = strtok_r(copy, "/", &save); tok != NULL && j != NULL;
	    tok = strtok_r(NULL, "/", &save))
		j = json_is_array(j) ? json_array_get(j, strtoul(tok, NULL,
		    10)) : json_object_get(j, tok);
	return (j);
}

const char *
t_str(const struct res *res, const char *path)
{
	json_t	*j = t_at(res, path);

	return (json_is_string(j) ? json_string_value(j) : NULL);
}

long long
t_int(const struct res *res, const char *path)
{
	json_t	*j = t_at(res, path);
	int	 isint = json_is_integer(j);

	cr_assert(isint, "%s is not an integer in %s", path, res->body);
	return (json_integer_value(j));
}

void
t_login(const char *login)
{
	struct res	*res;
	const char	*sc;
	char		 body[256];

	t_logout_local();
	snprintf(body, sizeof(body), "{\"login\":\"%s\",\"password\":\"%s\"}",
	    login, T_PASSWORD);
	res = t_call("POST", "/api/v1/session", body);
	cr_assert(res->status == 200, "login %s: %d %s", login, res->status,
	    res->body);
	sc = t_header(res, "Set-Cookie");
	cr_assert(sc != NULL);
	snprintf(t_cookie, sizeof(t_cookie), "%.*s", (int)strcspn(sc, ";"),
	    sc);
	snprintf(t_csrf, sizeof(t_csrf), "%s", t_str(res, "csrf_token"));
}

void
t_csrf_send(int on)
{
	t_csrf_on = on;
}

void
t_logout_local(void)
{
	t_csrf_on = 1;
	t_cookie[0] = t_csrf[0] = '\0';
}

long long
t_sql_int(const char *sql)
{
	struct store	*db;
	struct stmt	*st;
	struct err	 e;
	long long	 v = -1;

	db = store_pool_acquire(t_app.pool);
	st = store_prepare(db, sql, &e);
	cr_assert(st != NULL, "%s: %s", sql, e.msg_en);
	if (stmt_step(st, &e) == 1)
		v = stmt_int64(st, 0);
	stmt_finalize(st);
	store_pool_release(t_app.pool, db);
	return (v);
}

long long
t_child(const char *name, const char *sex, const char *birth)
{
	struct res	*res;
	char		 body[512];

	snprintf(body, sizeof(body), "{\"name\":\"%s\",\"sex\":\"%s\","
	    "\"birth_date\":\"%s\",\"village_code\":\"630105100201\"}", name,
	    sex, birth);
	res = t_call("POST", "/api/v1/children", body);
	cr_assert(res->status == 201, "create child: %d %s", res->status,
	    res->body);
	return (t_int(res, "id"));
}

long long
t_consent(long long child_id, const char *scope)
{
	struct actor	 sys = { 0, ROLE_ANY, "", 0, NULL };
	struct store	*db = store_pool_acquire(t_app.pool);
	struct err	 e;
	json_t		*in, *rec;
	long long	 id;

	in = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "child_id",
	    (json_int_t)child_id, "scope", scope, "given_by_name", "监护人",
	    "relation", "GRANDPARENT_P", "given_on", "2025-01-01", "evidence",
	    "SIGNED_FORM");
	rec = resource_create(resource_find("consents"), db, &sys, in,
	    t_arena, &e);
	store_pool_release(t_app.pool, db);
	json_decref(in);
	cr_assert(rec != NULL, "consent: %s", e.msg_en);
	id = json_integer_value(json_object_get(rec, "id"));
	json_decref(rec);
	return (id);
}
