/*
 * auth.h - users, passwords (Argon2id via libsodium), sessions stored in
 * the database, login throttling.  A session token is 32 random bytes,
 * sent to the browser base64url-encoded in an HttpOnly, SameSite=Strict
 * cookie; only its SHA-256 is stored, so a copy of the database does not
 * hold live tokens.  API tokens for machine clients ("lbt_" and 32 random
 * bytes, base64url) are kept the same way and act as their user.
 */
#ifndef LBCARE_AUTH_H
#define LBCARE_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"

struct actor;
struct project_role;

struct session {
	int64_t		 user_id;
	const char	*login;
	const char	*display_name;
	unsigned	 roles;		/* enum role bits */
	const char	*scope;		/* region-code prefix, "" = all */
	int64_t		 org_id;	/* 0 = none */
	const char	*csrf;		/* token required on writes; NULL
					   for an API token */
	const char	*token;		/* the raw cookie value; NULL for an
					   API token */
	int64_t		 token_id;	/* API token in use; 0 = a cookie */
	/* Current project memberships (membership.h); roles includes theirs. */
	const struct project_role *projects;
	size_t		 nprojects;
	int		 project_bound;
};

/* An API token as `lbcare token list` shows it; never the token itself. */
struct token_info {
	int64_t		 id;
	int64_t		 user_id;
	const char	*login;
	const char	*name;
	int64_t		 created_at;	/* epoch seconds */
	int64_t		 expires_at;
	int64_t		 last_used;	/* 0 = never used */
	int64_t		 revoked_at;	/* 0 = not revoked */
	int		 user_disabled;
};

#define AUTH_TOKEN_PREFIX	"lbt_"
#define AUTH_TOKEN_DAYS_MAX	366

struct pwcost {
	unsigned long long	ops;
	size_t			mem;
};

/* Cost for "moderate", "interactive" or "min" (tests only). */
struct pwcost	 auth_pwcost(const char *name);

/* Password policy: 10..128 bytes, not all one class of character. */
int		 auth_password_ok(const char *, struct err *);

int64_t		 auth_user_create(struct store *, const char *login,
		    const char *password, const char *display_name,
		    unsigned roles, const char *scope, int64_t org_id,
		    struct pwcost, struct err *);
/* A new password also ends the user's sessions (not API tokens). */
int		 auth_user_set_password(struct store *, const char *login,
		    const char *password, struct pwcost, struct err *);
/*
 * Disabling ends the user's sessions; their API tokens are refused while
 * the account is disabled (and work again if it is enabled).
 */
int		 auth_user_set_disabled(struct store *, const char *login,
		    int disabled, struct err *);
int		 auth_user_set_roles(struct store *, const char *login,
		    unsigned roles, const char *scope, struct err *);

/*
 * Check a login and password, subject to throttling per login and per
 * address; on success create a session and return it.  ERR_THROTTLED
 * after too many failures in the window; ERR_UNAUTHENTICATED otherwise,
 * with the same message whether the login exists or not.
 */
struct session	*auth_login(struct store *, const char *login,
		    const char *password, const char *otp,
		    const char *remote_addr, int max_failures, int window_min,
		    struct arena *, struct err *);
/*
 * Look up a live session by its raw token; touches its idle clock (at
 * most once a minute).  A session unused for idle_min minutes, or signed
 * in more than max_hours hours ago, is deleted and refused.  NULL with
 * ERR_UNAUTHENTICATED saying which (unknown, idle, too old, disabled).
 */
struct session	*auth_session(struct store *, const char *token,
		    int idle_min, int max_hours, struct arena *, struct err *);
/* End the session token names, or every session of its user. */
int		 auth_logout(struct store *, const char *token, int everywhere,
		    struct err *);

/*
 * Create an API token for login, called name (1 to 64 bytes, no control
 * characters), expiring in days (1 to AUTH_TOKEN_DAYS_MAX) days, and
 * audit it (resource "tokens", action "create") in the same transaction.
 * Returns the raw token, in the arena: it is shown once and not stored.
 * *id receives the token's id.  ERR_NOTFOUND for an unknown login,
 * ERR_CONFLICT for a disabled account, ERR_INVALID for a bad name or
 * number of days.
 */
const char	*auth_token_create(struct store *, const struct actor *,
		    const char *login, const char *name, int days,
		    int64_t *id, struct arena *, struct err *);
/*
 * Revoke a token and audit it (action "revoke").  ERR_NOTFOUND if there
 * is no such token, ERR_CONFLICT if it is already revoked.
 */
int		 auth_token_revoke(struct store *, const struct actor *,
		    int64_t id, struct err *);
/*
 * Call fn for each token of login (NULL: of everyone), oldest first;
 * fn returns 0 to go on.  ERR_NOTFOUND for an unknown login.  The
 * strings in a token_info are valid only during the call.
 */
int		 auth_token_list(struct store *, const char *login,
		    int (*fn)(const struct token_info *, void *), void *,
		    struct err *);
/*
 * The session an API token stands for: its user's roles and scope, no
 * CSRF token.  Touches last_used at most once a minute.  NULL with
 * ERR_UNAUTHENTICATED saying why: unknown, revoked, expired, or the
 * account is disabled.
 */
struct session	*auth_token_session(struct store *, const char *token,
		    struct arena *, struct err *);

#endif
