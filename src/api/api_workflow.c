/*
 * api_workflow.c - a step of a record's state machine, and its history:
 *   POST /api/v1/<name>/:id/transitions  If-Match: rev
 *        {"action": "...", "reason": "...", "fields": {...}}
 *   GET  /api/v1/<name>/:id/transitions
 * The rules are domain/workflow.c's.
 */
#include <string.h>

#include "../domain/resource.h"
#include "../domain/workflow.h"
#include "handlers.h"

/* An optional string member; -1 (e set) if present but not a string. */
static int
opt_string(json_t *in, const char *key, const char **out, struct err *e)
{
	json_t	*v = json_object_get(in, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return (0);
	if (!json_is_string(v)) {
		err_setl(e, ERR_INVALID, key, "%s 应为文本",
		    "%s must be a string", key);
		return (-1);
	}
	*out = json_string_value(v);
	return (0);
}

void
api_resource_transition(struct req *r, struct res *res)
{
	const struct resource	*rs = r->route->resource;
	const char		*action, *reason, *key;
	struct actor		 ac;
	struct err		 e, ge;
	json_t			*in, *fields, *rec, *cur;
	int64_t			 id, rev;
	void			*it;

	if (path_id_or_reply(r, res, &id) == -1 ||
	    if_match_or_reply(r, res, &rev) == -1)
		return;
	api_actor(r, &ac);
	if ((in = req_json_object(r, &e)) == NULL)
		goto fail;
	json_object_foreach(in, key, it)
		if (strcmp(key, "action") && strcmp(key, "reason") &&
		    strcmp(key, "fields")) {
			err_setl(&e, ERR_INVALID, key, "未知字段 %s",
			    "unknown member %s", key);
			goto fail;
		}
	fields = json_object_get(in, "fields");
	if (fields != NULL && !json_is_object(fields)) {
		err_setl(&e, ERR_INVALID, "fields", "fields 应为对象",
		    "fields must be an object");
		goto fail;
	}
	if (opt_string(in, "action", &action, &e) == -1 ||
	    opt_string(in, "reason", &reason, &e) == -1)
		goto fail;
	if ((rec = resource_transition(rs, r->db, &ac, id, rev, action, reason,
	    fields, r->arena, &e)) == NULL) {
		/* A stale step gets the record as it is now, like an update. */
		if (e.code == ERR_PRECONDITION && (cur = resource_get(rs, r->db,
		    &ac, id, r->arena, &ge)) != NULL) {
			set_etag(r, res, cur);
			res_problem_with(r, res, &e, "current", cur);
			return;
		}
		goto fail;
	}
	set_etag(r, res, rec);
	res_json(r, res, 200, rec);
	return;
fail:
	res_problem(r, res, &e);
}

void
api_resource_transitions(struct req *r, struct res *res)
{
	struct actor	 ac;
	struct err	 e;
	json_t		*out;
	int64_t		 id;

	if (path_id_or_reply(r, res, &id) == -1)
		return;
	api_actor(r, &ac);
	out = resource_transitions(r->route->resource, r->db, &ac, id,
	    r->arena, &e);
	res_reply(r, res, out, &e);
}
