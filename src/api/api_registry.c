/*
 * api_registry.c - the child registry's own routes, beside the generic
 * ones every declared resource has:
 *   GET  /api/v1/children/:id/eligibility   the left-behind rule's answer
 *   GET  /api/v1/children/duplicates        candidates before a create
 *   POST /api/v1/children/:id/merge         {"duplicate_id": n}
 * The rules are domain/eligibility.c's and domain/dedupe.c's.
 */
#include <string.h>

#include "../domain/dedupe.h"
#include "../domain/eligibility.h"
#include "../domain/resource.h"
#include "handlers.h"

void
api_child_eligibility(struct req *r, struct res *res)
{
	const struct conf		*c = &r->app->conf;
	struct eligibility_rules	 rules;
	struct actor			 ac;
	struct err			 e;
	json_t				*out;
	int64_t				 id;

	if (path_id_or_reply(r, res, &id) == -1)
		return;
	api_actor(r, &ac);
	rules.age = (int)conf_int(c, CONF_LB_AGE);
	rules.cutoff = conf_str(c, CONF_LB_CUTOFF);
	rules.grounds = conf_str(c, CONF_LB_GROUNDS);
	out = eligibility_of(r->db, &ac, id, &rules, r->arena, &e);
	res_reply(r, res, out, &e);
}

void
api_child_duplicates(struct req *r, struct res *res)
{
	struct actor	 ac;
	struct err	 e;
	json_t		*out;

	api_actor(r, &ac);
	out = dedupe_candidates(r->db, &ac, req_query(r, "name"),
	    req_query(r, "birth_date"), req_query(r, "village_code"),
	    req_query(r, "id_number"), 0, r->arena, &e);
	res_reply(r, res, out, &e);
}

void
api_child_merge(struct req *r, struct res *res)
{
	struct actor	 ac;
	struct err	 e;
	json_t		*in, *dup, *out;
	const char	*key;
	void		*it;
	int64_t		 id;

	if (path_id_or_reply(r, res, &id) == -1)
		return;
	api_actor(r, &ac);
	err_clear(&e);
	if ((in = req_json_object(r, &e)) == NULL)
		goto fail;
	json_object_foreach(in, key, it)
		if (strcmp(key, "duplicate_id") != 0) {
			err_setl(&e, ERR_INVALID, key, "未知字段 %s",
			    "unknown member %s", key);
			goto fail;
		}
	dup = json_object_get(in, "duplicate_id");
	if (!json_is_integer(dup) || json_integer_value(dup) < 1) {
		err_setl(&e, ERR_INVALID, "duplicate_id",
		    "duplicate_id 应为重复记录的编号",
		    "duplicate_id must be the id of the duplicate record");
		goto fail;
	}
	if ((out = dedupe_merge(r->db, &ac, id, json_integer_value(dup),
	    r->arena, &e)) == NULL)
		goto fail;
	res_json(r, res, 200, out);
	return;
fail:
	res_problem(r, res, &e);
}
