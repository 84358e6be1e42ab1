/*
 * auth.h - users, passwords (Argon2id via libsodium), sessions stored in
 * the database, login throttling.  A session token is 32 random bytes,
 * sent to the browser base64url-encoded in an HttpOnly, SameSite=Strict
 * cookie; only its SHA-256 is stored, so a copy of the database does not
 * hold live tokens.
 */
#ifndef LBCARE_AUTH_H
#define LBCARE_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"

struct session {
	int64_t		 user_id;
	const char	*login;
	const char	*display_name;
	unsigned	 roles;		/* enum role bits */
	const char	*scope;		/* region-code prefix, "" = all */
	int64_t		 org_id;	/* 0 = none */
	const char	*csrf;		/* token required on writes */
	const char	*token;		/* the raw cookie value */
};

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
int		 auth_user_set_password(struct store *, const char *login,
		    const char *password, struct pwcost, struct err *);
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
		    const char *password, const char *remote_addr,
		    int max_failures, int window_min, struct arena *,
		    struct err *);
/* Look up a live session by its raw token; touches its idle clock. */
struct session	*auth_session(struct store *, const char *token,
		    int idle_min, int max_hours, struct arena *, struct err *);
int		 auth_logout(struct store *, const char *token, int everywhere,
		    struct err *);

#endif
