/*
 * test_security.c - sessions and API tokens through the real router:
 * fixation, idle and absolute expiry, sign-out everywhere, disabled
 * accounts, bearer tokens (allowed, revoked, expired, not a cookie), and
 * the administrators' audit search.  Sessions are aged by editing their
 * rows (created_at and last_seen are epoch seconds).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "api/credentials.h"
#include "api/router.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/roles.h"
#include "t_app.h"

TestSuite(security, .init = t_app_up, .fini = t_app_down, .timeout = 60);

#define LANG_EN		"Accept-Language: en"
#define CHILD		"{\"name\":\"王芳\",\"sex\":\"F\",\"birth_date\":" \
			"\"2013-09-09\",\"village_code\":\"630105100201\"}"

/* A browser's credentials: its cookie and the CSRF token it was given. */
struct cred {
	char	cookie[128];	/* "lbcare_session=..." */
	char	csrf[64];
};

static const struct actor sys = { 0, ROLE_ADMIN, "", 0, NULL };

/* Sign in as login; old, if not NULL, is the cookie the browser had. */
static void
sign_in(const char *login, const struct cred *old, struct cred *c)
{
	struct res	*r;
	const char	*sc, *h[2] = { NULL, NULL };
	char		 body[256], ck[160];

	snprintf(body, sizeof(body), "{\"login\":\"%s\",\"password\":\"%s\"}",
	    login, T_PASSWORD);
	if (old != NULL) {
		snprintf(ck, sizeof(ck), "Cookie: %s", old->cookie);
		h[0] = ck;
	}
	r = t_call_h("POST", "/api/v1/session", body, h);
	cr_assert(eq(int, r->status, 200), "sign in %s: %s", login, r->body);
	sc = t_header(r, "Set-Cookie");
	cr_assert(sc != NULL);
	snprintf(c->cookie, sizeof(c->cookie), "%.*s", (int)strcspn(sc, ";"),
	    sc);
	snprintf(c->csrf, sizeof(c->csrf), "%s", t_str(r, "csrf_token"));
}

/* A call as a browser with these credentials (cookie and CSRF token). */
static struct res *
as(const struct cred *c, const char *method, const char *path,
    const char *body)
{
	char	ck[160], cs[96];

	snprintf(ck, sizeof(ck), "Cookie: %s", c->cookie);
	snprintf(cs, sizeof(cs), "X-CSRF-Token: %s", c->csrf);
	return (t_call_h(method, path, body, (const char *[]){ ck, cs,
	    LANG_EN, NULL }));
}

/* A call as a machine client with an Authorization header. */
static struct res *
with_auth(const char *authorization, const char *method, const char *path,
    const char *body)
{
	char	h[600];

	snprintf(h, sizeof(h), "Authorization: %s", authorization);
	return (t_call_h(method, path, body, (const char *[]){ h, LANG_EN,
	    NULL }));
}

static struct res *
bearer(const char *tok, const char *method, const char *path,
    const char *body)
{
	char	a[512];

	snprintf(a, sizeof(a), "Bearer %s", tok);
	return (with_auth(a, method, path, body));
}

static void
sql(const char *q)
{
	struct store	*db = store_pool_acquire(t_app.pool);
	struct err	 e;
	int		 rc = store_exec(db, q, &e);

	store_pool_release(t_app.pool, db);
	cr_assert(eq(int, rc, 0), "%s: %s", q, e.msg_en);
}

static long long
user_id(const char *login)
{
	char	q[128];

	snprintf(q, sizeof(q), "SELECT id FROM users WHERE login = '%s'",
	    login);
	return (t_sql_int(q));
}

static long long
sessions_of(const char *login)
{
	char	q[160];

	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM sessions WHERE user_id = "
	    "(SELECT id FROM users WHERE login = '%s')", login);
	return (t_sql_int(q));
}

/* A new API token for login; its text in out[], its id returned. */
static long long
make_token(const char *login, int days, char out[64])
{
	struct store	*db = store_pool_acquire(t_app.pool);
	struct arena	*a = arena_new();
	struct err	 e;
	const char	*tok;
	int64_t		 id;

	tok = auth_token_create(db, &sys, login, "bureau reports", days, &id,
	    a, &e);
	store_pool_release(t_app.pool, db);
	cr_assert(tok != NULL, "token for %s: %s", login, e.msg_en);
	snprintf(out, 64, "%s", tok);
	arena_free(a);
	return (id);
}

static int
revoke(long long id, struct err *e)
{
	struct store	*db = store_pool_acquire(t_app.pool);
	int		 rc = auth_token_revoke(db, &sys, id, e);

	store_pool_release(t_app.pool, db);
	return (rc);
}

static size_t
items(const struct res *r)
{
	return (json_array_size(json_object_get(t_json(r), "items")));
}

/* Sessions ----------------------------------------------------------- */

Test(security, sign_in_kills_the_cookie_the_browser_had)
{
	struct cred	planted, mine, again;

	/* Someone plants their own session's cookie in the browser... */
	sign_in("worker2", NULL, &planted);
	/* ...and the victim signs in from it: the planted one dies. */
	sign_in("worker", &planted, &mine);
	cr_assert(ne(str, planted.cookie, mine.cookie));
	cr_assert(eq(int, as(&planted, "GET", "/api/v1/session", NULL)->status,
	    401));
	cr_assert(eq(i64, sessions_of("worker2"), 0));
	cr_assert(eq(str, (char *)t_str(as(&mine, "GET", "/api/v1/session",
	    NULL), "user/login"), "worker"));
	/* Signing in again from a live session replaces it too. */
	sign_in("worker", &mine, &again);
	cr_assert(eq(int, as(&mine, "GET", "/api/v1/session", NULL)->status,
	    401));
	cr_assert(eq(int, as(&again, "GET", "/api/v1/session", NULL)->status,
	    200));
	cr_assert(eq(i64, sessions_of("worker"), 1));
}

Test(security, idle_session_ends_after_session_idle_minutes)
{
	struct cred	 c;
	struct res	*r;

	sign_in("worker", NULL, &c);
	/* 29 minutes idle (of 30): still alive, and the clock is reset. */
	sql("UPDATE sessions SET last_seen = last_seen - 29 * 60, "
	    "created_at = created_at - 29 * 60");
	cr_assert(eq(int, as(&c, "GET", "/api/v1/session", NULL)->status,
	    200));
	cr_assert(ge(i64, t_sql_int("SELECT last_seen - created_at FROM "
	    "sessions"), 29 * 60));
	/* 31 minutes idle: gone, and the answer says why. */
	sql("UPDATE sessions SET last_seen = last_seen - 31 * 60");
	r = as(&c, "GET", "/api/v1/children", NULL);
	cr_assert(eq(int, r->status, 401));
	cr_assert(eq(str, (char *)t_str(r, "code"), "unauthenticated"));
	cr_assert(eq(str, (char *)t_str(r, "detail"), "the session ended "
	    "after 30 minutes without use; please sign in again"));
	cr_assert(eq(i64, sessions_of("worker"), 0));
}

Test(security, session_ends_session_max_hours_after_sign_in)
{
	struct cred	 c;
	struct res	*r;

	sign_in("worker", NULL, &c);
	sql("UPDATE sessions SET created_at = created_at - 11 * 3600");
	cr_assert(eq(int, as(&c, "GET", "/api/v1/session", NULL)->status,
	    200));
	/* In use all along (last_seen is now), but signed in 12 h ago. */
	sql("UPDATE sessions SET created_at = created_at - 3600 - 1");
	r = as(&c, "GET", "/api/v1/session", NULL);
	cr_assert(eq(int, r->status, 401));
	cr_assert(eq(str, (char *)t_str(r, "detail"), "the session ended 12 "
	    "hours after sign-in; please sign in again"));
	cr_assert(eq(i64, sessions_of("worker"), 0));
}

Test(security, sign_out_everywhere_ends_every_session_of_the_user)
{
	struct cred	 a, b, other;
	struct res	*r;

	sign_in("worker", NULL, &a);
	sign_in("worker", NULL, &b);		/* another browser */
	sign_in("admin", NULL, &other);
	r = as(&a, "DELETE", "/api/v1/session?everywhere=yes", NULL);
	cr_assert(eq(int, r->status, 400));
	cr_assert(eq(str, (char *)t_str(r, "field"), "everywhere"));
	cr_assert(eq(i64, sessions_of("worker"), 2));
	r = as(&a, "DELETE", "/api/v1/session?everywhere=true", NULL);
	cr_assert(eq(int, r->status, 204));
	cr_assert(strstr(t_header(r, "Set-Cookie"), "Max-Age=0") != NULL);
	cr_assert(eq(int, as(&a, "GET", "/api/v1/session", NULL)->status,
	    401));
	cr_assert(eq(int, as(&b, "GET", "/api/v1/session", NULL)->status,
	    401));
	cr_assert(eq(i64, sessions_of("worker"), 0));
	/* Someone else's session is not touched. */
	cr_assert(eq(int, as(&other, "GET", "/api/v1/session", NULL)->status,
	    200));
	/* A plain sign-out ends this browser's session only. */
	sign_in("worker", NULL, &a);
	sign_in("worker", NULL, &b);
	cr_assert(eq(int, as(&a, "DELETE", "/api/v1/session", NULL)->status,
	    204));
	cr_assert(eq(int, as(&a, "GET", "/api/v1/session", NULL)->status,
	    401));
	cr_assert(eq(int, as(&b, "GET", "/api/v1/session", NULL)->status,
	    200));
	/* Signing out is a write: the CSRF token is required. */
	snprintf(b.csrf, sizeof(b.csrf), "not-the-token");
	r = as(&b, "DELETE", "/api/v1/session?everywhere=true", NULL);
	cr_assert(eq(int, r->status, 403));
	cr_assert(eq(str, (char *)t_str(r, "field"), "X-CSRF-Token"));
	cr_assert(eq(i64, sessions_of("worker"), 1));
}

Test(security, a_disabled_account_loses_its_sessions)
{
	struct cred	 c, d;
	struct res	*r;
	struct store	*db;
	struct err	 e;
	int		 rc;

	/* Even if only the flag is set, the session is refused... */
	sign_in("worker", NULL, &c);
	sql("UPDATE users SET disabled = 1 WHERE login = 'worker'");
	r = as(&c, "GET", "/api/v1/session", NULL);
	cr_assert(eq(int, r->status, 401));
	cr_assert(eq(str, (char *)t_str(r, "detail"),
	    "this account is disabled"));
	cr_assert(eq(i64, sessions_of("worker"), 0));
	/* ...and disabling through auth deletes the sessions outright. */
	sign_in("worker2", NULL, &d);
	db = store_pool_acquire(t_app.pool);
	rc = auth_user_set_disabled(db, "worker2", 1, &e);
	store_pool_release(t_app.pool, db);
	cr_assert(eq(int, rc, 0));
	cr_assert(eq(i64, sessions_of("worker2"), 0));
	cr_assert(eq(int, as(&d, "GET", "/api/v1/session", NULL)->status,
	    401));
}

Test(security, a_new_password_ends_sessions_but_not_api_tokens)
{
	struct cred	 c;
	struct store	*db;
	struct err	 e;
	char		 tok[64];
	int		 rc;

	sign_in("worker", NULL, &c);
	make_token("worker", 30, tok);
	db = store_pool_acquire(t_app.pool);
	rc = auth_user_set_password(db, "worker", "another-pass-2027",
	    app_pwcost(&t_app), &e);
	store_pool_release(t_app.pool, db);
	cr_assert(eq(int, rc, 0), "%s", e.msg_en);
	cr_assert(eq(int, as(&c, "GET", "/api/v1/session", NULL)->status,
	    401));
	cr_assert(eq(i64, sessions_of("worker"), 0));
	cr_assert(eq(int, bearer(tok, "GET", "/api/v1/session", NULL)->status,
	    200));
}

Test(security, login_body_is_unpacked_strictly)
{
	struct res	*r;

	/* "worker\0x" must not sign in as "worker" (jansson refuses it). */
	r = t_call("POST", "/api/v1/session", "{\"login\":\"worker\\u0000x\","
	    "\"password\":\"" T_PASSWORD "\"}");
	cr_assert(eq(int, r->status, 400));
	cr_assert(eq(str, (char *)t_str(r, "code"), "invalid"));
	r = t_call("POST", "/api/v1/session", "{\"login\":\"worker.worker."
	    "worker.worker.worker.worker.worker.worker.worker.worker\","
	    "\"password\":\"" T_PASSWORD "\"}");
	cr_assert(eq(int, r->status, 400));
	cr_assert(eq(str, (char *)t_str(r, "field"), "login"));
	r = t_call("POST", "/api/v1/session", "{\"login\":\"worker\","
	    "\"password\":\"\"}");
	cr_assert(eq(int, r->status, 400));
	cr_assert(eq(str, (char *)t_str(r, "field"), "password"));
	r = t_call("POST", "/api/v1/session", "{\"login\":\"worker\"}");
	cr_assert(eq(int, r->status, 400));
	r = t_call("POST", "/api/v1/session", "{\"login\":1,\"password\":2}");
	cr_assert(eq(int, r->status, 400));
	/* Refused bodies are not failed sign-ins: nothing was guessed. */
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM login_failures"),
	    0));
	cr_assert(eq(i64, sessions_of("worker"), 0));
}

/* API tokens --------------------------------------------------------- */

Test(security, token_is_stored_only_as_its_sha256)
{
	unsigned char	h[crypto_hash_sha256_BYTES];
	char		tok[64], hex[crypto_hash_sha256_BYTES * 2 + 1], q[200];
	long long	id;

	id = make_token("worker", 30, tok);
	cr_assert(eq(sz, strlen(tok), 47));
	cr_assert(eq(int, strncmp(tok, "lbt_", 4), 0));
	crypto_hash_sha256(h, (const unsigned char *)tok, strlen(tok));
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	snprintf(q, sizeof(q), "SELECT id FROM tokens WHERE token_hash = "
	    "'%s'", hex);
	cr_assert(eq(i64, t_sql_int(q), id));
	/* About 30 days from now. */
	snprintf(q, sizeof(q), "SELECT expires_at - created_at FROM tokens "
	    "WHERE id = %lld", id);
	cr_assert(eq(i64, t_sql_int(q), 30 * 86400));
	/* Creation is audited, with no value of the token in it. */
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM audit_log WHERE "
	    "resource = 'tokens' AND action = 'create' AND record_id = %lld",
	    id);
	cr_assert(eq(i64, t_sql_int(q), 1));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "detail LIKE '%lbt_%'"), 0));
}

Test(security, bearer_token_acts_as_its_user_without_csrf)
{
	struct cred	 c;
	struct res	*r;
	char		 tok[64], tok2[64], q[128];
	long long	 id, tid;

	sign_in("worker", NULL, &c);
	r = as(&c, "POST", "/api/v1/children", CHILD);
	cr_assert(eq(int, r->status, 201), "%s", r->body);
	tid = make_token("worker", 30, tok);
	r = bearer(tok, "GET", "/api/v1/children", NULL);
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(sz, items(r), 1));
	cr_assert(eq(str, (char *)t_str(r, "items/0/name"), "王芳"));
	r = bearer(tok, "GET", "/api/v1/session", NULL);
	cr_assert(eq(str, (char *)t_str(r, "user/login"), "worker"));
	cr_assert(eq(i64, t_int(r, "token_id"), tid));
	cr_assert(json_object_get(t_json(r), "csrf_token") == NULL);
	/* A write needs no CSRF token, and is the user's own. */
	r = bearer(tok, "POST", "/api/v1/children", CHILD);
	cr_assert(eq(int, r->status, 201), "%s", r->body);
	id = t_int(r, "id");
	snprintf(q, sizeof(q), "SELECT created_by FROM children WHERE id = "
	    "%lld", id);
	cr_assert(eq(i64, t_sql_int(q), user_id("worker")));
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM tokens WHERE id = %lld "
	    "AND last_used IS NOT NULL", tid);
	cr_assert(eq(i64, t_sql_int(q), 1));
	/* The user's roles: no audit search for a worker. */
	cr_assert(eq(int, bearer(tok, "GET", "/api/v1/audit", NULL)->status,
	    403));
	/* The user's scope: worker2 works elsewhere and sees no child. */
	make_token("worker2", 30, tok2);
	r = bearer(tok2, "GET", "/api/v1/children", NULL);
	cr_assert(eq(int, r->status, 200));
	cr_assert(eq(sz, items(r), 0));
	/* There is no session to end: revoke the token instead. */
	r = bearer(tok, "DELETE", "/api/v1/session", NULL);
	cr_assert(eq(int, r->status, 400));
	cr_assert(eq(str, (char *)t_str(r, "field"), "Authorization"));
	cr_assert(eq(int, bearer(tok, "GET", "/api/v1/session", NULL)->status,
	    200));
}

Test(security, revoked_token_is_401)
{
	struct res	*r;
	struct err	 e;
	char		 tok[64], q[160];
	long long	 id;

	id = make_token("worker", 30, tok);
	cr_assert(eq(int, bearer(tok, "GET", "/api/v1/children", NULL)->status,
	    200));
	cr_assert(eq(int, revoke(id, &e), 0), "%s", e.msg_en);
	r = bearer(tok, "GET", "/api/v1/children", NULL);
	cr_assert(eq(int, r->status, 401));
	cr_assert(eq(str, (char *)t_str(r, "field"), "Authorization"));
	cr_assert(eq(str, (char *)t_str(r, "detail"),
	    "this API token has been revoked"));
	/* In Chinese by default. */
	snprintf(q, sizeof(q), "Authorization: Bearer %s", tok);
	r = t_call_h("GET", "/api/v1/children", NULL, (const char *[]){ q,
	    NULL });
	cr_assert(eq(str, (char *)t_str(r, "detail"), "该 API 令牌已被吊销"));
	cr_assert(eq(int, revoke(id, &e), -1));
	cr_assert(eq(int, e.code, ERR_CONFLICT));
	cr_assert(eq(int, revoke(id + 100, &e), -1));
	cr_assert(eq(int, e.code, ERR_NOTFOUND));
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM audit_log WHERE resource "
	    "= 'tokens' AND record_id = %lld AND action IN ('create', "
	    "'revoke')", id);
	cr_assert(eq(i64, t_sql_int(q), 2));
}

Test(security, expired_token_is_401)
{
	struct res	*r;
	char		 tok[64], q[128];
	long long	 id;

	id = make_token("worker", 1, tok);
	cr_assert(eq(int, bearer(tok, "GET", "/api/v1/children", NULL)->status,
	    200));
	snprintf(q, sizeof(q), "UPDATE tokens SET expires_at = expires_at - "
	    "86400 WHERE id = %lld", id);
	sql(q);
	r = bearer(tok, "GET", "/api/v1/children", NULL);
	cr_assert(eq(int, r->status, 401));
	cr_assert(eq(str, (char *)t_str(r, "detail"),
	    "this API token has expired"));
}

Test(security, token_creation_checks_its_arguments)
{
	struct store	*db = store_pool_acquire(t_app.pool);
	struct arena	*a = arena_new();
	struct err	 e;
	int64_t		 id;

	cr_assert(auth_token_create(db, &sys, "worker", "x", 0, &id, a,
	    &e) == NULL);
	cr_assert(eq(str, e.field, "days"));
	cr_assert(auth_token_create(db, &sys, "worker", "x",
	    AUTH_TOKEN_DAYS_MAX + 1, &id, a, &e) == NULL);
	cr_assert(eq(str, e.field, "days"));
	cr_assert(auth_token_create(db, &sys, "worker", "", 30, &id, a,
	    &e) == NULL);
	cr_assert(eq(str, e.field, "name"));
	cr_assert(auth_token_create(db, &sys, "worker", "a\nb", 30, &id, a,
	    &e) == NULL);
	cr_assert(eq(str, e.field, "name"));
	cr_assert(auth_token_create(db, &sys, "nobody", "x", 30, &id, a,
	    &e) == NULL);
	cr_assert(eq(int, e.code, ERR_NOTFOUND));
	store_exec(db, "UPDATE users SET disabled = 1 WHERE login = 'school'",
	    &e);
	cr_assert(auth_token_create(db, &sys, "school", "x", 30, &id, a,
	    &e) == NULL);
	cr_assert(eq(int, e.code, ERR_CONFLICT));
	store_pool_release(t_app.pool, db);
	arena_free(a);
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM tokens"), 0));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "resource = 'tokens'"), 0));
}

Test(security, disabled_users_token_is_401)
{
	struct res	*r;
	char		 tok[64];

	make_token("worker", 30, tok);
	sql("UPDATE users SET disabled = 1 WHERE login = 'worker'");
	r = bearer(tok, "GET", "/api/v1/children", NULL);
	cr_assert(eq(int, r->status, 401));
	cr_assert(eq(str, (char *)t_str(r, "detail"),
	    "the account this API token belongs to is disabled"));
	sql("UPDATE users SET disabled = 0 WHERE login = 'worker'");
	cr_assert(eq(int, bearer(tok, "GET", "/api/v1/children", NULL)->status,
	    200));
}

Test(security, a_token_is_not_a_cookie_nor_a_cookie_a_token)
{
	struct cred	 c, fake;
	struct res	*r;
	const char	*raw;
	char		 tok[64], a[200];

	make_token("worker", 30, tok);
	sign_in("worker", NULL, &c);
	/* The API token in the session cookie. */
	snprintf(fake.cookie, sizeof(fake.cookie), "%s=%s",
	    CREDENTIALS_COOKIE, tok);
	snprintf(fake.csrf, sizeof(fake.csrf), "%s", c.csrf);
	r = as(&fake, "GET", "/api/v1/session", NULL);
	cr_assert(eq(int, r->status, 401));
	cr_assert(eq(str, (char *)t_str(r, "detail"),
	    "not signed in, or the session has ended"));
	/* The session token as a bearer token, bare or dressed as one. */
	raw = c.cookie + strlen(CREDENTIALS_COOKIE) + 1;
	r = bearer(raw, "GET", "/api/v1/session", NULL);
	cr_assert(eq(int, r->status, 401));
	cr_assert(eq(str, (char *)t_str(r, "detail"), "unknown API token"));
	snprintf(a, sizeof(a), "lbt_%s", raw);
	cr_assert(eq(int, bearer(a, "GET", "/api/v1/session", NULL)->status,
	    401));
	/* Both credentials, a bad token: no falling back on the cookie. */
	snprintf(a, sizeof(a), "Cookie: %s", c.cookie);
	r = t_call_h("GET", "/api/v1/session", NULL, (const char *[]){ a,
	    "Authorization: Bearer lbt_nothing", NULL });
	cr_assert(eq(int, r->status, 401));
	cr_assert(eq(str, (char *)t_str(r, "field"), "Authorization"));
	/* Another scheme, or no token at all. */
	r = with_auth("Basic d29ya2VyOnRlc3QtcGFzcy0yMDI2", "GET",
	    "/api/v1/session", NULL);
	cr_assert(eq(int, r->status, 401));
	cr_assert(eq(str, (char *)t_str(r, "detail"), "the Authorization "
	    "header must be \"Bearer\" and an API token"));
	cr_assert(eq(int, with_auth("Bearer ", "GET", "/api/v1/session",
	    NULL)->status, 401));
	/* Both still work where they belong. */
	cr_assert(eq(int, as(&c, "GET", "/api/v1/session", NULL)->status,
	    200));
	cr_assert(eq(int, bearer(tok, "GET", "/api/v1/session", NULL)->status,
	    200));
}

/* Audit search ------------------------------------------------------- */

Test(security, admin_searches_the_audit_log)
{
	struct cred	 w, adm;
	struct res	*r;
	char		 path[160];
	const char	*cur;
	json_t		*detail;
	long long	 id, n = 0;

	sign_in("worker", NULL, &w);
	r = as(&w, "POST", "/api/v1/children", CHILD);
	cr_assert(eq(int, r->status, 201));
	id = t_int(r, "id");
	snprintf(path, sizeof(path), "/api/v1/children/%lld", id);
	cr_assert(eq(int, as(&w, "GET", path, NULL)->status, 200));
	sign_in("admin", NULL, &adm);
	snprintf(path, sizeof(path), "/api/v1/audit?resource=children&"
	    "record_id=%lld", id);
	r = as(&adm, "GET", path, NULL);
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(sz, items(r), 2));
	cr_assert(eq(str, (char *)t_str(r, "items/0/action"), "create"));
	cr_assert(eq(str, (char *)t_str(r, "items/1/action"), "read"));
	cr_assert(eq(str, (char *)t_str(r, "items/0/resource"), "children"));
	cr_assert(eq(i64, t_int(r, "items/0/record_id"), id));
	cr_assert(eq(i64, t_int(r, "items/0/user_id"), user_id("worker")));
	cr_assert(eq(str, (char *)t_str(r, "items/0/roles/0"), "WORKER"));
	cr_assert(eq(str, (char *)t_str(r, "items/0/remote"), "127.0.0.1"));
	cr_assert(eq(int, strncmp(t_str(r, "items/0/at"), "20", 2), 0));
	detail = json_object_get(json_array_get(json_object_get(t_json(r),
	    "items"), 0), "detail");
	cr_assert(eq(int, json_typeof(detail), JSON_OBJECT), "%s", r->body);
	cr_assert(eq(ptr, json_object_get(t_json(r), "next_cursor"),
	    json_null()));
	/* Each filter narrows. */
	snprintf(path, sizeof(path), "/api/v1/audit?resource=children&"
	    "record_id=%lld&action=read", id);
	r = as(&adm, "GET", path, NULL);
	cr_assert(eq(sz, items(r), 1));
	cr_assert(eq(str, (char *)t_str(r, "items/0/action"), "read"));
	snprintf(path, sizeof(path), "/api/v1/audit?resource=children&"
	    "user_id=%lld", user_id("admin"));
	cr_assert(eq(sz, items(as(&adm, "GET", path, NULL)), 0));
	snprintf(path, sizeof(path), "/api/v1/audit?record_id=%lld&"
	    "since=2999-01-01", id);
	cr_assert(eq(sz, items(as(&adm, "GET", path, NULL)), 0));
	snprintf(path, sizeof(path), "/api/v1/audit?record_id=%lld&"
	    "resource=children&since=2000-01-01T00:00:00.5Z", id);
	cr_assert(eq(sz, items(as(&adm, "GET", path, NULL)), 2));
	/* Pages of one, by cursor, without repeats or gaps. */
	snprintf(path, sizeof(path), "/api/v1/audit?limit=1&user_id=%lld",
	    user_id("worker"));
	for (;;) {
		r = as(&adm, "GET", path, NULL);
		cr_assert(eq(int, r->status, 200));
		cr_assert(eq(sz, items(r), 1));
		n++;
		if ((cur = t_str(r, "next_cursor")) == NULL)
			break;
		snprintf(path, sizeof(path), "/api/v1/audit?limit=1&user_id="
		    "%lld&cursor=%s", user_id("worker"), cur);
	}
	cr_assert(eq(i64, n, t_sql_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "user_id = (SELECT id FROM users WHERE login = 'worker')")));
	cr_assert(ge(i64, n, 3));	/* sign-in, create, read */
}

Test(security, audit_search_refuses_bad_parameters)
{
	static const struct {
		const char	*query, *field;
	} bad[] = {
		{ "record_id=abc", "record_id" },
		{ "user_id=-1", "user_id" },
		{ "resource=Children", "resource" },
		{ "action=read%3B", "action" },
		{ "since=2026-02-30", "since" },
		{ "since=2026-01-01T25:00:00Z", "since" },
		{ "since=2026-01-01T10:00:00", "since" },
		{ "limit=0", "limit" },
		{ "cursor=x", "cursor" },
		{ "remote=127.0.0.1", "remote" },
	};
	struct cred	 adm;
	struct res	*r;
	char		 path[128];
	size_t		 i;

	sign_in("admin", NULL, &adm);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(path, sizeof(path), "/api/v1/audit?%s", bad[i].query);
		r = as(&adm, "GET", path, NULL);
		cr_assert(eq(int, r->status, 400), "%s: %d", path, r->status);
		cr_assert(eq(str, (char *)t_str(r, "field"),
		    (char *)bad[i].field), "%s: %s", path, r->body);
	}
}

Test(security, only_admins_read_the_audit_log_and_nobody_edits_it)
{
	static const char *const methods[] = { "POST", "PATCH", "PUT",
	    "DELETE" };
	struct cred	 w, adm;
	struct res	*r;
	long long	 before;
	size_t		 i;

	sign_in("worker", NULL, &w);
	r = as(&w, "GET", "/api/v1/audit", NULL);
	cr_assert(eq(int, r->status, 403));
	cr_assert(eq(str, (char *)t_str(r, "code"), "forbidden"));
	cr_assert(eq(int, t_call("GET", "/api/v1/audit", NULL)->status, 401));
	sign_in("admin", NULL, &adm);
	before = t_sql_int("SELECT COUNT(*) FROM audit_log");
	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		r = as(&adm, methods[i], "/api/v1/audit", "{}");
		cr_assert(eq(int, r->status, 405), "%s: %d", methods[i],
		    r->status);
		r = as(&adm, methods[i], "/api/v1/audit/1", "{}");
		cr_assert(eq(int, r->status, 404), "%s: %d", methods[i],
		    r->status);
	}
	cr_assert(eq(int, as(&adm, "GET", "/api/v1/audit/1", NULL)->status,
	    404));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM audit_log"),
	    before));
}
