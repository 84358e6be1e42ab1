/*
 * auth.c - accounts, Argon2id passwords, throttled sign-in and sessions
 * kept in the database (so several servers can share them).
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../core/util.h"
#include "auth.h"
#include "roles.h"

#define TOKEN_BYTES	32
#define TOKEN_B64	sodium_base64_ENCODED_LEN(TOKEN_BYTES, \
			    sodium_base64_VARIANT_URLSAFE_NO_PADDING)
#define HASH_HEX	(crypto_hash_sha256_BYTES * 2 + 1)

struct pwcost
auth_pwcost(const char *name)
{
	struct pwcost	c;

	if (strcmp(name, "min") == 0) {
		c.ops = crypto_pwhash_OPSLIMIT_MIN;
		c.mem = crypto_pwhash_MEMLIMIT_MIN;
	} else if (strcmp(name, "moderate") == 0) {
		c.ops = crypto_pwhash_OPSLIMIT_MODERATE;
		c.mem = crypto_pwhash_MEMLIMIT_MODERATE;
	} else {
		c.ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
		c.mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	}
	return (c);
}

int
auth_password_ok(const char *pw, struct err *e)
{
	size_t		 n = strlen(pw);
	int		 lower = 0, upper = 0, digit = 0, other = 0;
	const char	*p;

	if (n < 10 || n > 128) {
		err_setl(e, ERR_INVALID, "password", "密码长度应为 10 到 128 个字节",
		    "the password must be 10 to 128 bytes long");
		return (-1);
	}
	for (p = pw; *p != '\0'; p++) {
		if (*p >= 'a' && *p <= 'z')
			lower = 1;
		else if (*p >= 'A' && *p <= 'Z')
			upper = 1;
		else if (*p >= '0' && *p <= '9')
			digit = 1;
		else
			other = 1;
	}
	if (lower + upper + digit + other < 2) {
		err_setl(e, ERR_INVALID, "password",
		    "密码应至少包含两类字符（字母、数字、符号）",
		    "the password must mix at least two kinds of character "
		    "(letters, digits, symbols)");
		return (-1);
	}
	return (0);
}

static int
hash_password(const char *pw, struct pwcost c, char out[crypto_pwhash_STRBYTES],
    struct err *e)
{
	if (crypto_pwhash_str_alg(out, pw, strlen(pw), c.ops, c.mem,
	    crypto_pwhash_ALG_ARGON2ID13) != 0) {
		err_set(e, ERR_INTERNAL, "", "password hashing ran out of memory");
		return (-1);
	}
	return (0);
}

static int
run1(struct stmt *st, struct err *e)
{
	int	rc;

	rc = stmt_step(st, e);
	stmt_finalize(st);
	return (rc == -1 ? -1 : 0);
}

int64_t
auth_user_create(struct store *db, const char *login, const char *password,
    const char *display_name, unsigned roles, const char *scope,
    int64_t org_id, struct pwcost c, struct err *e)
{
	char		 h[crypto_pwhash_STRBYTES], now[32];
	struct stmt	*st;
	int64_t		 id = -1;
	size_t		 n = strlen(login);

	if (n < 2 || n > 64 || strspn(login, "abcdefghijklmnopqrstuvwxyz"
	    "0123456789._-") != n) {
		err_setl(e, ERR_INVALID, "login",
		    "登录名应为 2 到 64 个小写字母、数字或 . _ -",
		    "the login must be 2 to 64 lowercase letters, digits or "
		    ". _ -");
		return (-1);
	}
	if ((roles & ROLE_ANY) == 0 || (roles & ~ROLE_ANY) != 0) {
		err_set(e, ERR_INVALID, "roles", "at least one known role");
		return (-1);
	}
	if (auth_password_ok(password, e) == -1 ||
	    hash_password(password, c, h, e) == -1)
		return (-1);
	time_now_rfc3339(now);
	if ((st = store_prepare(db, "INSERT INTO users (login, pw_hash, "
	    "display_name, roles, scope, org_id, disabled, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, 0, ?) RETURNING id", e)) == NULL)
		return (-1);
	stmt_bind_text(st, 1, login);
	stmt_bind_text(st, 2, h);
	stmt_bind_text(st, 3, display_name);
	stmt_bind_int64(st, 4, roles);
	stmt_bind_text(st, 5, scope ? scope : "");
	if (org_id > 0)
		stmt_bind_int64(st, 6, org_id);
	else
		stmt_bind_null(st, 6);
	stmt_bind_text(st, 7, now);
	if (stmt_step(st, e) == 1)
		id = stmt_int64(st, 0);
	stmt_finalize(st);
	return (id);
}

/* Run an UPDATE of users by login; NOTFOUND if no such user. */
static int
user_update(struct store *db, struct stmt *st, const char *login,
    struct err *e)
{
	if (run1(st, e) == -1)
		return (-1);
	if (store_changes(db) == 0) {
		err_set(e, ERR_NOTFOUND, "login", "no user '%s'", login);
		return (-1);
	}
	return (0);
}

int
auth_user_set_password(struct store *db, const char *login,
    const char *password, struct pwcost c, struct err *e)
{
	char		 h[crypto_pwhash_STRBYTES];
	struct stmt	*st;

	if (auth_password_ok(password, e) == -1 ||
	    hash_password(password, c, h, e) == -1)
		return (-1);
	if ((st = store_prepare(db, "UPDATE users SET pw_hash = ? "
	    "WHERE login = ?", e)) == NULL)
		return (-1);
	stmt_bind_text(st, 1, h);
	stmt_bind_text(st, 2, login);
	return (user_update(db, st, login, e));
}

int
auth_user_set_disabled(struct store *db, const char *login, int disabled,
    struct err *e)
{
	struct stmt	*st;

	if ((st = store_prepare(db, "UPDATE users SET disabled = ? "
	    "WHERE login = ?", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, disabled != 0);
	stmt_bind_text(st, 2, login);
	if (user_update(db, st, login, e) == -1)
		return (-1);
	if (!disabled)
		return (0);
	/* A disabled account keeps no live session. */
	if ((st = store_prepare(db, "DELETE FROM sessions WHERE user_id = "
	    "(SELECT id FROM users WHERE login = ?)", e)) == NULL)
		return (-1);
	stmt_bind_text(st, 1, login);
	return (run1(st, e));
}

int
auth_user_set_roles(struct store *db, const char *login, unsigned roles,
    const char *scope, struct err *e)
{
	struct stmt	*st;

	if ((roles & ROLE_ANY) == 0 || (roles & ~ROLE_ANY) != 0) {
		err_set(e, ERR_INVALID, "roles", "at least one known role");
		return (-1);
	}
	if ((st = store_prepare(db, "UPDATE users SET roles = ?, scope = ? "
	    "WHERE login = ?", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, roles);
	stmt_bind_text(st, 2, scope ? scope : "");
	stmt_bind_text(st, 3, login);
	return (user_update(db, st, login, e));
}

static void
sha256_hex(const char *s, char out[HASH_HEX])
{
	unsigned char	h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(out, HASH_HEX, h, sizeof(h));
}

static char *
random_token(struct arena *a, size_t nbytes)
{
	unsigned char	 raw[64];
	size_t		 len;
	char		*out;

	randombytes_buf(raw, nbytes);
	len = sodium_base64_ENCODED_LEN(nbytes,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	out = arena_alloc(a, len);
	sodium_bin2base64(out, len, raw, nbytes,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return (out);
}

static int64_t
recent_failures(struct store *db, const char *login, const char *addr,
    int64_t since, struct err *e)
{
	struct stmt	*st;
	int64_t		 n = -1;

	if ((st = store_prepare(db, "SELECT (SELECT COUNT(*) FROM "
	    "login_failures WHERE login = ? AND at > ?), (SELECT COUNT(*) "
	    "FROM login_failures WHERE addr = ? AND at > ?)", e)) == NULL)
		return (-1);
	stmt_bind_text(st, 1, login);
	stmt_bind_int64(st, 2, since);
	stmt_bind_text(st, 3, addr);
	stmt_bind_int64(st, 4, since);
	if (stmt_step(st, e) == 1) {
		n = stmt_int64(st, 0);
		/* An address gets more room: an office shares one. */
		if (stmt_int64(st, 1) / 4 > n)
			n = stmt_int64(st, 1) / 4;
	}
	stmt_finalize(st);
	return (n);
}

static int
record_failure(struct store *db, const char *login, const char *addr,
    struct err *e)
{
	struct stmt	*st;

	if ((st = store_prepare(db, "INSERT INTO login_failures (login, addr, "
	    "at) VALUES (?, ?, ?)", e)) == NULL)
		return (-1);
	stmt_bind_text(st, 1, login);
	stmt_bind_text(st, 2, addr);
	stmt_bind_int64(st, 3, time_now());
	return (run1(st, e));
}

static struct session *
session_create(struct store *db, int64_t user_id, struct arena *a,
    struct err *e)
{
	struct session	*s;
	struct stmt	*st;
	char		 h[HASH_HEX];

	s = arena_alloc(a, sizeof(*s));
	s->user_id = user_id;
	s->token = random_token(a, TOKEN_BYTES);
	s->csrf = random_token(a, 24);
	sha256_hex(s->token, h);
	if ((st = store_prepare(db, "INSERT INTO sessions (token_hash, "
	    "user_id, csrf, created_at, last_seen) VALUES (?, ?, ?, ?, ?)",
	    e)) == NULL)
		return (NULL);
	stmt_bind_text(st, 1, h);
	stmt_bind_int64(st, 2, user_id);
	stmt_bind_text(st, 3, s->csrf);
	stmt_bind_int64(st, 4, time_now());
	stmt_bind_int64(st, 5, time_now());
	if (run1(st, e) == -1)
		return (NULL);
	return (s);
}

struct session *
auth_login(struct store *db, const char *login, const char *password,
    const char *addr, int max_failures, int window_min, struct arena *a,
    struct err *e)
{
	struct stmt	*st;
	int64_t		 n, uid = 0;
	char		 hash[crypto_pwhash_STRBYTES] = "";
	int		 disabled = 1, ok;

	addr = addr ? addr : "";
	n = recent_failures(db, login, addr, time_now() - window_min * 60, e);
	if (n == -1)
		return (NULL);
	if (n >= max_failures) {
		err_setl(e, ERR_THROTTLED, "login",
		    "登录失败次数过多，请 %d 分钟后再试",
		    "too many failed sign-ins; try again in %d minutes",
		    window_min);
		return (NULL);
	}
	if ((st = store_prepare(db, "SELECT id, pw_hash, disabled FROM users "
	    "WHERE login = ?", e)) == NULL)
		return (NULL);
	stmt_bind_text(st, 1, login);
	if (stmt_step(st, e) == 1) {
		uid = stmt_int64(st, 0);
		snprintf(hash, sizeof(hash), "%s", stmt_text(st, 1));
		disabled = stmt_int64(st, 2) != 0;
	}
	stmt_finalize(st);
	/*
	 * An unknown login answers faster than a wrong password (no hash
	 * to verify); the message is the same and both count as failures.
	 */
	ok = uid != 0 && crypto_pwhash_str_verify(hash, password,
	    strlen(password)) == 0;
	if (!ok || disabled || uid == 0) {
		record_failure(db, login, addr, e);
		err_setl(e, ERR_UNAUTHENTICATED, "login", "登录名或密码不正确",
		    "wrong login or password");
		return (NULL);
	}
	if ((st = store_prepare(db, "DELETE FROM login_failures WHERE "
	    "login = ?", e)) == NULL)
		return (NULL);
	stmt_bind_text(st, 1, login);
	if (run1(st, e) == -1)
		return (NULL);
	return (session_create(db, uid, a, e));
}

struct session *
auth_session(struct store *db, const char *token, int idle_min,
    int max_hours, struct arena *a, struct err *e)
{
	struct session	*s = NULL;
	struct stmt	*st;
	char		 h[HASH_HEX];
	int64_t		 now = time_now(), created, seen;

	if (token == NULL || strlen(token) != TOKEN_B64 - 1)
		goto none;
	sha256_hex(token, h);
	if ((st = store_prepare(db, "SELECT s.user_id, s.csrf, s.created_at, "
	    "s.last_seen, u.login, u.display_name, u.roles, u.scope, "
	    "u.org_id, u.disabled FROM sessions s JOIN users u ON "
	    "u.id = s.user_id WHERE s.token_hash = ?", e)) == NULL)
		return (NULL);
	stmt_bind_text(st, 1, h);
	if (stmt_step(st, e) == 1 && stmt_int64(st, 9) == 0) {
		created = stmt_int64(st, 2);
		seen = stmt_int64(st, 3);
		if (now - seen <= idle_min * 60 &&
		    now - created <= (int64_t)max_hours * 3600) {
			s = arena_alloc(a, sizeof(*s));
			s->user_id = stmt_int64(st, 0);
			s->token = arena_strdup(a, token);
			s->csrf = arena_strdup(a, stmt_text(st, 1));
			s->login = arena_strdup(a, stmt_text(st, 4));
			s->display_name = arena_strdup(a, stmt_text(st, 5));
			s->roles = (unsigned)stmt_int64(st, 6);
			s->scope = arena_strdup(a, stmt_text(st, 7));
			s->org_id = stmt_isnull(st, 8) ? 0 : stmt_int64(st, 8);
		}
	}
	stmt_finalize(st);
	if (s == NULL)
		goto none;
	/* Touch the idle clock at most once a minute: fewer writes. */
	if (now - seen >= 60 && (st = store_prepare(db, "UPDATE sessions SET "
	    "last_seen = ? WHERE token_hash = ?", e)) != NULL) {
		stmt_bind_int64(st, 1, now);
		stmt_bind_text(st, 2, h);
		run1(st, e);
	}
	return (s);
none:
	err_setl(e, ERR_UNAUTHENTICATED, "", "未登录或会话已过期",
	    "not signed in, or the session has expired");
	return (NULL);
}

int
auth_logout(struct store *db, const char *token, int everywhere,
    struct err *e)
{
	struct stmt	*st;
	char		 h[HASH_HEX];

	sha256_hex(token, h);
	st = store_prepare(db, everywhere ?
	    "DELETE FROM sessions WHERE user_id = (SELECT user_id FROM "
	    "sessions WHERE token_hash = ?)" :
	    "DELETE FROM sessions WHERE token_hash = ?", e);
	if (st == NULL)
		return (-1);
	stmt_bind_text(st, 1, h);
	return (run1(st, e));
}
