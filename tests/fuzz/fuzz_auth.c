/*
 * fuzz_auth.c - libFuzzer harness for the parsers of credentials
 * (api/credentials.c): the input is tried as a Cookie header, as an
 * Authorization header and as a sign-in body.  No crash, no leak, and
 * what comes out is only ever what the rules allow: a cookie value
 * without ';' or edge blanks, a bearer token of b64token characters, a
 * login and password of 1 to 64 and 128 bytes without NUL.
 */
#include <jansson.h>
#include <stdint.h>
#include <string.h>

#include "api/credentials.h"

#define B64TOKEN	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" \
			"0123456789-._~+/="

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct err	 e;
	json_error_t	 je;
	json_t		*j;
	const char	*s, *v, *login, *pw, *otp;
	size_t		 n;

	a = arena_new();
	s = arena_strndup(a, (const char *)data, size);
	if ((v = credentials_cookie(s, CREDENTIALS_COOKIE, a)) != NULL) {
		n = strlen(v);
		if (n == 0 || strchr(v, ';') != NULL || strchr(" \t", v[0]) ||
		    strchr(" \t", v[n - 1]) || strstr(s, v) == NULL)
			__builtin_trap();
	}
	if ((v = credentials_bearer(s, a)) != NULL) {
		n = strlen(v);
		if (n == 0 || strspn(v, B64TOKEN) != n || v[0] == '=' ||
		    strstr(s, v) == NULL)
			__builtin_trap();
	}
	/* As the API reads a body: duplicate keys refused. */
	j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &je);
	if (j != NULL) {
		if (credentials_login(j, &login, &pw, &otp, &e) == 0) {
			if (json_object_size(j) != 2 + (otp != NULL) ||
			    strlen(login) < 1 ||
			    strlen(login) > 64 || strlen(pw) < 1 ||
			    strlen(pw) > 128 ||
			    strcmp(login, json_string_value(json_object_get(j,
			    "login"))) != 0)
				__builtin_trap();
		} else if (e.code != ERR_INVALID)
			__builtin_trap();
		json_decref(j);
	}
	arena_free(a);
	return (0);
}
