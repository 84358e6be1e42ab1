/*
 * fuzz_router.c - libFuzzer harness for the request path and query
 * parsers and the route matcher: "METHOD PATH?QUERY" in, no crash, no
 * leak, and a match only for a path the table holds.
 */
#include <stdint.h>
#include <string.h>

#include "api/api.h"
#include "api/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena		*a;
	struct req		 r;
	struct err		 e;
	const struct route	*rt;
	char			*s, *q;

	a = arena_new();
	memset(&r, 0, sizeof(r));
	r.arena = a;
	s = arena_strndup(a, (const char *)data, size);
	r.method = size > 0 && (data[0] & 1) ? HTTP_POST : HTTP_GET;
	if ((q = strchr(s, '?')) != NULL) {
		*q++ = '\0';
		req_parse_query(&r, q, &e);
	}
	if (url_decode(s) == 0) {
		r.path = s;
		rt = router_match(&r, &e);
		if (rt != NULL && !(rt->flags & RF_STATIC) &&
		    strncmp(r.path, "/api/", 5) != 0 &&
		    strcmp(r.path, "/healthz") != 0)
			__builtin_trap();	/* matched outside the table */
	}
	arena_free(a);
	return (0);
}
