/*
 * auth.c - accounts, Argon2id passwords, throttled sign-in, sessions
 * kept in the database (so several servers can share them) with idle and
 * absolute expiry, and API tokens for machine clients.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../core/util.h"
#include "audit.h"
#include "auth.h"
#include "totp.h"
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
	if (user_update(db, st, login, e) == -1)
		return (-1);
	/* Whoever knew the old password keeps no session made with it. */
	if ((st = store_prepare(db, "DELETE FROM sessions WHERE user_id = "
	    "(SELECT id FROM users WHERE login = ?)", e)) == NULL)
		return (-1);
	stmt_bind_text(st, 1, login);
	return (run1(st, e));
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

/*
 * With a second factor on, the password alone is not enough: no code is
 * a 401 on field "otp" (the client then asks for one); a wrong or
 * replayed code counts as a failed sign-in.
 */
static int
second_factor(struct store *db, int64_t uid, const char *login,
    const char *otp, const char *addr, struct arena *a, struct err *e)
{
	int	on;

	if ((on = totp_enabled(db, uid, e)) <= 0)
		return (on);
	if (otp == NULL) {
		err_setl(e, ERR_UNAUTHENTICATED, "otp",
		    "请输入验证器应用中的 6 位验证码或一个恢复码",
		    "enter the 6-digit code from your authenticator app, or "
		    "a recovery code");
		return (-1);
	}
	if (totp_verify(db, uid, otp, time_now(), a, e) == -1) {
		struct err	fe;

		record_failure(db, login, addr, &fe);
		return (-1);
	}
	return (0);
}

struct session *
auth_login(struct store *db, const char *login, const char *password,
    const char *otp, const char *addr, int max_failures, int window_min,
    struct arena *a, struct err *e)
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
	if (second_factor(db, uid, login, otp, addr, a, e) == -1)
		return (NULL);
	if ((st = store_prepare(db, "DELETE FROM login_failures WHERE "
	    "login = ?", e)) == NULL)
		return (NULL);
	stmt_bind_text(st, 1, login);
	if (run1(st, e) == -1)
		return (NULL);
	return (session_create(db, uid, a, e));
}

/* Delete the session whose token hashes to h; errors are not the caller's. */
static void
session_drop(struct store *db, const char *h)
{
	struct stmt	*st;
	struct err	 e;

	if ((st = store_prepare(db, "DELETE FROM sessions WHERE token_hash = ?",
	    &e)) == NULL)
		return;
	stmt_bind_text(st, 1, h);
	run1(st, &e);
}

/* What a session and a token share: the user's columns, in this order. */
#define USER_COLS	"u.login, u.display_name, u.roles, u.scope, u.org_id, " \
			"u.disabled"

/* Read USER_COLS from column c on into s; returns whether disabled. */
static int
user_cols(struct session *s, struct stmt *st, int c, struct arena *a)
{
	s->login = arena_strdup(a, stmt_text(st, c));
	s->display_name = arena_strdup(a, stmt_text(st, c + 1));
	s->roles = (unsigned)stmt_int64(st, c + 2);
	s->scope = arena_strdup(a, stmt_text(st, c + 3));
	s->org_id = stmt_isnull(st, c + 4) ? 0 : stmt_int64(st, c + 4);
	return (stmt_int64(st, c + 5) != 0);
}

struct session *
auth_session(struct store *db, const char *token, int idle_min,
    int max_hours, struct arena *a, struct err *e)
{
	struct session	*s;
	struct stmt	*st;
	struct err	 te;
	char		 h[HASH_HEX];
	int64_t		 now = time_now(), created, seen;
	int		 rc, disabled;

	if (token == NULL || strlen(token) != TOKEN_B64 - 1)
		goto unknown;
	sha256_hex(token, h);
	if ((st = store_prepare(db, "SELECT s.user_id, s.csrf, s.created_at, "
	    "s.last_seen, " USER_COLS " FROM sessions s JOIN users u ON "
	    "u.id = s.user_id WHERE s.token_hash = ?", e)) == NULL)
		return (NULL);
	stmt_bind_text(st, 1, h);
	if ((rc = stmt_step(st, e)) != 1) {
		stmt_finalize(st);
		if (rc == -1)
			return (NULL);
		goto unknown;
	}
	s = arena_alloc(a, sizeof(*s));
	s->user_id = stmt_int64(st, 0);
	s->token = arena_strdup(a, token);
	s->csrf = arena_strdup(a, stmt_text(st, 1));
	created = stmt_int64(st, 2);
	seen = stmt_int64(st, 3);
	s->token_id = 0;
	disabled = user_cols(s, st, 4, a);
	stmt_finalize(st);
	if (disabled) {
		err_setl(e, ERR_UNAUTHENTICATED, "", "该账号已停用",
		    "this account is disabled");
		goto drop;
	}
	if (now - created > (int64_t)max_hours * 3600) {
		err_setl(e, ERR_UNAUTHENTICATED, "",
		    "会话已在登录 %d 小时后结束，请重新登录",
		    "the session ended %d hours after sign-in; please sign "
		    "in again", max_hours);
		goto drop;
	}
	if (now - seen > (int64_t)idle_min * 60) {
		err_setl(e, ERR_UNAUTHENTICATED, "",
		    "会话因 %d 分钟未使用已结束，请重新登录",
		    "the session ended after %d minutes without use; please "
		    "sign in again", idle_min);
		goto drop;
	}
	/* Touch the idle clock at most once a minute: fewer writes. */
	if (now - seen >= 60 && (st = store_prepare(db, "UPDATE sessions SET "
	    "last_seen = ? WHERE token_hash = ?", &te)) != NULL) {
		stmt_bind_int64(st, 1, now);
		stmt_bind_text(st, 2, h);
		run1(st, &te);
	}
	return (s);
drop:
	/* An ended session is gone for good, not merely refused. */
	session_drop(db, h);
	return (NULL);
unknown:
	err_setl(e, ERR_UNAUTHENTICATED, "", "未登录或会话已结束",
	    "not signed in, or the session has ended");
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

/* API tokens -------------------------------------------------------- */

static int
token_name_ok(const char *name, struct err *e)
{
	const unsigned char	*p;
	size_t			 n = strlen(name);

	for (p = (const unsigned char *)name; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			break;
	if (n < 1 || n > 64 || *p != '\0') {
		err_setl(e, ERR_INVALID, "name",
		    "令牌名称应为 1 到 64 个字节，且不含控制字符",
		    "the token's name must be 1 to 64 bytes, without control "
		    "characters");
		return (-1);
	}
	return (0);
}

/* The id of an enabled account, or -1 (NOTFOUND, CONFLICT, STORE). */
static int64_t
live_user_id(struct store *db, const char *login, struct err *e)
{
	struct stmt	*st;
	int64_t		 uid = -1;
	int		 rc, disabled = 0;

	if ((st = store_prepare(db, "SELECT id, disabled FROM users "
	    "WHERE login = ?", e)) == NULL)
		return (-1);
	stmt_bind_text(st, 1, login);
	if ((rc = stmt_step(st, e)) == 1) {
		uid = stmt_int64(st, 0);
		disabled = stmt_int64(st, 1) != 0;
	}
	stmt_finalize(st);
	if (rc == -1)
		return (-1);
	if (rc == 0) {
		err_setl(e, ERR_NOTFOUND, "login", "没有登录名为 %s 的用户",
		    "no user '%s'", login);
		return (-1);
	}
	if (disabled) {
		err_setl(e, ERR_CONFLICT, "login", "用户 %s 已停用",
		    "user '%s' is disabled", login);
		return (-1);
	}
	return (uid);
}

const char *
auth_token_create(struct store *db, const struct actor *ac,
    const char *login, const char *name, int days, int64_t *id,
    struct arena *a, struct err *e)
{
	struct stmt	*st;
	char		 h[HASH_HEX], *tok;
	int64_t		 uid, now = time_now();
	int		 rc;

	*id = 0;
	if (token_name_ok(name, e) == -1)
		return (NULL);
	if (days < 1 || days > AUTH_TOKEN_DAYS_MAX) {
		err_setl(e, ERR_INVALID, "days", "有效期应为 1 到 %d 天",
		    "a token must last 1 to %d days", AUTH_TOKEN_DAYS_MAX);
		return (NULL);
	}
	if ((uid = live_user_id(db, login, e)) == -1)
		return (NULL);
	tok = arena_printf(a, "%s%s", AUTH_TOKEN_PREFIX,
	    random_token(a, TOKEN_BYTES));
	sha256_hex(tok, h);
	/* The token and its audit entry exist together or not at all. */
	if (store_begin(db, e) == -1)
		return (NULL);
	if ((st = store_prepare(db, "INSERT INTO tokens (user_id, name, "
	    "token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?) "
	    "RETURNING id", e)) == NULL)
		goto fail;
	stmt_bind_int64(st, 1, uid);
	stmt_bind_text(st, 2, name);
	stmt_bind_text(st, 3, h);
	stmt_bind_int64(st, 4, now);
	stmt_bind_int64(st, 5, now + (int64_t)days * 86400);
	if ((rc = stmt_step(st, e)) == 1)
		*id = stmt_int64(st, 0);
	else if (rc == 0)
		err_set(e, ERR_STORE, "", "the new token got no id");
	stmt_finalize(st);
	if (*id <= 0 || audit_append(db, ac, "create", "tokens", *id,
	    arena_printf(a, "{\"user_id\":%lld,\"days\":%d}", (long long)uid,
	    days), e) == -1 || store_commit(db, e) == -1)
		goto fail;
	return (tok);
fail:
	store_rollback(db);
	*id = 0;
	return (NULL);
}

int
auth_token_revoke(struct store *db, const struct actor *ac, int64_t id,
    struct err *e)
{
	struct stmt	*st;
	char		 detail[64];
	int64_t		 uid = 0;
	int		 rc, revoked = 0;

	if ((st = store_prepare(db, "SELECT user_id, revoked_at FROM tokens "
	    "WHERE id = ?", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, id);
	if ((rc = stmt_step(st, e)) == 1) {
		uid = stmt_int64(st, 0);
		revoked = !stmt_isnull(st, 1);
	}
	stmt_finalize(st);
	if (rc == -1)
		return (-1);
	if (rc == 0) {
		err_setl(e, ERR_NOTFOUND, "id", "没有编号为 %lld 的令牌",
		    "no token with id %lld", (long long)id);
		return (-1);
	}
	if (revoked)
		goto already;
	if (store_begin(db, e) == -1)
		return (-1);
	if ((st = store_prepare(db, "UPDATE tokens SET revoked_at = ? "
	    "WHERE id = ? AND revoked_at IS NULL", e)) == NULL)
		goto fail;
	stmt_bind_int64(st, 1, time_now());
	stmt_bind_int64(st, 2, id);
	if (run1(st, e) == -1)
		goto fail;
	if (store_changes(db) == 0) {	/* revoked meanwhile */
		store_rollback(db);
		goto already;
	}
	snprintf(detail, sizeof(detail), "{\"user_id\":%lld}", (long long)uid);
	if (audit_append(db, ac, "revoke", "tokens", id, detail, e) == -1 ||
	    store_commit(db, e) == -1)
		goto fail;
	return (0);
fail:
	store_rollback(db);
	return (-1);
already:
	err_setl(e, ERR_CONFLICT, "id", "令牌 %lld 已被吊销",
	    "token %lld is already revoked", (long long)id);
	return (-1);
}

int
auth_token_list(struct store *db, const char *login,
    int (*fn)(const struct token_info *, void *), void *arg, struct err *e)
{
	struct token_info	 ti;
	struct stmt		*st;
	int			 rc;

	if (login != NULL) {
		if ((st = store_prepare(db, "SELECT COUNT(*) FROM users "
		    "WHERE login = ?", e)) == NULL)
			return (-1);
		stmt_bind_text(st, 1, login);
		rc = stmt_step(st, e) == 1 ? (int)stmt_int64(st, 0) : -1;
		stmt_finalize(st);
		if (rc == -1)
			return (-1);
		if (rc == 0) {
			err_setl(e, ERR_NOTFOUND, "login",
			    "没有登录名为 %s 的用户", "no user '%s'", login);
			return (-1);
		}
	}
	if ((st = store_prepare(db, login != NULL ?
	    "SELECT t.id, t.user_id, u.login, t.name, t.created_at, "
	    "t.expires_at, t.last_used, t.revoked_at, u.disabled FROM tokens t "
	    "JOIN users u ON u.id = t.user_id WHERE u.login = ? ORDER BY t.id" :
	    "SELECT t.id, t.user_id, u.login, t.name, t.created_at, "
	    "t.expires_at, t.last_used, t.revoked_at, u.disabled FROM tokens t "
	    "JOIN users u ON u.id = t.user_id ORDER BY t.id", e)) == NULL)
		return (-1);
	if (login != NULL)
		stmt_bind_text(st, 1, login);
	while ((rc = stmt_step(st, e)) == 1) {
		ti.id = stmt_int64(st, 0);
		ti.user_id = stmt_int64(st, 1);
		ti.login = stmt_text(st, 2);
		ti.name = stmt_text(st, 3);
		ti.created_at = stmt_int64(st, 4);
		ti.expires_at = stmt_int64(st, 5);
		ti.last_used = stmt_isnull(st, 6) ? 0 : stmt_int64(st, 6);
		ti.revoked_at = stmt_isnull(st, 7) ? 0 : stmt_int64(st, 7);
		ti.user_disabled = stmt_int64(st, 8) != 0;
		if (fn(&ti, arg) != 0)
			break;
	}
	stmt_finalize(st);
	return (rc == -1 ? -1 : 0);
}

struct session *
auth_token_session(struct store *db, const char *token, struct arena *a,
    struct err *e)
{
	struct session	*s;
	struct stmt	*st;
	struct err	 te;
	char		 h[HASH_HEX];
	size_t		 np = strlen(AUTH_TOKEN_PREFIX);
	int64_t		 now = time_now(), expires, used;
	int		 rc, revoked, disabled;

	if (token == NULL || strlen(token) != np + TOKEN_B64 - 1 ||
	    strncmp(token, AUTH_TOKEN_PREFIX, np) != 0)
		goto unknown;
	sha256_hex(token, h);
	if ((st = store_prepare(db, "SELECT t.id, t.user_id, t.expires_at, "
	    "t.revoked_at, t.last_used, " USER_COLS " FROM tokens t JOIN "
	    "users u ON u.id = t.user_id WHERE t.token_hash = ?", e)) == NULL)
		return (NULL);
	stmt_bind_text(st, 1, h);
	if ((rc = stmt_step(st, e)) != 1) {
		stmt_finalize(st);
		if (rc == -1)
			return (NULL);
		goto unknown;
	}
	s = arena_alloc(a, sizeof(*s));
	s->token_id = stmt_int64(st, 0);
	s->user_id = stmt_int64(st, 1);
	expires = stmt_int64(st, 2);
	revoked = !stmt_isnull(st, 3);
	used = stmt_isnull(st, 4) ? 0 : stmt_int64(st, 4);
	disabled = user_cols(s, st, 5, a);
	s->csrf = NULL;		/* not ambient like a cookie: no CSRF */
	s->token = NULL;
	stmt_finalize(st);
	if (revoked) {
		err_setl(e, ERR_UNAUTHENTICATED, "Authorization",
		    "该 API 令牌已被吊销", "this API token has been revoked");
		return (NULL);
	}
	if (now >= expires) {
		err_setl(e, ERR_UNAUTHENTICATED, "Authorization",
		    "该 API 令牌已过期", "this API token has expired");
		return (NULL);
	}
	if (disabled) {
		err_setl(e, ERR_UNAUTHENTICATED, "Authorization",
		    "该 API 令牌所属的账号已停用",
		    "the account this API token belongs to is disabled");
		return (NULL);
	}
	if (now - used >= 60 && (st = store_prepare(db, "UPDATE tokens SET "
	    "last_used = ? WHERE id = ?", &te)) != NULL) {
		stmt_bind_int64(st, 1, now);
		stmt_bind_int64(st, 2, s->token_id);
		run1(st, &te);
	}
	return (s);
unknown:
	err_setl(e, ERR_UNAUTHENTICATED, "Authorization", "API 令牌无效",
	    "unknown API token");
	return (NULL);
}
