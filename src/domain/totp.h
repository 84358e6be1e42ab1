/*
 * totp.h - time-based one-time passwords (RFC 6238, HMAC-SHA-1, 6 digits,
 * 30-second steps: what authenticator apps expect) and single-use
 * recovery codes, for the optional second factor at sign-in.
 *
 * The shared secret is stored sealed (domain/protect.c); a code is
 * accepted once (the last accepted step is kept), within one step of
 * drift either way.  Recovery codes are 10 random base32 characters,
 * stored as SHA-256 only, each good once.
 */
#ifndef LBCARE_TOTP_H
#define LBCARE_TOTP_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"

#define TOTP_SECRET_BYTES	20
#define TOTP_RECOVERY_CODES	8

/* RFC 4226 HOTP value of counter under key, as `digits` decimal digits. */
uint32_t	 totp_hotp(const unsigned char *key, size_t keylen,
		    uint64_t counter, int digits);
/* RFC 4648 base32 (no padding) of n bytes; arena-owned. */
char		*totp_base32(const unsigned char *, size_t n, struct arena *);
/* Decode base32 (case-insensitive, padding and spaces ignored); -1 bad. */
int		 totp_base32_decode(const char *, unsigned char *out,
		    size_t cap, size_t *outlen);

/*
 * Start enrolment: a new secret (stored sealed, not yet enabled).
 * Returns the otpauth:// URI for the app (arena-owned), or NULL.
 */
char		*totp_setup(struct store *, int64_t user_id, const char *login,
		    struct arena *, struct err *);
/*
 * Confirm enrolment with a first code; on success the factor is on and
 * codes (TOTP_RECOVERY_CODES strings, arena-owned) receives the recovery
 * codes, shown once.
 */
int		 totp_enable(struct store *, int64_t user_id, const char *code,
		    int64_t now, char **codes, struct arena *, struct err *);
/* 1 if the user has the second factor on, 0 if not, -1 on error. */
int		 totp_enabled(struct store *, int64_t user_id, struct err *);
/*
 * Check a code, or a recovery code, at time now; marks it used.  0 ok,
 * -1 with ERR_UNAUTHENTICATED (field "otp") when wrong or replayed.
 */
int		 totp_verify(struct store *, int64_t user_id, const char *code,
		    int64_t now, struct arena *, struct err *);
/* Turn the factor off (after a valid code); forgets secret and codes. */
int		 totp_disable(struct store *, int64_t user_id, struct err *);

#endif
