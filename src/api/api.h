/*
 * api.h - what a handler sees: our own request and response, never the
 * HTTP library's.  http/http_mhd.c fills a struct req, calls
 * router_dispatch() and sends the struct res; tests do the same without
 * sockets (tests/api).
 *
 * Ownership: every pointer in req and res lives in req->arena.
 */
#ifndef LBCARE_API_H
#define LBCARE_API_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "../app.h"
#include "../core/arena.h"
#include "../core/err.h"
#include "../core/lang.h"
#include "../store/store.h"

enum http_method {
	HTTP_GET = 1 << 0,
	HTTP_HEAD = 1 << 1,
	HTTP_POST = 1 << 2,
	HTTP_PUT = 1 << 3,
	HTTP_PATCH = 1 << 4,
	HTTP_DELETE = 1 << 5,
	HTTP_OTHER = 1 << 6
};

struct kv {
	const char	*key;
	const char	*value;
};

#define REQ_MAX_PARAMS	4
#define REQ_MAX_HEADERS	64
#define REQ_MAX_QUERY	32
#define RES_MAX_HEADERS	8

struct session;
struct route;

struct req {
	struct arena		*arena;
	struct app		*app;
	enum http_method	 method;
	const char		*path;		/* decoded, no query */
	struct kv		 query[REQ_MAX_QUERY];
	size_t			 nquery;
	struct kv		 headers[REQ_MAX_HEADERS];
	size_t			 nheaders;
	const char		*body;
	size_t			 body_len;
	int			 body_too_large;
	const char		*remote_addr;	/* for throttling, never logged */
	char			 request_id[24];

	/* Filled by the router. */
	const struct route	*route;
	const char		*params[REQ_MAX_PARAMS];
	size_t			 nparams;
	struct store		*db;
	struct session		*session;	/* NULL when anonymous */
	enum lang		 lang;		/* what Accept-Language asks for */
};

struct res {
	int		 status;
	const char	*content_type;
	const char	*body;
	size_t		 body_len;
	struct kv	 headers[RES_MAX_HEADERS];
	size_t		 nheaders;
	int		 no_store;	/* Cache-Control: no-store */
};

/* Case-insensitive header lookup; NULL if absent. */
const char	*req_header(const struct req *, const char *);
/* Query parameter; NULL if absent. */
const char	*req_query(const struct req *, const char *);
/* Parse "a=1&b=%E4" into req->query; -1 on malformed escapes. */
int		 req_parse_query(struct req *, const char *raw, struct err *);
/* Decode %XX in place; -1 on a malformed escape or a NUL byte. */
int		 url_decode(char *);

void		 res_header(struct res *, struct req *, const char *,
		    const char *);
/* Body from a JSON value (compact, sorted keys); steals the reference. */
void		 res_json(struct req *, struct res *, int status, json_t *);
/* 200 with out (stolen) when it is not NULL, else the problem in e. */
void		 res_reply(struct req *, struct res *, json_t *out,
		    const struct err *);
/* application/problem+json from an error, in the request's language. */
void		 res_problem(struct req *, struct res *, const struct err *);
/* Same with an extra JSON member "current" (the record now, for 412). */
void		 res_problem_with(struct req *, struct res *,
		    const struct err *, const char *key, json_t *);

/*
 * Parse the body as a JSON object: duplicate keys rejected, must be an
 * object, Content-Type must be JSON.  Returned value is owned by the
 * arena.  NULL with err set on failure.
 */
json_t		*req_json_object(struct req *, struct err *);

/*
 * The paging parameters of a list: limit (1 to --page-max, default 50 or
 * less) and cursor (the last id seen, 0 = from the start).
 */
int		 req_page(struct req *, int *limit, int64_t *after,
		    struct err *);

/* Decref a json_t when the request's arena goes (arena_defer). */
void		 json_decref_v(void *);

#endif
