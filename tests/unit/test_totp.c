/*
 * test_totp.c - the second factor: RFC 4226/6238 and RFC 4648 test
 * vectors, then enrolment, replay, drift and recovery codes on a real
 * database.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/totp.h"
#include "t_app.h"

static const unsigned char rfc_key[] = "12345678901234567890";

Test(totp_vectors, rfc4226_hotp)
{
	static const uint32_t want[] = { 755224, 287082, 359152, 969429,
	    338314, 254676, 287922, 162583, 399871, 520489 };
	uint64_t	c;

	for (c = 0; c < 10; c++)
		cr_assert(eq(u32, totp_hotp(rfc_key, 20, c, 6), want[c]));
}

Test(totp_vectors, rfc6238_sha1)
{
	static const struct {
		uint64_t	t;
		uint32_t	code;
	} v[] = { { 59, 94287082 }, { 1111111109, 7081804 },
	    { 1111111111, 14050471 }, { 1234567890, 89005924 },
	    { 2000000000, 69279037 }, { 20000000000ULL, 65353130 } };
	size_t	i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		cr_assert(eq(u32, totp_hotp(rfc_key, 20, v[i].t / 30, 8),
		    v[i].code));
}

Test(totp_vectors, rfc4648_base32)
{
	static const char *const in[] = { "f", "fo", "foo", "foob", "fooba",
	    "foobar" };
	static const char *const out[] = { "MY", "MZXQ", "MZXW6", "MZXW6YQ",
	    "MZXW6YTB", "MZXW6YTBOI" };
	struct arena	*a = arena_new();
	unsigned char	 back[16];
	size_t		 i, n;

	for (i = 0; i < 6; i++) {
		cr_assert(eq(str, totp_base32((const unsigned char *)in[i],
		    strlen(in[i]), a), (char *)out[i]));
		cr_assert(eq(int, totp_base32_decode(out[i], back, sizeof(back),
		    &n), 0));
		cr_assert(eq(sz, n, strlen(in[i])));
		cr_assert(eq(int, memcmp(back, in[i], n), 0));
	}
	cr_assert(eq(int, totp_base32_decode("MZ1W", back, sizeof(back), &n),
	    -1));
	arena_free(a);
}

TestSuite(totp, .init = t_app_up, .fini = t_app_down, .timeout = 60);

/* One integer from SQL on the connection the test holds. */
static long long
q(struct store *db, const char *sql)
{
	struct stmt	*st;
	struct err	 e;
	long long	 v = -1;

	st = store_prepare(db, sql, &e);
	cr_assert(st != NULL, "%s", e.msg_en);
	if (stmt_step(st, &e) == 1)
		v = stmt_int64(st, 0);
	stmt_finalize(st);
	return (v);
}

/* The code an app would show at time t for an otpauth:// URI. */
static void
app_code(const char *uri, int64_t t, char out[7])
{
	unsigned char	key[64];
	size_t		n;
	char		secret[64];
	const char	*s = strstr(uri, "secret=") + 7;

	snprintf(secret, sizeof(secret), "%.*s", (int)strcspn(s, "&"), s);
	cr_assert(eq(int, totp_base32_decode(secret, key, sizeof(key), &n),
	    0));
	cr_assert(eq(sz, n, TOTP_SECRET_BYTES));
	snprintf(out, 7, "%06u", totp_hotp(key, n, (uint64_t)t / 30, 6));
}

Test(totp, enrol_verify_replay_drift_and_recovery)
{
	struct store	*db = store_pool_acquire(t_app.pool);
	struct arena	*a = arena_new();
	struct err	 e;
	char		*uri, *codes[TOTP_RECOVERY_CODES], c[7];
	int64_t		 uid = q(db, "SELECT id FROM users WHERE "
	    "login = 'worker'"), t0 = 1800000000;

	cr_assert(eq(int, totp_enabled(db, uid, &e), 0));
	uri = totp_setup(db, uid, "worker", a, &e);
	cr_assert(uri != NULL, "%s", e.msg_en);
	cr_assert(eq(int, strncmp(uri, "otpauth://totp/LBCare:worker?secret=",
	    36), 0));
	/* The secret is sealed in the database, not stored in the clear. */
	cr_assert(eq(i64, q(db, "SELECT COUNT(*) FROM user_totp WHERE "
	    "secret LIKE 'v1:%'"), 1));
	cr_assert(eq(int, totp_enable(db, uid, "000000", t0, codes, a, &e),
	    -1));
	app_code(uri, t0, c);
	cr_assert(eq(int, totp_enable(db, uid, c, t0, codes, a, &e), 0));
	cr_assert(eq(int, totp_enabled(db, uid, &e), 1));
	cr_assert(eq(sz, strlen(codes[0]), 10));
	/* The enrolment code cannot be used again (replay). */
	cr_assert(eq(int, totp_verify(db, uid, c, t0, a, &e), -1));
	cr_assert(eq(str, e.field, "otp"));
	/* One step of drift either way is accepted; two are not. */
	app_code(uri, t0 + 30, c);
	cr_assert(eq(int, totp_verify(db, uid, c, t0 + 60, a, &e), 0));
	app_code(uri, t0 + 120, c);
	cr_assert(eq(int, totp_verify(db, uid, c, t0 + 180, a, &e), -1));
	/* A recovery code works once, in any case. */
	cr_assert(eq(int, totp_verify(db, uid, codes[3], t0, a, &e), 0));
	cr_assert(eq(int, totp_verify(db, uid, codes[3], t0, a, &e), -1));
	codes[4][0] = (char)(codes[4][0] >= 'A' && codes[4][0] <= 'Z' ?
	    codes[4][0] + 32 : codes[4][0]);
	cr_assert(eq(int, totp_verify(db, uid, codes[4], t0, a, &e), 0));
	cr_assert(eq(i64, q(db, "SELECT COUNT(*) FROM recovery_codes "
	    "WHERE used = 1"), 2));
	/* Set-up again while on is refused; off forgets everything. */
	cr_assert(totp_setup(db, uid, "worker", a, &e) == NULL);
	cr_assert(eq(int, totp_disable(db, uid, &e), 0));
	cr_assert(eq(int, totp_enabled(db, uid, &e), 0));
	cr_assert(eq(i64, q(db, "SELECT COUNT(*) FROM recovery_codes"),
	    0));
	arena_free(a);
	store_pool_release(t_app.pool, db);
}

/* Through the router: enrol, then sign-in needs the code. */
Test(totp, sign_in_asks_for_the_code_once_enrolled)
{
	struct res	*r;
	char		 c[7], body[256], uri[256], rc[16];

	t_login("worker");
	r = t_call("POST", "/api/v1/session/totp", "{}");
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	snprintf(uri, sizeof(uri), "%s", t_str(r, "otpauth_uri"));
	app_code(uri, time(NULL), c);
	snprintf(body, sizeof(body), "{\"code\":\"%s\"}", c);
	r = t_call("POST", "/api/v1/session/totp/enable", body);
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(sz, json_array_size(json_object_get(t_json(r),
	    "recovery_codes")), TOTP_RECOVERY_CODES));
	snprintf(rc, sizeof(rc), "%s", t_str(r, "recovery_codes/0"));
	t_logout_local();

	r = t_call("POST", "/api/v1/session", "{\"login\":\"worker\","
	    "\"password\":\"" T_PASSWORD "\"}");
	cr_assert(eq(int, r->status, 401));
	cr_assert(eq(str, (char *)t_str(r, "field"), "otp"));
	r = t_call("POST", "/api/v1/session", "{\"login\":\"worker\","
	    "\"password\":\"" T_PASSWORD "\",\"otp\":\"123456x\"}");
	cr_assert(eq(int, r->status, 401));
	/* The next step's code (the enrolment used this one). */
	app_code(uri, time(NULL) + 30, c);
	snprintf(body, sizeof(body), "{\"login\":\"worker\",\"password\":\""
	    T_PASSWORD "\",\"otp\":\"%s\"}", c);
	r = t_call("POST", "/api/v1/session", body);
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	/* A recovery code also signs in, once. */
	snprintf(body, sizeof(body), "{\"login\":\"worker\",\"password\":\""
	    T_PASSWORD "\",\"otp\":\"%s\"}", rc);
	cr_assert(eq(int, t_call("POST", "/api/v1/session", body)->status,
	    200));
	cr_assert(eq(int, t_call("POST", "/api/v1/session", body)->status,
	    401));
	/* Without the second factor the password alone is enough. */
	r = t_call("POST", "/api/v1/session", "{\"login\":\"supervisor\","
	    "\"password\":\"" T_PASSWORD "\"}");
	cr_assert(eq(int, r->status, 200));
}
