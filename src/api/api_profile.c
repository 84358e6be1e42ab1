/*
 * api_profile.c - GET /api/v1/regions/:code/profile: the regional needs
 * profile as JSON, or as CSV for spreadsheets (?format=csv).  Counting
 * and small-cell suppression are in domain/needs_profile.c.
 */
#include <string.h>

#include "../core/util.h"
#include "../core/buf.h"
#include "../domain/consent.h"
#include "../domain/needs_profile.h"
#include "../core/sheet_write.h"
#include "../domain/resource.h"
#include "../domain/roster_export.h"
#include "handlers.h"

/* The same rows as the CSV, as a workbook (libxlsxwriter). */
static void
profile_xlsx(struct req *r, struct res *res, const struct needs_profile *np)
{
	struct sheet	sh;
	struct buf	b;
	struct err	e;
	char		*body;
	int		 rc;

	buf_init(&b, 0);
	if (roster_profile_sheet(np, &sh, &e) == -1)
		goto fail;
	rc = sheet_xlsx_bytes(&sh, "profile", PROFILE_NUMERIC, &b, &e);
	sheet_free(&sh);
	if (rc == -1)
		goto fail;
	body = arena_alloc(r->arena, b.len + 1);
	memcpy(body, b.data, b.len);
	res->body = body;
	res->body_len = b.len;
	buf_cleanup(&b);
	res->status = 200;
	res->content_type = "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet";
	res->no_store = 1;
	res_header(res, r, "Content-Disposition", arena_printf(r->arena,
	    "attachment; filename=\"profile-%s-%s.xlsx\"", np->region,
	    np->on));
	return;
fail:
	buf_cleanup(&b);
	res_problem(r, res, &e);
}

static void
profile_csv(struct req *r, struct res *res, const struct needs_profile *np)
{
	struct buf	b;

	buf_init(&b, 0);
	needs_profile_csv(np, &b);
	res->body = arena_strdup(r->arena, buf_cstr(&b));
	res->body_len = strlen(res->body);
	buf_cleanup(&b);
	res->status = 200;
	res->content_type = "text/csv; charset=utf-8";
	res->no_store = 1;
	res_header(res, r, "Content-Disposition", arena_printf(r->arena,
	    "attachment; filename=\"profile-%s-%s.csv\"", np->region,
	    np->on));
}

void
api_region_profile(struct req *r, struct res *res)
{
	struct needs_profile	 np;
	struct actor		 ac;
	struct err		 e;
	const char		*on, *format;
	char			 today[11];

	format = req_query(r, "format");
	if (format != NULL && strcmp(format, "json") != 0 &&
	    strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0) {
		err_setl(&e, ERR_INVALID, "format",
		    "format=%s 无效，应为 json、csv 或 xlsx",
		    "format=%s is not json, csv or xlsx", format);
		res_problem(r, res, &e);
		return;
	}
	if ((on = req_query(r, "on")) == NULL) {
		time_today(today);
		on = today;
	}
	api_actor(r, &ac);
	if (needs_profile_count(r->db, &ac, r->params[0], on, &np, r->arena,
	    &e) == -1) {
		res_problem(r, res, &e);
		return;
	}
	if (format != NULL && strcmp(format, "csv") == 0)
		profile_csv(r, res, &np);
	else if (format != NULL && strcmp(format, "xlsx") == 0)
		profile_xlsx(r, res, &np);
	else
		res_json(r, res, 200, needs_profile_json(&np));
}
