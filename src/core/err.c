/*
 * err.c - error codes, their HTTP statuses and names, in one table.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "lang.h"

static const struct {
	int		 status;
	const char	*name;
	const char	*title;
} err_table[ERR__COUNT] = {
	[ERR_OK] =		{ 200, "ok", "OK" },
	[ERR_INVALID] =		{ 400, "invalid", "Invalid input" },
	[ERR_UNAUTHENTICATED] =	{ 401, "unauthenticated", "Not signed in" },
	[ERR_FORBIDDEN] =	{ 403, "forbidden", "Not allowed" },
	[ERR_NOTFOUND] =	{ 404, "not_found", "Not found" },
	[ERR_METHOD] =		{ 405, "method_not_allowed", "Method not allowed" },
	[ERR_CONFLICT] =	{ 409, "conflict", "Conflict" },
	[ERR_PRECONDITION] =	{ 412, "stale_revision", "Record changed since it was read" },
	[ERR_TOO_LARGE] =	{ 413, "too_large", "Request too large" },
	[ERR_MEDIA_TYPE] =	{ 415, "unsupported_media_type", "Unsupported media type" },
	[ERR_PRECONDITION_REQUIRED] = { 428, "revision_required", "If-Match required" },
	[ERR_THROTTLED] =	{ 429, "throttled", "Too many attempts" },
	[ERR_INTERNAL] =	{ 500, "internal", "Internal error" },
	[ERR_STORE] =		{ 500, "store", "Database error" },
	[ERR_UNAVAILABLE] =	{ 503, "unavailable", "Service unavailable" },
};

static void
err_field(struct err *e, enum err_code code, const char *field)
{
	e->code = code;
	snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
}

void
err_set(struct err *e, enum err_code code, const char *field,
    const char *fmt, ...)
{
	va_list	ap;

	if (e == NULL)
		return;
	err_field(e, code, field);
	va_start(ap, fmt);
	vsnprintf(e->msg_en, sizeof(e->msg_en), fmt, ap);
	va_end(ap);
	memcpy(e->msg_zh, e->msg_en, sizeof(e->msg_zh));
	e->msg_bo[0] = '\0';
}

void
err_setl(struct err *e, enum err_code code, const char *field,
    const char *zh, const char *en, ...)
{
	const char	*bo;
	va_list		 ap;

	if (e == NULL)
		return;
	err_field(e, code, field);
	/* Both formats take the same arguments in the same order. */
	va_start(ap, en);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(e->msg_zh, sizeof(e->msg_zh), zh, ap);
	va_end(ap);
	va_start(ap, en);
	vsnprintf(e->msg_en, sizeof(e->msg_en), en, ap);
	va_end(ap);
	/* The catalog's Tibetan format takes the same arguments again. */
	e->msg_bo[0] = '\0';
	if ((bo = lang_bo(zh)) != NULL) {
		va_start(ap, en);
		vsnprintf(e->msg_bo, sizeof(e->msg_bo), bo, ap);
		va_end(ap);
	}
#pragma GCC diagnostic pop
}

void
err_setl_words(struct err *e, enum err_code code, const char *field,
    const char *zh, const char *en, const char *const w[3][3])
{
	const char	*bo, *v[3][3];
	int		 l, i;

	if (e == NULL)
		return;
	err_field(e, code, field);
	for (l = 0; l < 3; l++)
		for (i = 0; i < 3; i++)
			v[l][i] = w[l][i] != NULL ? w[l][i] : "";
	w = v;
	/* A format may use fewer than three: the rest are ignored (C11 7.21.6.1). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
	snprintf(e->msg_zh, sizeof(e->msg_zh), zh, w[LANG_ZH][0], w[LANG_ZH][1],
	    w[LANG_ZH][2]);
	snprintf(e->msg_en, sizeof(e->msg_en), en, w[LANG_EN][0], w[LANG_EN][1],
	    w[LANG_EN][2]);
	e->msg_bo[0] = '\0';
	if ((bo = lang_bo(zh)) != NULL)
		snprintf(e->msg_bo, sizeof(e->msg_bo), bo, w[LANG_BO][0],
		    w[LANG_BO][1], w[LANG_BO][2]);
#pragma GCC diagnostic pop
}

void
err_bo(struct err *e, const char *zh, ...)
{
	const char	*bo;
	va_list		 ap;

	if (e == NULL)
		return;
	e->msg_bo[0] = '\0';
	if ((bo = lang_bo(zh)) == NULL)
		return;
	va_start(ap, zh);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(e->msg_bo, sizeof(e->msg_bo), bo, ap);
#pragma GCC diagnostic pop
	va_end(ap);
}

void
err_bo_label(struct err *e, const char *zh_label)
{
	const char	*bo, *at;
	char		 out[sizeof(e->msg_bo)];

	if (e == NULL || zh_label == NULL || *zh_label == '\0' ||
	    (bo = lang_bo(zh_label)) == NULL ||
	    (at = strstr(e->msg_bo, zh_label)) == NULL)
		return;
	snprintf(out, sizeof(out), "%.*s%s%s", (int)(at - e->msg_bo),
	    e->msg_bo, bo, at + strlen(zh_label));
	memcpy(e->msg_bo, out, sizeof(out));
}

void
err_clear(struct err *e)
{
	memset(e, 0, sizeof(*e));
}

const char *
err_msg(const struct err *e, int lang)
{
	if (lang == LANG_EN)
		return (e->msg_en);
	if (lang == LANG_BO && e->msg_bo[0] != '\0')
		return (e->msg_bo);
	return (e->msg_zh);
}

int
err_http_status(enum err_code c)
{
	if (c < 0 || c >= ERR__COUNT)
		return (500);
	return (err_table[c].status);
}

const char *
err_code_name(enum err_code c)
{
	if (c < 0 || c >= ERR__COUNT)
		return ("internal");
	return (err_table[c].name);
}

const char *
err_title(enum err_code c)
{
	if (c < 0 || c >= ERR__COUNT)
		return ("Internal error");
	return (err_table[c].title);
}
