/*
 * api_evidence.c - evidence files for any record (domain/evidence.h):
 *   POST /api/v1/evidence?resource=R&record_id=N&kind=K   the raw file
 *   GET  /api/v1/evidence?resource=R&record_id=N           the list
 *   GET  /api/v1/evidence/:id/content                      the bytes
 * The upload route takes bodies up to --max-upload (RF_UPLOAD).
 */
#include <string.h>

#include "../core/util.h"
#include "../domain/evidence.h"
#include "handlers.h"

/* resource and record_id from the query; -1 having answered 400. */
static int
target(struct req *r, struct res *res, const char **name, int64_t *id)
{
	const char	*s = req_query(r, "record_id");
	struct err	 e;

	*name = req_query(r, "resource");
	if (*name == NULL) {
		err_setl(&e, ERR_INVALID, "resource", "须指明 resource",
		    "resource is required");
		goto fail;
	}
	if (s == NULL || parse_int64(s, id) == -1 || *id < 1) {
		err_setl(&e, ERR_INVALID, "record_id", "record_id 应为记录编号",
		    "record_id must be a record id");
		goto fail;
	}
	return (0);
fail:
	res_problem(r, res, &e);
	return (-1);
}

void
api_evidence_upload(struct req *r, struct res *res)
{
	const char	*name;
	struct actor	 ac;
	struct err	 e;
	json_t		*row;
	int64_t		 id;
	int		 created;

	if (target(r, res, &name, &id) == -1)
		return;
	api_actor(r, &ac);
	if ((row = evidence_upload(r->db, &ac, name, id, req_query(r, "kind"),
	    r->body, r->body_len, &created, r->arena, &e)) == NULL) {
		res_problem(r, res, &e);
		return;
	}
	res_header(res, r, "Location", arena_printf(r->arena,
	    "/api/v1/evidence/%lld/content",
	    (long long)json_integer_value(json_object_get(row, "id"))));
	res_json(r, res, created ? 201 : 200, row);
}

void
api_evidence_list(struct req *r, struct res *res)
{
	const char	*name;
	struct actor	 ac;
	struct err	 e;
	json_t		*out;
	int64_t		 id;

	if (target(r, res, &name, &id) == -1)
		return;
	api_actor(r, &ac);
	out = evidence_list(r->db, &ac, name, id, r->arena, &e);
	res_reply(r, res, out, &e);
}

void
api_evidence_content(struct req *r, struct res *res)
{
	const char	*mime;
	const void	*p;
	struct actor	 ac;
	struct err	 e;
	size_t		 n;
	int64_t		 id;

	if (path_id_or_reply(r, res, &id) == -1)
		return;
	api_actor(r, &ac);
	if ((p = evidence_content(r->db, &ac, id, &mime, &n, r->arena,
	    &e)) == NULL) {
		res_problem(r, res, &e);
		return;
	}
	res->status = 200;
	res->content_type = mime;
	res->body = p;
	res->body_len = n;
	res->no_store = 1;
	/* The type was told by content when it came: browsers must not guess. */
	res_header(res, r, "X-Content-Type-Options", "nosniff");
	res_header(res, r, "Content-Security-Policy", "sandbox");
	res_header(res, r, "Content-Disposition", arena_printf(r->arena,
	    "inline; filename=\"evidence-%lld\"", (long long)id));
}

void
api_evidence_delete(struct req *r, struct res *res)
{
	struct actor	 ac;
	struct err	 e;
	int64_t		 id;

	if (path_id_or_reply(r, res, &id) == -1)
		return;
	api_actor(r, &ac);
	if (evidence_delete(r->db, &ac, id, r->arena, &e) == -1) {
		res_problem(r, res, &e);
		return;
	}
	res->status = 204;
	res->no_store = 1;
}
