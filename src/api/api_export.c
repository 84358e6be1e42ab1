/*
 * api_export.c - everything held on one child, for a guardian's request
 * (PIPL access right), as one JSON download.  The collection, its scope
 * check and its audit entry are in domain/subject_export.c.
 */
#include "../core/util.h"
#include "../domain/resource.h"
#include "../domain/subject_export.h"
#include "handlers.h"

void
api_child_export(struct req *r, struct res *res)
{
	struct actor	 ac;
	struct err	 e;
	json_t		*doc;
	int64_t		 id;

	if (parse_int64(r->params[0], &id) == -1 || id < 1) {
		err_setl(&e, ERR_NOTFOUND, "id", "记录编号无效",
		    "not a record id");
		res_problem(r, res, &e);
		return;
	}
	api_actor(r, &ac);
	if ((doc = subject_export_child(r->db, &ac, id, r->arena, &e)) ==
	    NULL) {
		res_problem(r, res, &e);
		return;
	}
	res_header(res, r, "Content-Disposition", arena_printf(r->arena,
	    "attachment; filename=\"child-%lld.json\"", (long long)id));
	res_json(r, res, 200, doc);
}
