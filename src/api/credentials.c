/*
 * credentials.c - take credentials out of request headers and bodies:
 * the session cookie, a bearer token, a sign-in body.  Checking them
 * against the database is domain/auth.c's business.
 */
#include <string.h>
#include <strings.h>

#include "credentials.h"

#define B64TOKEN_CHARS	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" \
			"0123456789-._~+/"

static int
is_blank(char c)
{
	return (c == ' ' || c == '\t');
}

const char *
credentials_cookie(const char *h, const char *name, struct arena *a)
{
	const char	*p, *end, *v, *ve;
	size_t		 n;

	if (h == NULL || (n = strlen(name)) == 0)
		return (NULL);
	for (p = h; *p != '\0'; p = end) {
		while (is_blank(*p) || *p == ';')
			p++;
		end = p + strcspn(p, ";");
		if ((size_t)(end - p) <= n || strncmp(p, name, n) != 0 ||
		    p[n] != '=')
			continue;
		v = p + n + 1;
		while (v < end && is_blank(*v))
			v++;
		ve = end;
		while (ve > v && is_blank(ve[-1]))
			ve--;
		if (ve > v)
			return (arena_strndup(a, v, (size_t)(ve - v)));
	}
	return (NULL);
}

const char *
credentials_bearer(const char *h, struct arena *a)
{
	const char	*p, *end, *tail;
	size_t		 n;

	if (h == NULL)
		return (NULL);
	while (is_blank(*h))
		h++;
	if (strncasecmp(h, "Bearer", 6) != 0 || !is_blank(h[6]))
		return (NULL);
	for (p = h + 6; is_blank(*p); p++)
		;
	n = strspn(p, B64TOKEN_CHARS);
	for (end = p + n; *end == '='; end++)
		;
	for (tail = end; is_blank(*tail); tail++)
		;
	if (n == 0 || *tail != '\0')
		return (NULL);
	return (arena_strndup(a, p, (size_t)(end - p)));
}

/* A string member of a sign-in body: 1 to max bytes, no NUL. */
static int
member_ok(const char *field, const char *s, size_t len, size_t max,
    struct err *e)
{
	if (strlen(s) != len) {
		err_setl(e, ERR_INVALID, field, "%s 不能包含 NUL 字符",
		    "%s may not contain a NUL character", field);
		return (-1);
	}
	if (len < 1 || len > max) {
		err_setl(e, ERR_INVALID, field, "%s 应为 1 到 %d 个字节",
		    "%s must be 1 to %d bytes", field, (int)max);
		return (-1);
	}
	return (0);
}

int
credentials_login(json_t *body, const char **login, const char **password,
    const char **otp, struct err *e)
{
	json_error_t	je;
	size_t		nl, np, no = 0;

	*otp = NULL;
	if (json_unpack_ex(body, &je, JSON_STRICT, "{s:s%, s:s%, s?s%}",
	    "login", login, &nl, "password", password, &np, "otp", otp,
	    &no) == -1) {
		err_setl(e, ERR_INVALID, "",
		    "应为 {\"login\", \"password\"[, \"otp\"]}: %s",
		    "expected {\"login\", \"password\"[, \"otp\"]}: %s",
		    je.text);
		return (-1);
	}
	if (member_ok("login", *login, nl, 64, e) == -1 ||
	    member_ok("password", *password, np, 128, e) == -1 ||
	    (*otp != NULL && member_ok("otp", *otp, no, 16, e) == -1))
		return (-1);
	return (0);
}
