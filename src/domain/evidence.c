/*
 * evidence.c - uploaded evidence (evidence.h): type by content, stored
 * once by SHA-256, linked to records, reached only through the record.
 */
#include <magic.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../core/lang.h"
#include "../core/util.h"
#include "audit.h"
#include "evidence.h"
#include "roles.h"

/* DOMAIN.md §10 evidence_kind. */
static const struct enum_value kind_values[] = {
	{ "INVOICE", "发票", "Invoice" },
	{ "PAYMENT", "付款凭证", "Payment voucher" },
	{ "SIGN_IN", "签到表", "Sign-in sheet" },
	{ "PHOTO", "照片", "Photo" },
	{ "BENEFICIARY_CONFIRM", "受益对象确认书",
	    "Beneficiary confirmation" },
	{ "LABOUR_SHEET", "劳务费发放表", "Labour payment sheet" },
	{ "CONTRACT", "合同", "Contract" },
	{ "REPORT", "报告", "Report" },
};
const struct enum_decl enum_evidence_kind =
    ENUM_DECL("evidence_kind", kind_values);

/*
 * A name from the query as it may be echoed in an error: codes are
 * ASCII; anything else (invalid UTF-8 included) is not repeated.
 */
static const char *
echo(const char *s)
{
	if (s == NULL)
		return ("(none)");
	if (*s == '\0' || strlen(s) > 40 || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(s))
		return ("(?)");
	return (s);
}

/* What may be uploaded, as libmagic names it. */
static const char *const allowed[] = { "image/jpeg", "image/png",
	"image/webp", "application/pdf" };

const char *
evidence_sniff(const void *p, size_t n, struct arena *a, struct err *e)
{
	const char	*t, *out = NULL;
	magic_t		 m;
	size_t		 i;

	if (n == 0) {
		err_setl(e, ERR_INVALID, "body", "上传的文件为空",
		    "the uploaded file is empty");
		return (NULL);
	}
	/* A cookie per call: libmagic's are not shared between threads. */
	if ((m = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS)) ==
	    NULL || magic_load(m, NULL) == -1 ||
	    (t = magic_buffer(m, p, n)) == NULL) {
		err_set(e, ERR_INTERNAL, "body", "libmagic: %s",
		    m != NULL && magic_error(m) != NULL ? magic_error(m) :
		    "cannot start");
		goto out;
	}
	for (i = 0; i < nitems(allowed); i++)
		if (strcmp(t, allowed[i]) == 0)
			out = allowed[i];
	if (out == NULL)
		err_setl(e, ERR_MEDIA_TYPE, "body",
		    "文件内容为 %s，只接受 JPEG、PNG、WebP 图片或 PDF",
		    "the file's content is %s; only JPEG, PNG, WebP images "
		    "and PDF are accepted", arena_strdup(a, t));
out:
	if (m != NULL)
		magic_close(m);
	return (out);
}

/*
 * The record the evidence is about, read as the actor (scope, audit):
 * its resource, or NULL with e set.  write: the actor must also be one
 * who may write the resource (2: to remove evidence, named so).
 */
static const struct resource *
record(struct store *db, const struct actor *ac, const char *res,
    int64_t id, int write, struct arena *a, struct err *e)
{
	const struct resource	*r;
	json_t			*rec;

	if (res == NULL || (r = resource_find(res)) == NULL) {
		err_setl(e, ERR_INVALID, "resource", "没有名为 %s 的记录类别",
		    "there is no resource %s", echo(res));
		return (NULL);
	}
	if (id < 1) {
		err_setl(e, ERR_INVALID, "record_id", "record_id 应为记录编号",
		    "record_id must be a record id");
		return (NULL);
	}
	if (!(ac->roles & (write ? r->write_roles : r->read_roles))) {
		const char	*w3[3][3] = { { NULL } };

		if (write == 2)
			lang_words(w3, 0, "删除", "remove");
		else if (write)
			lang_words(w3, 0, "上传", "upload");
		else
			lang_words(w3, 0, "查看", "read");
		lang_words(w3, 1, r->zh, r->en);
		err_setl_words(e, ERR_FORBIDDEN, "resource",
		    "您的角色无权%s「%s」的证明材料",
		    "your role may not %s evidence of %s", w3);
		return (NULL);
	}
	if ((rec = resource_get(r, db, ac, id, a, e)) == NULL)
		return (NULL);
	json_decref(rec);
	return (r);
}

#define ROW_COLS	"id, resource, record_id, kind, sha256, mime, size, " \
			"uploaded_by, uploaded_at"

static json_t *
row_json(struct stmt *st)
{
	return (json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:I, s:I, s:s}",
	    "id", (json_int_t)stmt_int64(st, 0),
	    "resource", stmt_text(st, 1),
	    "record_id", (json_int_t)stmt_int64(st, 2),
	    "kind", stmt_text(st, 3), "sha256", stmt_text(st, 4),
	    "mime", stmt_text(st, 5), "size", (json_int_t)stmt_int64(st, 6),
	    "uploaded_by", (json_int_t)stmt_int64(st, 7),
	    "uploaded_at", stmt_text(st, 8)));
}

/* The one row a statement finds (new reference), or NULL: *rc 0 or -1. */
static json_t *
one_row(struct stmt *st, int *rc, struct err *e)
{
	json_t	*out = NULL;

	if ((*rc = stmt_step(st, e)) == 1)
		out = row_json(st);
	stmt_finalize(st);
	return (out);
}

static void
sha256_hex(const void *p, size_t n, char out[65])
{
	unsigned char	h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, p, n);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

json_t *
evidence_upload(struct store *db, const struct actor *ac, const char *res,
    int64_t record_id, const char *kind, const void *p, size_t n,
    int *created, struct arena *a, struct err *e)
{
	const struct resource	*r;
	const char		*mime;
	struct stmt		*st;
	json_t			*out;
	char			 hash[65], now[32];
	int64_t			 id;
	int			 rc;

	*created = 0;
	if (kind == NULL || enum_find(&enum_evidence_kind, kind) == NULL) {
		err_setl(e, ERR_INVALID, "kind", "%s 不是有效的证明材料类别",
		    "%s is not a kind of evidence", echo(kind));
		return (NULL);
	}
	if ((r = record(db, ac, res, record_id, 1, a, e)) == NULL ||
	    (mime = evidence_sniff(p, n, a, e)) == NULL)
		return (NULL);
	sha256_hex(p, n, hash);
	time_now_rfc3339(now);
	if (store_begin(db, e) == -1)
		return (NULL);
	/* The same file as the same kind of the same record: that row. */
	if ((st = store_prepare(db, "SELECT " ROW_COLS " FROM evidence WHERE "
	    "resource = ? AND record_id = ? AND kind = ? AND sha256 = ?",
	    e)) == NULL)
		goto fail;
	stmt_bind_text(st, 1, r->name);
	stmt_bind_int64(st, 2, record_id);
	stmt_bind_text(st, 3, kind);
	stmt_bind_text(st, 4, hash);
	if ((out = one_row(st, &rc, e)) != NULL || rc == -1) {
		store_rollback(db);
		return (out);
	}
	/* Each distinct file once, whoever links it to what. */
	if ((st = store_prepare(db, "INSERT INTO evidence_blobs (sha256, mime, "
	    "size, content, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT "
	    "(sha256) DO NOTHING", e)) == NULL)
		goto fail;
	stmt_bind_text(st, 1, hash);
	stmt_bind_text(st, 2, mime);
	stmt_bind_int64(st, 3, (int64_t)n);
	stmt_bind_blob(st, 4, p, n);
	stmt_bind_text(st, 5, now);
	rc = stmt_step(st, e);
	stmt_finalize(st);
	if (rc == -1 || (st = store_prepare(db, "INSERT INTO evidence "
	    "(resource, record_id, kind, sha256, mime, size, uploaded_by, "
	    "uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING " ROW_COLS,
	    e)) == NULL)
		goto fail;
	stmt_bind_text(st, 1, r->name);
	stmt_bind_int64(st, 2, record_id);
	stmt_bind_text(st, 3, kind);
	stmt_bind_text(st, 4, hash);
	stmt_bind_text(st, 5, mime);
	stmt_bind_int64(st, 6, (int64_t)n);
	stmt_bind_int64(st, 7, ac->user_id);
	stmt_bind_text(st, 8, now);
	if ((out = one_row(st, &rc, e)) == NULL)
		goto fail;
	id = json_integer_value(json_object_get(out, "id"));
	if (audit_append(db, ac, "create", "evidence", id, arena_printf(a,
	    "{\"resource\":\"%s\",\"record_id\":%lld,\"kind\":\"%s\","
	    "\"sha256\":\"%s\"}", r->name, (long long)record_id, kind, hash),
	    e) == -1 || store_commit(db, e) == -1) {
		json_decref(out);
		goto fail;
	}
	*created = 1;
	return (out);
fail:
	store_rollback(db);
	return (NULL);
}

json_t *
evidence_list(struct store *db, const struct actor *ac, const char *res,
    int64_t record_id, struct arena *a, struct err *e)
{
	const struct resource	*r;
	struct stmt		*st;
	json_t			*items;
	int			 rc;

	if ((r = record(db, ac, res, record_id, 0, a, e)) == NULL)
		return (NULL);
	if ((st = store_prepare(db, "SELECT " ROW_COLS " FROM evidence WHERE "
	    "resource = ? AND record_id = ? ORDER BY id", e)) == NULL)
		return (NULL);
	stmt_bind_text(st, 1, r->name);
	stmt_bind_int64(st, 2, record_id);
	items = json_array();
	while ((rc = stmt_step(st, e)) == 1)
		json_array_append_new(items, row_json(st));
	stmt_finalize(st);
	if (rc == -1) {
		json_decref(items);
		return (NULL);
	}
	return (json_pack("{s:o}", "items", items));
}

int
evidence_delete(struct store *db, const struct actor *ac, int64_t id,
    struct arena *a, struct err *e)
{
	struct stmt	*st;
	const char	*res = NULL, *kind = NULL, *hash = NULL;
	int64_t		 record_id = 0, by = 0;
	int		 rc;

	if ((st = store_prepare(db, "SELECT resource, record_id, kind, "
	    "sha256, uploaded_by FROM evidence WHERE id = ?", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, id);
	if ((rc = stmt_step(st, e)) == 1) {
		res = arena_strdup(a, stmt_text(st, 0));
		record_id = stmt_int64(st, 1);
		kind = arena_strdup(a, stmt_text(st, 2));
		hash = arena_strdup(a, stmt_text(st, 3));
		by = stmt_int64(st, 4);
	} else if (rc == 0)
		err_setl(e, ERR_NOTFOUND, "id", "没有编号为 %lld 的证明材料",
		    "no evidence %lld", (long long)id);
	stmt_finalize(st);
	if (rc != 1 || record(db, ac, res, record_id, 2, a, e) == NULL)
		return (-1);
	/* What others uploaded is theirs to answer for, or a supervisor's. */
	if (by != ac->user_id && !(ac->roles & (ROLE_SUPERVISOR | ROLE_LEAD |
	    ROLE_ADMIN))) {
		err_setl(e, ERR_FORBIDDEN, "id",
		    "只有上传者、督导或项目主管可以删除这份证明材料",
		    "only who uploaded it, a supervisor or a lead may remove "
		    "this evidence");
		return (-1);
	}
	if (store_begin(db, e) == -1)
		return (-1);
	if ((st = store_prepare(db, "DELETE FROM evidence WHERE id = ?",
	    e)) == NULL)
		goto fail;
	stmt_bind_int64(st, 1, id);
	rc = stmt_step(st, e);
	stmt_finalize(st);
	if (rc == -1 || (st = store_prepare(db, "DELETE FROM evidence_blobs "
	    "WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM evidence WHERE "
	    "sha256 = ?)", e)) == NULL)
		goto fail;
	stmt_bind_text(st, 1, hash);
	stmt_bind_text(st, 2, hash);
	rc = stmt_step(st, e);
	stmt_finalize(st);
	if (rc == -1 || audit_append(db, ac, "delete", "evidence", id,
	    arena_printf(a, "{\"resource\":\"%s\",\"record_id\":%lld,"
	    "\"kind\":\"%s\",\"sha256\":\"%s\"}", res, (long long)record_id,
	    kind, hash), e) == -1 || store_commit(db, e) == -1)
		goto fail;
	return (0);
fail:
	store_rollback(db);
	return (-1);
}

const void *
evidence_content(struct store *db, const struct actor *ac, int64_t id,
    const char **mime, size_t *len, struct arena *a, struct err *e)
{
	struct stmt	*st;
	const char	*res;
	const void	*p;
	void		*out = NULL;
	int64_t		 record_id;
	int		 rc;

	if ((st = store_prepare(db, "SELECT resource, record_id FROM evidence "
	    "WHERE id = ?", e)) == NULL)
		return (NULL);
	stmt_bind_int64(st, 1, id);
	if ((rc = stmt_step(st, e)) == 0)
		err_setl(e, ERR_NOTFOUND, "id", "没有编号为 %lld 的证明材料",
		    "no evidence %lld", (long long)id);
	res = rc == 1 ? arena_strdup(a, stmt_text(st, 0)) : NULL;
	record_id = rc == 1 ? stmt_int64(st, 1) : 0;
	stmt_finalize(st);
	if (rc != 1)
		return (NULL);
	/* Out of the record's scope, the evidence is not found either. */
	if (record(db, ac, res, record_id, 0, a, e) == NULL)
		return (NULL);
	if ((st = store_prepare(db, "SELECT b.mime, b.content FROM evidence v "
	    "JOIN evidence_blobs b ON b.sha256 = v.sha256 WHERE v.id = ?",
	    e)) == NULL)
		return (NULL);
	stmt_bind_int64(st, 1, id);
	if ((rc = stmt_step(st, e)) == 1) {
		*mime = arena_strdup(a, stmt_text(st, 0));
		p = stmt_blob(st, 1, len);
		out = arena_alloc(a, *len + 1);
		if (*len > 0)
			memcpy(out, p, *len);
	} else if (rc == 0)
		err_setl(e, ERR_INTERNAL, "id", "证明材料 %lld 的文件缺失",
		    "the file of evidence %lld is missing", (long long)id);
	stmt_finalize(st);
	if (out == NULL || audit_append_tx(db, ac, "read", "evidence", id,
	    "{}", e) == -1)
		return (NULL);
	return (out);
}
