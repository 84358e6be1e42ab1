/*
 * api_resources.c - the four generic handlers every declared resource
 * gets: list, get, create, update.  JSON in, JSON out; the rules live in
 * domain/resource.c.
 */
#include <stdio.h>
#include <string.h>

#include "../core/util.h"
#include "../domain/auth.h"
#include "../domain/dedupe.h"
#include "../domain/idempotency.h"
#include "../domain/resource.h"
#include "../domain/roles.h"
#include "handlers.h"

void
api_actor(const struct req *r, struct actor *ac)
{
	memset(ac, 0, sizeof(*ac));
	if (r->session == NULL)
		return;
	ac->user_id = r->session->user_id;
	ac->roles = r->session->roles;
	ac->scope = r->session->scope;
	ac->remote_addr = r->remote_addr;
	ac->projects = r->session->projects;
	ac->nprojects = r->session->nprojects;
	ac->project_bound = r->session->project_bound;
	/* Purchasers and evaluators see de-identified records only. */
	ac->deidentify = (ac->roles & (ROLE_PURCHASER | ROLE_EVALUATOR)) &&
	    !(ac->roles & (ROLE_FIELD));
}

/* Parse ":id" or answer 404 for a malformed one. */
int
path_id_or_reply(struct req *r, struct res *res, int64_t *id)
{
	struct err	e;

	if (r->nparams < 1 || parse_int64(r->params[0], id) == -1 ||
	    *id < 1) {
		err_setl(&e, ERR_NOTFOUND, "id", "记录编号无效",
		    "not a record id");
		res_problem(r, res, &e);
		return (-1);
	}
	return (0);
}

void
set_etag(struct req *r, struct res *res, json_t *rec)
{
	res_header(res, r, "ETag", arena_printf(r->arena, "\"%lld\"",
	    (long long)json_integer_value(json_object_get(rec, "revision"))));
}

/* Check a filter value against its field before it reaches SQL. */
static int
filter_ok(const struct field *f, const char *v, struct err *e)
{
	int64_t	n;

	if ((f->type == FT_INT || f->type == FT_REF) &&
	    parse_int64(v, &n) == -1)
		goto bad;
	if (f->type == FT_BOOL && strcmp(v, "true") && strcmp(v, "false"))
		goto bad;
	if (f->type == FT_ENUM && enum_find(f->enumeration, v) == NULL)
		goto bad;
	if (f->type == FT_DATE && date_valid(v) == -1)
		goto bad;
	return (0);
bad:
	err_setl(e, ERR_INVALID, f->name, "筛选条件 %s 的值无效",
	    "invalid value for filter %s", f->name);
	return (-1);
}

/*
 * ?worker_user_id=me: a reference to a person may name the caller
 * (a caseload is "my cases").
 */
static const char *
filter_value(struct req *r, const struct field *f, const char *v,
    const struct actor *ac)
{
	if (f->type == FT_REF && strcmp(f->ref, "users") == 0 &&
	    strcmp(v, "me") == 0)
		return (arena_printf(r->arena, "%lld",
		    (long long)ac->user_id));
	return (v);
}

/* ?sort=field (ascending) or ?sort=-field (descending). */
static int
list_sort_parse(const char *v, const struct resource *rs,
    const struct actor *ac, struct list_query *lq, struct err *e)
{
	int	k;

	if (v == NULL)
		return (0);
	lq->sort_desc = *v == '-';
	v += lq->sort_desc;
	if ((k = resource_field_index(rs, v)) == -1) {
		err_setl(e, ERR_INVALID, "sort", "%s 没有名为 %s 的字段，无法排序",
		    "%s has no field %s to sort by", rs->name, v);
		return (-1);
	}
	if (!resource_sortable(rs, k, ac)) {
		err_setl(e, ERR_INVALID, "sort", "不能按 %s 排序：该字段加密保存或对您隐去",
		    "cannot sort by %s: it is sealed, or withheld from you", v);
		return (-1);
	}
	lq->sort = &rs->fields[k];
	return (0);
}

static int
list_query_parse(struct req *r, const struct resource *rs,
    const struct actor *ac, struct list_query *lq, struct err *e)
{
	const char	*v;
	size_t		 i;
	int		 k;

	memset(lq, 0, sizeof(*lq));
	if (req_page(r, &lq->limit, &lq->after, e) == -1)
		return (-1);
	lq->q = req_query(r, "q");
	if (list_sort_parse(req_query(r, "sort"), rs, ac, lq, e) == -1)
		return (-1);
	for (i = 0; i < r->nquery; i++) {
		if ((k = resource_field_index(rs, r->query[i].key)) == -1)
			continue;
		v = filter_value(r, &rs->fields[k], r->query[i].value, ac);
		if (filter_ok(&rs->fields[k], v, e) == -1)
			return (-1);
		if (lq->nfilters == nitems(lq->filters)) {
			err_setl(e, ERR_INVALID, r->query[i].key,
			    "筛选条件过多（最多 %zu 个）",
			    "too many filters (at most %zu)",
			    nitems(lq->filters));
			return (-1);
		}
		lq->filters[lq->nfilters].field = k;
		lq->filters[lq->nfilters].value = v;
		lq->nfilters++;
	}
	return (0);
}

void
api_resource_list(struct req *r, struct res *res)
{
	const struct resource	*rs = r->route->resource;
	struct list_query	 lq;
	struct actor		 ac;
	struct err		 e;
	json_t			*out;

	api_actor(r, &ac);
	if (list_query_parse(r, rs, &ac, &lq, &e) == -1 ||
	    (out = resource_list(rs, r->db, &ac, &lq, r->arena, &e)) == NULL) {
		res_problem(r, res, &e);
		return;
	}
	res_json(r, res, 200, out);
}

void
api_resource_get(struct req *r, struct res *res)
{
	struct actor	 ac;
	struct err	 e;
	json_t		*rec;
	int64_t		 id;

	if (path_id_or_reply(r, res, &id) == -1)
		return;
	api_actor(r, &ac);
	if ((rec = resource_get(r->route->resource, r->db, &ac, id, r->arena,
	    &e)) == NULL) {
		res_problem(r, res, &e);
		return;
	}
	set_etag(r, res, rec);
	res_json(r, res, 200, rec);
}

void
api_resource_create(struct req *r, struct res *res)
{
	const char	*key = req_header(r, "Idempotency-Key");
	struct actor	 ac;
	struct err	 e;
	json_t		*in, *rec, *warn;
	int		 replayed = 0;

	api_actor(r, &ac);
	if ((in = req_json_object(r, &e)) == NULL)
		goto fail;
	/* A retried create (offline outbox) answers its first record. */
	rec = key != NULL ? idempotent_create(r->route->resource, r->db, &ac,
	    key, in, &replayed, r->arena, &e) : resource_create(
	    r->route->resource, r->db, &ac, in, r->arena, &e);
	if (rec == NULL)
		goto fail;
	set_etag(r, res, rec);
	res_header(res, r, "Location", arena_printf(r->arena, "/api/v1/%s/%lld",
	    r->route->resource->name,
	    (long long)json_integer_value(json_object_get(rec, "id"))));
	if (replayed)
		res_header(res, r, "Idempotent-Replayed", "true");
	/* Possible duplicates are shown, never refused (domain/dedupe.c). */
	if ((warn = dedupe_create_warnings(r->route->resource, r->db, &ac,
	    rec, r->arena)) != NULL)
		json_object_set_new(rec, "warnings", warn);
	res_json(r, res, replayed ? 200 : 201, rec);
	return;
fail:
	res_problem(r, res, &e);
}

/* If-Match: "N" (or N) names the revision the writer read. */
int
if_match_or_reply(struct req *r, struct res *res, int64_t *rev)
{
	const char	*h = req_header(r, "If-Match");
	char		 buf[32];
	size_t		 n;
	struct err	 e;

	if (h == NULL) {
		err_setl(&e, ERR_PRECONDITION_REQUIRED, "If-Match",
		    "修改记录时须提供 If-Match 版本号",
		    "an update must name the revision it read in If-Match");
		goto fail;
	}
	n = strlen(h);
	if (n >= 2 && h[0] == '"' && h[n - 1] == '"')
		snprintf(buf, sizeof(buf), "%.*s", (int)(n - 2), h + 1);
	else
		snprintf(buf, sizeof(buf), "%s", h);
	if (parse_int64(buf, rev) == 0 && *rev > 0)
		return (0);
	err_setl(&e, ERR_INVALID, "If-Match", "If-Match 应为版本号",
	    "If-Match must be a revision number");
fail:
	res_problem(r, res, &e);
	return (-1);
}

void
api_resource_update(struct req *r, struct res *res)
{
	const struct resource	*rs = r->route->resource;
	struct actor		 ac;
	struct err		 e, ge;
	json_t			*in, *rec, *cur;
	int64_t			 id, rev;

	if (path_id_or_reply(r, res, &id) == -1 ||
	    if_match_or_reply(r, res, &rev) == -1)
		return;
	api_actor(r, &ac);
	if ((in = req_json_object(r, &e)) == NULL) {
		res_problem(r, res, &e);
		return;
	}
	if ((rec = resource_update(rs, r->db, &ac, id, rev, in, r->arena,
	    &e)) == NULL) {
		/* A stale write gets the record as it is now, to compare. */
		if (e.code == ERR_PRECONDITION && (cur = resource_get(rs, r->db,
		    &ac, id, r->arena, &ge)) != NULL) {
			set_etag(r, res, cur);
			res_problem_with(r, res, &e, "current", cur);
		} else
			res_problem(r, res, &e);
		return;
	}
	set_etag(r, res, rec);
	res_json(r, res, 200, rec);
}
