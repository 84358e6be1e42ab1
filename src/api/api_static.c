/*
 * api_static.c - serves the browser application's files (http/webfiles.c
 * holds them) with ETag revalidation, and index.html for the single-page
 * application's own routes.
 */
#include <string.h>

#include "../http/webfiles.h"
#include "api_static.h"

/* A client-side route: not the API, no ".." and no dot in the last part. */
static int
api_static_is_app_route(const char *path)
{
	const char	*last = strrchr(path, '/');

	return (strncmp(path, "/api/", 5) != 0 && strcmp(path, "/api") != 0 &&
	    strstr(path, "/..") == NULL && last != NULL &&
	    strchr(last, '.') == NULL);
}

/* If-None-Match: "*" or a list of ETags, weak ones included (RFC 9110). */
static int
api_static_etag_match(const char *inm, const char *etag)
{
	return (strcmp(inm, "*") == 0 || strstr(inm, etag) != NULL);
}

void
api_static_get(struct req *req, struct res *res)
{
	const struct webfile	*f;
	const char		*inm;
	struct err		 e;

	f = webfiles_find(req->app->web, req->path);
	if (f == NULL && api_static_is_app_route(req->path))
		f = webfiles_find(req->app->web, "/index.html");
	if (f == NULL) {
		err_setl(&e, ERR_NOTFOUND, "path", "没有这个文件",
		    "no such file");
		res_problem(req, res, &e);
		return;
	}
	res_header(res, req, "ETag", f->etag);
	res_header(res, req, "Cache-Control", "no-cache");
	inm = req_header(req, "If-None-Match");
	if (inm != NULL && api_static_etag_match(inm, f->etag)) {
		res->status = 304;
		return;
	}
	res->status = 200;
	res->content_type = f->content_type;
	res->body = (const char *)f->data;
	res->body_len = f->len;
}
