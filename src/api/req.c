/*
 * req.c - helpers over struct req and struct res: headers, query
 * parameters, JSON bodies in and out, problem+json errors.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/util.h"
#include "api.h"

const char *
req_header(const struct req *r, const char *name)
{
	size_t	i;

	for (i = 0; i < r->nheaders; i++)
		if (strcasecmp(r->headers[i].key, name) == 0)
			return (r->headers[i].value);
	return (NULL);
}

const char *
req_query(const struct req *r, const char *name)
{
	size_t	i;

	for (i = 0; i < r->nquery; i++)
		if (strcmp(r->query[i].key, name) == 0)
			return (r->query[i].value);
	return (NULL);
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

int
url_decode(char *s)
{
	char	*w = s;
	int	 hi, lo;

	for (; *s != '\0'; s++) {
		if (*s == '%') {
			if ((hi = hexval(s[1])) < 0 || (lo = hexval(s[2])) < 0)
				return (-1);
			if ((*w++ = (char)(hi << 4 | lo)) == '\0')
				return (-1);
			s += 2;
		} else if (*s == '+')
			*w++ = ' ';
		else
			*w++ = *s;
	}
	*w = '\0';
	return (0);
}

int
req_parse_query(struct req *r, const char *raw, struct err *e)
{
	char	*copy, *pair, *save = NULL, *eq;

	if (raw == NULL || *raw == '\0')
		return (0);
	copy = arena_strdup(r->arena, raw);
	for (pair = strtok_r(copy, "&", &save); pair != NULL;
	    pair = strtok_r(NULL, "&", &save)) {
		if (r->nquery == REQ_MAX_QUERY) {
			err_setl(e, ERR_INVALID, "", "查询参数过多（最多 %d 个）",
			    "too many query parameters (at most %d)",
			    REQ_MAX_QUERY);
			return (-1);
		}
		if ((eq = strchr(pair, '=')) != NULL)
			*eq++ = '\0';
		if (url_decode(pair) == -1 || (eq && url_decode(eq) == -1)) {
			err_setl(e, ERR_INVALID, "", "查询参数编码错误",
			    "malformed %%-escape in the query string");
			return (-1);
		}
		if (req_query(r, pair) != NULL) {
			err_setl(e, ERR_INVALID, pair, "查询参数 %s 重复",
			    "query parameter %s given twice", pair);
			return (-1);
		}
		r->query[r->nquery].key = pair;
		r->query[r->nquery].value = eq ? eq : "";
		r->nquery++;
	}
	return (0);
}

void
res_header(struct res *res, struct req *r, const char *k, const char *v)
{
	if (res->nheaders == RES_MAX_HEADERS)
		fatalx("res_header: too many headers");
	res->headers[res->nheaders].key = arena_strdup(r->arena, k);
	res->headers[res->nheaders].value = arena_strdup(r->arena, v);
	res->nheaders++;
}

void
json_decref_v(void *p)
{
	json_decref(p);
}

static void
res_dump(struct req *r, struct res *res, int status, json_t *j,
    const char *type)
{
	char	*s;

	s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	if (s == NULL)
		fatalx("json_dumps failed");
	res->body = arena_strdup(r->arena, s);
	res->body_len = strlen(s);
	free(s);
	res->status = status;
	res->content_type = type;
	res->no_store = 1;
}

void
res_json(struct req *r, struct res *res, int status, json_t *j)
{
	res_dump(r, res, status, j, "application/json");
}

/*
 * s with each byte that does not start a well-formed UTF-8 sequence
 * replaced by '?': messages echo input (a query parameter's name) and are
 * cut to their buffers, and JSON must be valid UTF-8 or it is not sent.
 */
static const char *
utf8_clean(struct arena *a, const char *s)
{
	const unsigned char	*p;
	unsigned char		*out, *o;
	size_t			 n, k;

	out = o = (unsigned char *)arena_strdup(a, s);
	for (p = (const unsigned char *)s; *p != '\0'; p += n) {
		n = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 && *p >= 0xc2 ? 2 :
		    (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 &&
		    *p <= 0xf4 ? 4 : 0;
		for (k = 1; k < n; k++)
			if ((p[k] & 0xc0) != 0x80)
				n = 0;
		/* Overlong three-byte forms, surrogates, past U+10FFFF. */
		if ((n == 3 && ((*p == 0xe0 && p[1] < 0xa0) ||
		    (*p == 0xed && p[1] >= 0xa0))) || (n == 4 &&
		    ((*p == 0xf0 && p[1] < 0x90) || (*p == 0xf4 &&
		    p[1] >= 0x90))))
			n = 0;
		if (n == 0) {
			*o++ = '?';
			n = 1;
		} else {
			memcpy(o, p, n);
			o += n;
		}
	}
	*o = '\0';
	return ((const char *)out);
}

void
res_problem_with(struct req *r, struct res *res, const struct err *e,
    const char *key, json_t *extra)
{
	json_t	*j;
	int	 status = err_http_status(e->code);

	j = json_pack("{s:s, s:s, s:i, s:s, s:s, s:s, s:s}",
	    "type", "about:blank", "title", err_title(e->code),
	    "status", status, "detail", utf8_clean(r->arena, err_msg(e,
	    r->lang)), "field", utf8_clean(r->arena, e->field),
	    "code", err_code_name(e->code),
	    "request_id", r->request_id);
	if (key != NULL && extra != NULL)
		json_object_set_new(j, key, extra);
	res_dump(r, res, status, j, "application/problem+json");
}

void
res_problem(struct req *r, struct res *res, const struct err *e)
{
	res_problem_with(r, res, e, NULL, NULL);
}

json_t *
req_json_object(struct req *r, struct err *e)
{
	const char	*ct = req_header(r, "Content-Type");
	json_error_t	 je;
	json_t		*j;

	if (ct == NULL || strncasecmp(ct, "application/json", 16) != 0) {
		err_setl(e, ERR_MEDIA_TYPE, "", "请求体应为 application/json",
		    "the body must be sent as application/json");
		return (NULL);
	}
	j = json_loadb(r->body ? r->body : "", r->body_len,
	    JSON_REJECT_DUPLICATES, &je);
	if (j == NULL) {
		err_setl(e, ERR_INVALID, "", "JSON 格式错误 (第 %d 行第 %d 列): %s",
		    "malformed JSON at line %d, column %d: %s", je.line,
		    je.column, je.text);
		return (NULL);
	}
	arena_defer(r->arena, json_decref_v, j);
	if (!json_is_object(j)) {
		err_setl(e, ERR_INVALID, "", "请求体应为 JSON 对象",
		    "the body must be a JSON object");
		return (NULL);
	}
	return (j);
}

int
req_page(struct req *r, int *limit, int64_t *after, struct err *e)
{
	int64_t		 max = conf_int(&r->app->conf, CONF_PAGE_MAX), n;
	const char	*v;

	*limit = max < 50 ? (int)max : 50;
	*after = 0;
	if ((v = req_query(r, "limit")) != NULL) {
		if (parse_int64(v, &n) == -1 || n < 1 || n > max) {
			err_setl(e, ERR_INVALID, "limit",
			    "limit 应为 1 到 %lld 的整数",
			    "limit must be a whole number from 1 to %lld",
			    (long long)max);
			return (-1);
		}
		*limit = (int)n;
	}
	if ((v = req_query(r, "cursor")) != NULL &&
	    (parse_int64(v, after) == -1 || *after < 0)) {
		err_setl(e, ERR_INVALID, "cursor", "cursor 无效",
		    "cursor is not one this server gave out");
		return (-1);
	}
	return (0);
}

void
res_reply(struct req *r, struct res *res, json_t *out, const struct err *e)
{
	if (out == NULL)
		res_problem(r, res, e);
	else
		res_json(r, res, 200, out);
}
