/*
 * credentials.h - the parsers of what a client presents to say who it
 * is: the session cookie in a Cookie header, an API token in an
 * Authorization header, and the {"login","password"} body of a sign-in.
 * They look at strings only, never at the database, so the router and a
 * fuzzer (tests/fuzz/fuzz_auth.c) call the same code.
 */
#ifndef LBCARE_CREDENTIALS_H
#define LBCARE_CREDENTIALS_H

#include <jansson.h>

#include "../core/arena.h"
#include "../core/err.h"

#define CREDENTIALS_COOKIE	"lbcare_session"

/*
 * The value of the cookie called name in a Cookie header ("a=1; b=2"),
 * blanks around it trimmed, in the arena; NULL if the header is NULL or
 * holds no non-empty value for name.  The first non-empty one wins.
 */
const char	*credentials_cookie(const char *cookie_header, const char *name,
		    struct arena *);
/*
 * The token of an Authorization header "Bearer TOKEN" (the scheme in any
 * case, RFC 6750 §2.1), in the arena; NULL if the header is NULL, names
 * another scheme, or the token is empty, has characters outside the
 * b64token set, or is followed by anything but blanks.
 */
const char	*credentials_bearer(const char *authorization, struct arena *);
/*
 * Unpack a sign-in body: exactly {"login": string, "password": string}
 * and, for an account with a second factor, "otp": string; login 1 to 64,
 * password 1 to 128, otp 1 to 16 bytes, without NUL, since no account can
 * have any other.  *otp is NULL when absent.  The strings are borrowed
 * from body.  0, or -1 with ERR_INVALID naming the field.
 */
int		 credentials_login(json_t *body, const char **login,
		    const char **password, const char **otp, struct err *);

#endif
