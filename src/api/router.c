/*
 * router.c - match a request to its route, then check it in one place:
 * query allowlist, body size, session, role, CSRF.  Only then does the
 * handler run.  Also writes the access log line (no personal data).
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../core/log.h"
#include "../core/util.h"
#include "../domain/auth.h"
#include "../domain/membership.h"
#include "../domain/resource.h"
#include "../domain/roles.h"
#include "../domain/workflow.h"
#include "credentials.h"
#include "handlers.h"

extern const struct route static_routes[];
extern const size_t nstatic_routes;

static struct route	*routes;
static size_t		 nroutes;
static struct arena	*route_arena;	/* patterns and parameter lists */

/* Accepted list parameters: paging, search, and the filter fields. */
static const char *const *
list_params(const struct resource *r)
{
	const char	**q;
	size_t		  i, n = 0;

	q = arena_alloc(route_arena, (r->nfields + 5) * sizeof(*q));
	q[n++] = "limit";
	q[n++] = "cursor";
	q[n++] = "q";
	q[n++] = "sort";
	for (i = 0; i < r->nfields; i++)
		if (r->fields[i].flags & (FF_FILTER | FF_PREFIX))
			q[n++] = r->fields[i].name;
	q[n] = NULL;
	return (q);
}

void
router_init(void)
{
	static const char *const q_none[] = { NULL };
	const struct resource	*r;
	struct arena		*ra;
	size_t			 nres, i, k = 0;

	if (routes != NULL)
		return;
	ra = route_arena = arena_new();
	for (nres = 0; resources[nres] != NULL; nres++)
		;
	nroutes = nres * 6 + nstatic_routes;
	routes = arena_alloc(ra, nroutes * sizeof(*routes));
	/*
	 * Literal routes first, so /api/v1/partners/hsds is not taken for
	 * the record "hsds" of /api/v1/partners/:id, nor children/duplicates
	 * for a child.
	 */
	for (i = 0; i < nstatic_routes; i++)
		if (!(static_routes[i].flags & RF_STATIC))
			routes[k++] = static_routes[i];
	for (i = 0; i < nres; i++) {
		r = resources[i];
		if (r->workflow != NULL) {
			routes[k++] = (struct route){ HTTP_POST, arena_printf(
			    ra, "/api/v1/%s/:id/transitions", r->name),
			    api_resource_transition, workflow_roles(r->workflow),
			    q_none, r, 0 };
			routes[k++] = (struct route){ HTTP_GET, arena_printf(
			    ra, "/api/v1/%s/:id/transitions", r->name),
			    api_resource_transitions, r->read_roles, q_none, r,
			    0 };
		}
		routes[k++] = (struct route){ HTTP_GET, arena_printf(ra,
		    "/api/v1/%s", r->name), api_resource_list, r->read_roles,
		    list_params(r), r, 0 };
		routes[k++] = (struct route){ HTTP_GET, arena_printf(ra,
		    "/api/v1/%s/:id", r->name), api_resource_get, r->read_roles,
		    q_none, r, 0 };
		routes[k++] = (struct route){ HTTP_POST, arena_printf(ra,
		    "/api/v1/%s", r->name), api_resource_create,
		    r->write_roles, q_none, r, 0 };
		routes[k++] = (struct route){ HTTP_PATCH, arena_printf(ra,
		    "/api/v1/%s/:id", r->name), api_resource_update,
		    r->write_roles, q_none, r, 0 };
	}
	/* The web app's catch-all last. */
	for (i = 0; i < nstatic_routes; i++)
		if (static_routes[i].flags & RF_STATIC)
			routes[k++] = static_routes[i];
	nroutes = k;
}

void
router_free(void)
{
	arena_free(route_arena);
	route_arena = NULL;
	routes = NULL;
	nroutes = 0;
}

const struct route *
router_routes(size_t *n)
{
	router_init();
	*n = nroutes;
	return (routes);
}

/* Match one pattern against a path, capturing ":name" segments. */
static int
pattern_match(const char *pat, const char *path, struct req *r)
{
	const char	*pe, *se;
	size_t		 np = 0;

	while (*pat == '/' && *path == '/') {
		pat++;
		path++;
		pe = pat + strcspn(pat, "/");
		se = path + strcspn(path, "/");
		if (*pat == ':') {
			if (se == path || np == REQ_MAX_PARAMS)
				return (0);
			r->params[np++] = arena_strndup(r->arena, path,
			    (size_t)(se - path));
		} else if (pe - pat != se - path ||
		    strncmp(pat, path, (size_t)(pe - pat)) != 0)
			return (0);
		pat = pe;
		path = se;
	}
	if (*pat != '\0' || *path != '\0')
		return (0);
	r->nparams = np;
	return (1);
}

static int
is_static_path(const char *path)
{
	return (strncmp(path, "/api/", 5) != 0 && strcmp(path, "/api") != 0 &&
	    strcmp(path, "/healthz") != 0);
}

const struct route *
router_match(struct req *r, struct err *e)
{
	const struct route	*rt;
	size_t			 i;
	int			 path_found = 0;
	unsigned		 m;

	router_init();
	m = r->method == HTTP_HEAD ? (HTTP_GET | HTTP_HEAD) : r->method;
	for (i = 0; i < nroutes; i++) {
		rt = &routes[i];
		if (rt->flags & RF_STATIC ? !is_static_path(r->path) :
		    !pattern_match(rt->pattern, r->path, r))
			continue;
		path_found = 1;
		if (rt->methods & m)
			return (rt);
	}
	if (path_found)
		err_setl(e, ERR_METHOD, "", "该地址不支持此方法",
		    "this address does not accept that method");
	else
		err_setl(e, ERR_NOTFOUND, "", "没有这个地址",
		    "no such address");
	return (NULL);
}

static int
query_allowed(const struct route *rt, const struct req *r, struct err *e)
{
	size_t	i, k;

	if (rt->flags & RF_STATIC)
		return (0);
	for (i = 0; i < r->nquery; i++) {
		for (k = 0; rt->query != NULL && rt->query[k] != NULL; k++)
			if (strcmp(rt->query[k], r->query[i].key) == 0)
				break;
		if (rt->query == NULL || rt->query[k] == NULL) {
			err_setl(e, ERR_INVALID, r->query[i].key,
			    "不支持查询参数 %s", "unknown query parameter %s",
			    r->query[i].key);
			return (-1);
		}
	}
	return (0);
}

static int
is_write(enum http_method m)
{
	return ((m & (HTTP_POST | HTTP_PUT | HTTP_PATCH | HTTP_DELETE)) != 0);
}

/*
 * Who is asking: an API token if the request has an Authorization
 * header, else the session cookie.  A request that presents a token is
 * judged by it alone: a bad token never falls back to a cookie.  Sets
 * r->session, or leaves it NULL with *why saying what was wrong.
 */
static void
authenticate(struct req *r, struct err *why)
{
	const struct conf	*c = &r->app->conf;
	const char		*h, *tok;

	err_setl(why, ERR_UNAUTHENTICATED, "", "请先登录",
	    "please sign in first");
	if (r->db == NULL)
		return;
	if ((h = req_header(r, "Authorization")) != NULL) {
		if ((tok = credentials_bearer(h, r->arena)) == NULL)
			err_setl(why, ERR_UNAUTHENTICATED, "Authorization",
			    "Authorization 头应为 Bearer 加 API 令牌",
			    "the Authorization header must be \"Bearer\" and "
			    "an API token");
		else
			r->session = auth_token_session(r->db, tok, r->arena,
			    why);
		return;
	}
	if ((tok = credentials_cookie(req_header(r, "Cookie"),
	    CREDENTIALS_COOKIE, r->arena)) != NULL)
		r->session = auth_session(r->db, tok,
		    (int)conf_int(c, CONF_SESSION_IDLE),
		    (int)conf_int(c, CONF_SESSION_MAX), r->arena, why);
}

/* The person's current project roles join their own (membership.h). */
static void
add_memberships(struct req *r, struct err *why)
{
	struct session	*s = r->session;
	char		 today[11];
	size_t		 i;

	time_today(today);
	if (membership_load(r->db, s->user_id, today, &s->projects,
	    &s->nprojects, &s->project_bound, r->arena, why) == -1) {
		r->session = NULL;
		return;
	}
	for (i = 0; i < s->nprojects; i++)
		s->roles |= s->projects[i].roles;
}

/* Session, role and CSRF: 0 to go on, -1 with the error to answer. */
static int
authorize(struct req *r, const struct route *rt, struct err *e)
{
	const char	*csrf;
	struct err	 why;

	authenticate(r, &why);
	if (r->session != NULL)
		add_memberships(r, &why);
	if (rt->roles == ROLE_NONE)
		return (0);
	if (r->session == NULL) {
		*e = why;
		return (-1);
	}
	if ((r->session->roles & rt->roles) == 0) {
		err_setl(e, ERR_FORBIDDEN, "", "您的角色无权进行此操作",
		    "your role may not do this");
		return (-1);
	}
	/* A bearer token is sent on purpose, never by a browser on its own. */
	if (is_write(r->method) && !(rt->flags & RF_NO_CSRF) &&
	    r->session->token_id == 0) {
		csrf = req_header(r, "X-CSRF-Token");
		if (csrf == NULL || strlen(csrf) != strlen(r->session->csrf) ||
		    sodium_memcmp(csrf, r->session->csrf, strlen(csrf)) != 0) {
			err_setl(e, ERR_FORBIDDEN, "X-CSRF-Token",
			    "缺少或错误的 CSRF 令牌",
			    "missing or wrong CSRF token");
			return (-1);
		}
	}
	return (0);
}

/* The body limit of route rt (NULL: none matched) for this request. */
static size_t
body_limit(const struct req *r, const struct route *rt)
{
	enum conf_key	k = CONF_MAX_BODY;

	/* Larger bodies only for those who say who they are. */
	if (rt != NULL && (req_header(r, "Cookie") != NULL ||
	    req_header(r, "Authorization") != NULL))
		k = rt->flags & RF_UPLOAD ? CONF_MAX_UPLOAD :
		    rt->flags & RF_LARGE_BODY ? CONF_MAX_IMPORT_BODY :
		    CONF_MAX_BODY;
	return ((size_t)conf_int(&r->app->conf, k));
}

void
router_dispatch(struct req *r, struct res *res)
{
	const struct route	*rt;
	struct err		 e;
	size_t			 limit;
	int64_t			 t0 = time_mono_ms();

	err_clear(&e);
	r->lang = lang_from_header(req_header(r, "Accept-Language"));
	if ((rt = router_match(r, &e)) == NULL)
		goto fail;
	r->route = rt;
	/* The route is matched already: no second match for its limit. */
	limit = body_limit(r, rt);
	if (r->body_too_large || r->body_len > limit) {
		err_setl(&e, ERR_TOO_LARGE, "",
		    "请求体超过 %lld 字节的上限",
		    "the body is larger than the limit of %lld bytes",
		    (long long)limit);
		goto fail;
	}
	if (query_allowed(rt, r, &e) == -1)
		goto fail;
	if (!(rt->flags & RF_NO_DB) || rt->roles != ROLE_NONE)
		r->db = store_pool_acquire(r->app->pool);
	if (authorize(r, rt, &e) == -1)
		goto fail;
	rt->handler(r, res);
	goto out;
fail:
	res_problem(r, res, &e);
out:
	if (r->db != NULL) {
		store_pool_release(r->app->pool, r->db);
		r->db = NULL;
	}
	log_info("req=%s user=%lld %s %s %d %lldms", r->request_id,
	    r->session ? (long long)r->session->user_id : 0LL,
	    r->method == HTTP_GET ? "GET" : r->method == HTTP_POST ? "POST" :
	    r->method == HTTP_PATCH ? "PATCH" : r->method == HTTP_DELETE ?
	    "DELETE" : r->method == HTTP_HEAD ? "HEAD" : r->method == HTTP_PUT
	    ? "PUT" : "OTHER", rt ? rt->pattern : "-", res->status,
	    (long long)(time_mono_ms() - t0));
}

size_t
router_body_limit(struct req *r)
{
	struct err	e;

	return (body_limit(r, router_match(r, &e)));
}
