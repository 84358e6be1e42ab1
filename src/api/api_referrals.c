/*
 * api_referrals.c - the routes of visits, referrals and mandatory
 * reports beyond the generic ones:
 *   GET  /api/v1/alerts/overdue-visits        follow-ups past due
 *   POST /api/v1/referrals/escalate           unanswered referrals
 *   GET  /api/v1/referrals/inbox              a school contact's referrals
 *   POST /api/v1/mandatory_reports/raise      a report from any record
 *   GET  /api/v1/children/:id/timeline        one child's history
 *   GET  /api/v1/partners/hsds                the directory in HSDS 3.0
 * The rules are in domain/res_visits.c, res_referrals.c, res_reports.c,
 * timeline.c and hsds.c.
 */
#include <string.h>

#include "../core/buf.h"
#include "../domain/hsds.h"
#include "../domain/res_referrals.h"
#include "../domain/res_reports.h"
#include "../domain/res_visits.h"
#include "../domain/timeline.h"
#include "handlers.h"

static void
answer(struct req *r, struct res *res, json_t *out, int status,
    const struct err *e)
{
	if (out == NULL)
		res_problem(r, res, e);
	else
		res_json(r, res, status, out);
}

void
api_visits_overdue(struct req *r, struct res *res)
{
	struct actor	 ac;
	struct err	 e;
	int64_t		 after;
	int		 limit;

	api_actor(r, &ac);
	if (req_page(r, &limit, &after, &e) == -1) {
		res_problem(r, res, &e);
		return;
	}
	answer(r, res, visits_overdue(r->db, &ac, limit, r->arena, &e), 200,
	    &e);
}

void
api_referrals_escalate(struct req *r, struct res *res)
{
	struct actor	 ac;
	struct err	 e;

	api_actor(r, &ac);
	answer(r, res, referrals_escalate(r->db, &ac, NULL, r->arena, &e), 200,
	    &e);
}

void
api_referrals_inbox(struct req *r, struct res *res)
{
	struct actor	 ac;
	struct err	 e;

	api_actor(r, &ac);
	answer(r, res, referrals_school_inbox(r->db, &ac, r->arena, &e), 200,
	    &e);
}

/* ["POLICE","EDUCATION"] as the stored "POLICE,EDUCATION". */
static int
recipients_text(json_t *in, struct arena *a, struct err *e)
{
	json_t		*v = json_object_get(in, "recipients"), *x;
	struct buf	 b;
	size_t		 i;

	if (v == NULL || !json_is_array(v))
		return (0);	/* text, or absent: validated as the field */
	if (json_array_size(v) == 0) {
		err_setl(e, ERR_INVALID, "recipients", "%s 至少须有一个",
		    "%s needs at least one", "recipients");
		return (-1);
	}
	buf_init(&b, 0);
	json_array_foreach(v, i, x) {
		if (!json_is_string(x)) {
			buf_cleanup(&b);
			err_setl(e, ERR_INVALID, "recipients",
			    "%s 应为代码的数组", "%s must be an array of codes",
			    "recipients");
			return (-1);
		}
		buf_appendf(&b, "%s%s", i ? "," : "", json_string_value(x));
	}
	json_object_set_new(in, "recipients", json_string(buf_cstr(&b)));
	buf_cleanup(&b);
	return (0);
}

void
api_reports_raise(struct req *r, struct res *res)
{
	struct actor	 ac;
	struct err	 e;
	json_t		*in, *body, *src, *sid, *out = NULL;

	api_actor(r, &ac);
	if ((in = req_json_object(r, &e)) == NULL)
		goto fail;
	src = json_object_get(in, "source_resource");
	sid = json_object_get(in, "source_id");
	if (!json_is_string(src)) {
		err_setl(&e, ERR_INVALID, "source_resource",
		    "%s 为必填项，应为记录类型名称",
		    "%s is required: the name of a resource",
		    "source_resource");
		goto fail;
	}
	if (!json_is_integer(sid) || json_integer_value(sid) < 1) {
		err_setl(&e, ERR_INVALID, "source_id",
		    "%s 为必填项，应为记录编号",
		    "%s is required: a record id", "source_id");
		goto fail;
	}
	body = json_deep_copy(in);
	arena_defer(r->arena, json_decref_v, body);
	json_object_del(body, "source_resource");
	json_object_del(body, "source_id");
	/* "trigger" is the short name of the field report_trigger. */
	if (json_object_get(body, "trigger") != NULL) {
		json_object_set(body, "report_trigger",
		    json_object_get(body, "trigger"));
		json_object_del(body, "trigger");
	}
	if (recipients_text(body, r->arena, &e) == -1)
		goto fail;
	if ((out = reports_raise(r->db, &ac, json_string_value(src),
	    json_integer_value(sid), body, r->arena, &e)) == NULL)
		goto fail;
	set_etag(r, res, out);
	res_header(res, r, "Location", arena_printf(r->arena,
	    "/api/v1/mandatory_reports/%lld",
	    (long long)json_integer_value(json_object_get(out, "id"))));
	res_json(r, res, 201, out);
	return;
fail:
	res_problem(r, res, &e);
}

void
api_child_timeline(struct req *r, struct res *res)
{
	struct actor	 ac;
	struct err	 e;
	int64_t		 id;

	if (path_id_or_reply(r, res, &id) == -1)
		return;
	api_actor(r, &ac);
	answer(r, res, timeline_child(r->db, &ac, id, r->arena, &e), 200, &e);
}

void
api_partners_hsds(struct req *r, struct res *res)
{
	struct actor	 ac;
	struct err	 e;

	api_actor(r, &ac);
	answer(r, res, hsds_export(r->db, &ac, r->arena, &e), 200, &e);
}
