/*
 * totp.c - RFC 6238 codes over OpenSSL's HMAC-SHA-1 (libsodium has no
 * SHA-1, and authenticator apps default to it), enrolment and recovery
 * codes in the database.
 */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../core/util.h"
#include "protect.h"
#include "totp.h"

#define STEP		30
#define DIGITS		6
#define AAD		"users.totp_secret"

static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

uint32_t
totp_hotp(const unsigned char *key, size_t keylen, uint64_t counter,
    int digits)
{
	unsigned char	msg[8], mac[EVP_MAX_MD_SIZE];
	unsigned int	maclen = 0, off;
	uint32_t	bin, mod = 1;
	int		i;

	for (i = 7; i >= 0; i--, counter >>= 8)
		msg[i] = (unsigned char)(counter & 0xff);
	HMAC(EVP_sha1(), key, (int)keylen, msg, sizeof(msg), mac, &maclen);
	off = mac[maclen - 1] & 0x0f;	/* dynamic truncation */
	bin = (uint32_t)(mac[off] & 0x7f) << 24 | (uint32_t)mac[off + 1] << 16 |
	    (uint32_t)mac[off + 2] << 8 | mac[off + 3];
	for (i = 0; i < digits; i++)
		mod *= 10;
	return (bin % mod);
}

char *
totp_base32(const unsigned char *p, size_t n, struct arena *a)
{
	char		*out, *w;
	uint32_t	 acc = 0;
	int		 bits = 0;
	size_t		 i;

	out = w = arena_alloc(a, (n * 8 + 4) / 5 + 1);
	for (i = 0; i < n; i++) {
		acc = acc << 8 | p[i];
		bits += 8;
		while (bits >= 5) {
			*w++ = b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		*w++ = b32[(acc << (5 - bits)) & 31];
	*w = '\0';
	return (out);
}

int
totp_base32_decode(const char *s, unsigned char *out, size_t cap,
    size_t *outlen)
{
	const char	*q;
	uint32_t	 acc = 0;
	int		 bits = 0, c;
	size_t		 n = 0;

	for (; *s != '\0'; s++) {
		if (*s == '=' || *s == ' ' || *s == '-')
			continue;
		c = *s >= 'a' && *s <= 'z' ? *s - 32 : *s;
		if ((q = strchr(b32, c)) == NULL || c == '\0')
			return (-1);
		acc = acc << 5 | (uint32_t)(q - b32);
		bits += 5;
		if (bits >= 8) {
			if (n == cap)
				return (-1);
			out[n++] = (unsigned char)(acc >> (bits - 8));
			bits -= 8;
		}
	}
	*outlen = n;
	return (0);
}

static int
run(struct stmt *st, struct err *e)
{
	int	rc;

	if (st == NULL)
		return (-1);
	rc = stmt_step(st, e);
	stmt_finalize(st);
	return (rc == -1 ? -1 : 0);
}

/* The user's sealed secret, whether it is on, and the last step used. */
static int
load(struct store *db, int64_t user_id, char **secret, int *enabled,
    int64_t *last_step, struct arena *a, struct err *e)
{
	struct stmt	*st;
	int		 rc;

	if ((st = store_prepare(db, "SELECT secret, enabled, last_step FROM "
	    "user_totp WHERE user_id = ?", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, user_id);
	if ((rc = stmt_step(st, e)) == 1) {
		*secret = protect_open(stmt_text(st, 0), AAD, a, e);
		*enabled = stmt_int64(st, 1) != 0;
		*last_step = stmt_int64(st, 2);
		if (*secret == NULL)
			rc = -1;
	}
	stmt_finalize(st);
	return (rc);
}

char *
totp_setup(struct store *db, int64_t user_id, const char *login,
    struct arena *a, struct err *e)
{
	unsigned char	 secret[TOTP_SECRET_BYTES];
	struct stmt	*st;
	char		*b, *old;
	int		 on = 0;
	int64_t		 last;

	if (load(db, user_id, &old, &on, &last, a, e) == -1)
		return (NULL);
	if (on) {
		err_setl(e, ERR_CONFLICT, "otp", "已启用双重验证，请先停用",
		    "the second factor is already on; turn it off first");
		return (NULL);
	}
	randombytes_buf(secret, sizeof(secret));
	b = totp_base32(secret, sizeof(secret), a);
	sodium_memzero(secret, sizeof(secret));
	if ((st = store_prepare(db, "DELETE FROM user_totp WHERE user_id = ?",
	    e)) == NULL)
		return (NULL);
	stmt_bind_int64(st, 1, user_id);
	if (run(st, e) == -1)
		return (NULL);
	if ((st = store_prepare(db, "INSERT INTO user_totp (user_id, secret, "
	    "enabled, last_step) VALUES (?, ?, 0, 0)", e)) == NULL)
		return (NULL);
	stmt_bind_int64(st, 1, user_id);
	stmt_bind_text(st, 2, protect_seal(b, AAD, a));
	if (run(st, e) == -1)
		return (NULL);
	return (arena_printf(a, "otpauth://totp/LBCare:%s?secret=%s&issuer="
	    "LBCare&algorithm=SHA1&digits=%d&period=%d", login, b, DIGITS,
	    STEP));
}

static int
wrong_code(struct err *e)
{
	err_setl(e, ERR_UNAUTHENTICATED, "otp", "验证码不正确或已使用",
	    "the code is wrong or has been used");
	return (-1);
}

/* The step a 6-digit code matches within one step of now, or -1. */
static int64_t
match_step(const char *secret, const char *code, int64_t now,
    int64_t last_step)
{
	unsigned char	key[64];
	size_t		klen;
	int64_t		step, d, want;
	char		buf[16];

	if (strlen(code) != DIGITS || strspn(code, "0123456789") != DIGITS ||
	    totp_base32_decode(secret, key, sizeof(key), &klen) == -1)
		return (-1);
	want = -1;
	for (d = -1; d <= 1 && want == -1; d++) {
		step = now / STEP + d;
		snprintf(buf, sizeof(buf), "%06u", totp_hotp(key, klen,
		    (uint64_t)step, DIGITS));
		if (step > last_step && sodium_memcmp(buf, code, DIGITS) == 0)
			want = step;
	}
	sodium_memzero(key, sizeof(key));
	return (want);
}

static int
set_step(struct store *db, int64_t user_id, int64_t step, int enable,
    struct err *e)
{
	struct stmt	*st;

	if ((st = store_prepare(db, enable ? "UPDATE user_totp SET "
	    "last_step = ?, enabled = 1 WHERE user_id = ?" :
	    "UPDATE user_totp SET last_step = ? WHERE user_id = ?", e)) ==
	    NULL)
		return (-1);
	stmt_bind_int64(st, 1, step);
	stmt_bind_int64(st, 2, user_id);
	return (run(st, e));
}

static void
sha256_hex(const char *s, char out[65])
{
	unsigned char	h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

int
totp_enable(struct store *db, int64_t user_id, const char *code, int64_t now,
    char **codes, struct arena *a, struct err *e)
{
	unsigned char	 raw[7];
	struct stmt	*st;
	char		*secret, h[65];
	int64_t		 last, step;
	int		 on = 0, i, rc;

	if ((rc = load(db, user_id, &secret, &on, &last, a, e)) == -1)
		return (-1);
	if (rc == 0 || on) {
		err_setl(e, ERR_CONFLICT, "otp", "请先开始设置双重验证",
		    "start the set-up of the second factor first");
		return (-1);
	}
	if ((step = match_step(secret, code, now, last)) == -1)
		return (wrong_code(e));
	if (store_begin(db, e) == -1)
		return (-1);
	if (set_step(db, user_id, step, 1, e) == -1)
		goto fail;
	for (i = 0; i < TOTP_RECOVERY_CODES; i++) {
		randombytes_buf(raw, sizeof(raw));
		codes[i] = totp_base32(raw, sizeof(raw), a);
		codes[i][10] = '\0';
		sha256_hex(codes[i], h);
		if ((st = store_prepare(db, "INSERT INTO recovery_codes "
		    "(user_id, code_hash, used) VALUES (?, ?, 0)", e)) == NULL)
			goto fail;
		stmt_bind_int64(st, 1, user_id);
		stmt_bind_text(st, 2, h);
		if (run(st, e) == -1)
			goto fail;
	}
	if (store_commit(db, e) == -1)
		goto fail;
	return (0);
fail:
	store_rollback(db);
	return (-1);
}

int
totp_enabled(struct store *db, int64_t user_id, struct err *e)
{
	struct stmt	*st;
	int		 rc, on = 0;

	if ((st = store_prepare(db, "SELECT enabled FROM user_totp WHERE "
	    "user_id = ?", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, user_id);
	if ((rc = stmt_step(st, e)) == 1)
		on = stmt_int64(st, 0) != 0;
	stmt_finalize(st);
	return (rc == -1 ? -1 : on);
}

/* A recovery code: 10 base32 characters, each good once. */
static int
use_recovery(struct store *db, int64_t user_id, const char *code,
    struct err *e)
{
	struct stmt	*st;
	char		 h[65], up[16];
	size_t		 i;

	if (strlen(code) != 10)
		return (0);
	for (i = 0; i <= 10; i++)
		up[i] = code[i] >= 'a' && code[i] <= 'z' ? code[i] - 32 :
		    code[i];
	sha256_hex(up, h);
	if ((st = store_prepare(db, "UPDATE recovery_codes SET used = 1 "
	    "WHERE user_id = ? AND code_hash = ? AND used = 0", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, user_id);
	stmt_bind_text(st, 2, h);
	if (run(st, e) == -1)
		return (-1);
	return (store_changes(db) == 1);
}

int
totp_verify(struct store *db, int64_t user_id, const char *code, int64_t now,
    struct arena *a, struct err *e)
{
	char	*secret;
	int64_t	 last, step;
	int	 on = 0, rc;

	if ((rc = load(db, user_id, &secret, &on, &last, a, e)) == -1)
		return (-1);
	if (rc == 0 || !on)
		return (wrong_code(e));
	if ((step = match_step(secret, code, now, last)) != -1)
		return (set_step(db, user_id, step, 0, e));
	if ((rc = use_recovery(db, user_id, code, e)) == -1)
		return (-1);
	return (rc == 1 ? 0 : wrong_code(e));
}

int
totp_disable(struct store *db, int64_t user_id, struct err *e)
{
	struct stmt	*st;

	if ((st = store_prepare(db, "DELETE FROM recovery_codes WHERE "
	    "user_id = ?", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, user_id);
	if (run(st, e) == -1 || (st = store_prepare(db, "DELETE FROM "
	    "user_totp WHERE user_id = ?", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, user_id);
	return (run(st, e));
}
