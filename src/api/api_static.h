/*
 * api_static.h - the browser application's files as a route.
 */
#ifndef LBCARE_API_STATIC_H
#define LBCARE_API_STATIC_H

#include "api.h"

/*
 * GET/HEAD of a file of req->app->web: 200 with its ETag and
 * "Cache-Control: no-cache", 304 if If-None-Match names the ETag, 404
 * problem if there is no such file.  A path outside /api/ whose last
 * segment has no dot is a client-side route: it gets index.html.
 */
void	api_static_get(struct req *, struct res *);

#endif
