/*
 * router.h - the route table as data: method, pattern, handler, roles
 * admitted, query parameters accepted.  Patterns are literal segments and
 * ":name" captures, e.g. "/api/v1/children/:id".  Resource routes are made
 * from the resource declarations at start-up, so a new resource needs no
 * route of its own.
 */
#ifndef LBCARE_ROUTER_H
#define LBCARE_ROUTER_H

#include "api.h"

struct resource;

/* A handler answers into res; it returns nothing, errors go in res. */
typedef void (*route_fn)(struct req *, struct res *);

#define RF_NO_CSRF	0x01	/* a write that needs no CSRF token (login) */
#define RF_NO_DB	0x02	/* needs no database connection */
#define RF_STATIC	0x04	/* static files: pattern is a prefix */
#define RF_UPLOAD	0x08	/* body up to --max-upload (evidence files) */
#define RF_LARGE_BODY	0x10	/* body up to --max-import-body (spreadsheets) */

struct route {
	unsigned		 methods;	/* enum http_method bits */
	const char		*pattern;
	route_fn		 handler;
	unsigned		 roles;		/* ROLE_NONE = anonymous ok */
	const char *const	*query;		/* accepted parameters, NULL-ended */
	const struct resource	*resource;	/* for generic handlers */
	unsigned		 flags;
};

/* Build the table (static routes + one set per resource). Idempotent. */
void			 router_init(void);
void			 router_free(void);
const struct route	*router_routes(size_t *n);
/*
 * Match method and path; fill req->params.  Sets ERR_NOTFOUND or
 * ERR_METHOD in err when nothing matches.
 */
const struct route	*router_match(struct req *, struct err *);
/* The one entry point: match, check, authenticate, authorize, handle. */
void			 router_dispatch(struct req *, struct res *);
/*
 * The body limit for a request whose method, path and headers are in:
 * for a caller who presents credentials (a cookie or Authorization),
 * --max-upload on an RF_UPLOAD route, --max-import-body on an
 * RF_LARGE_BODY route; else --max-body.
 */
size_t			 router_body_limit(struct req *);

#endif
