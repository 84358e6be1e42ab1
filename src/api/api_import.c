/*
 * api_import.c - POST /api/v1/imports/children?dry_run=true|false: the
 * body is the spreadsheet itself (text/csv or XLSX).  Answers the
 * import's report (domain/roster_import.h): 200 when it was a clean dry
 * run or committed, 422 with the same report when it was refused and
 * nothing was written.  Without dry_run the import is a dry run.
 */
#include <string.h>
#include <strings.h>

#include "../domain/resource.h"
#include "../domain/roster_import.h"
#include "handlers.h"

#define CT_XLSX	"application/vnd.openxmlformats-officedocument." \
		"spreadsheetml.sheet"

static int
media_ok(const char *ct)
{
	return (ct != NULL && (strncasecmp(ct, "text/csv", 8) == 0 ||
	    strncasecmp(ct, CT_XLSX, strlen(CT_XLSX)) == 0));
}

void
api_import_children(struct req *r, struct res *res)
{
	const char	*dry = req_query(r, "dry_run");
	struct actor	 ac;
	struct err	 e;
	json_t		*rp;

	if (dry != NULL && strcmp(dry, "true") != 0 &&
	    strcmp(dry, "false") != 0) {
		err_setl(&e, ERR_INVALID, "dry_run",
		    "dry_run=%s 无效，应为 true 或 false",
		    "dry_run=%s is not true or false", dry);
		goto fail;
	}
	if (!media_ok(req_header(r, "Content-Type"))) {
		err_setl(&e, ERR_MEDIA_TYPE, "",
		    "请求体应为 text/csv 或 XLSX 表格 (%s)",
		    "the body must be text/csv or an XLSX sheet (%s)", CT_XLSX);
		goto fail;
	}
	if (r->body_len == 0) {
		err_setl(&e, ERR_INVALID, "", "请求体为空：请上传表格文件",
		    "the body is empty: send the spreadsheet file");
		goto fail;
	}
	api_actor(r, &ac);
	if ((rp = roster_import(r->db, &ac, r->body, r->body_len,
	    dry == NULL || strcmp(dry, "true") == 0, &e)) == NULL)
		goto fail;
	res_json(r, res, json_is_true(json_object_get(rp, "ok")) ? 200 : 422,
	    rp);
	return;
fail:
	res_problem(r, res, &e);
}
