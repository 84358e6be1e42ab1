/*
 * subject_export.c - one child's data for a guardian's request: each
 * declared resource that holds rows about a child, found by the SQL in
 * subject_sources[], read through resource_get() (scope, decryption,
 * audit), with the metadata of the evidence linked to those rows and
 * the audit entries about them; a mandatory report's reporter withheld.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/util.h"
#include "audit.h"
#include "subject_export.h"

/* The child first: it must exist.  New modules add their line here. */
const struct subject_source subject_sources[] = {
	{ "children", "SELECT id FROM children WHERE id = ?" },
	{ "consents",
	    "SELECT id FROM consents WHERE child_id = ? ORDER BY id" },
	{ "assessments",
	    "SELECT id FROM assessments WHERE child_id = ? ORDER BY id" },
	{ "cases", "SELECT id FROM cases WHERE child_id = ? ORDER BY id" },
	{ "case_goals", "SELECT case_goals.id FROM case_goals JOIN cases ON "
	    "cases.id = case_goals.case_id WHERE cases.child_id = ? "
	    "ORDER BY case_goals.id" },
	{ "case_notes", "SELECT case_notes.id FROM case_notes JOIN cases ON "
	    "cases.id = case_notes.case_id WHERE cases.child_id = ? "
	    "ORDER BY case_notes.id" },
	{ "parents", "SELECT id FROM parents WHERE child_id = ? ORDER BY id" },
	{ "caregivers",
	    "SELECT id FROM caregivers WHERE child_id = ? ORDER BY id" },
	{ "contact_logs",
	    "SELECT id FROM contact_logs WHERE child_id = ? ORDER BY id" },
	{ "alerts", "SELECT id FROM alerts WHERE child_id = ? ORDER BY id" },
	/* Services: visits, referrals, reports; then group work, gifts. */
	{ "visits", "SELECT id FROM visits WHERE child_id = ? ORDER BY id" },
	{ "referrals",
	    "SELECT id FROM referrals WHERE child_id = ? ORDER BY id" },
	{ "mandatory_reports",
	    "SELECT id FROM mandatory_reports WHERE child_id = ? ORDER BY id" },
	{ "group_members",
	    "SELECT id FROM group_members WHERE child_id = ? ORDER BY id" },
	{ "attendance",
	    "SELECT id FROM attendance WHERE child_id = ? ORDER BY id" },
	{ "activity_participants", "SELECT id FROM activity_participants "
	    "WHERE child_id = ? ORDER BY id" },
	{ "donation_allocations", "SELECT id FROM donation_allocations "
	    "WHERE child_id = ? ORDER BY id" },
};
const size_t subject_nsources = nitems(subject_sources);

/*
 * Who made a mandatory report is withheld from the guardian (DOMAIN.md
 * §2.3): the field, and every audit entry about the report (its user_id
 * would name the reporter), and the uploader of its evidence.  The
 * export is read as a supervisor or lead, to whom FF_CONFIDENTIAL does
 * not hide the field, so it is dropped here by name.
 */
static const struct {
	const char	*resource, *field;
} withheld[] = {
	{ "mandatory_reports", "reporter_user_id" },
};

static const char *
withheld_field(const char *resource)
{
	size_t	i;

	for (i = 0; i < nitems(withheld); i++)
		if (strcmp(withheld[i].resource, resource) == 0)
			return (withheld[i].field);
	return (NULL);
}

/* The ids one source finds, arena-owned. */
struct found {
	const struct resource	*r;
	int64_t			*ids;
	size_t			 n;
};

static int
find_ids(const struct subject_source *src, struct store *db, int64_t child,
    struct found *out, struct arena *a, struct err *e)
{
	struct stmt	*st;
	size_t		 cap = 16;
	int		 rc;

	if ((out->r = resource_find(src->resource)) == NULL) {
		err_set(e, ERR_INTERNAL, "", "export source %s is not a "
		    "declared resource", src->resource);
		return (-1);
	}
	if ((st = store_prepare(db, src->sql, e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, child);
	out->ids = arena_alloc(a, cap * sizeof(*out->ids));
	out->n = 0;
	while ((rc = stmt_step(st, e)) == 1) {
		if (out->n == cap) {
			int64_t	*more = arena_alloc(a, 2 * cap *
			    sizeof(*more));

			memcpy(more, out->ids, cap * sizeof(*more));
			out->ids = more;
			cap *= 2;
		}
		out->ids[out->n++] = stmt_int64(st, 0);
	}
	stmt_finalize(st);
	return (rc);
}

/*
 * Prepare "<select> WHERE ... ORDER BY id" over the rows of a table that
 * name one of the found records by (resource, record_id); with
 * skip_withheld, records whose resource withholds a person are left out.
 */
static struct stmt *
about_found(struct store *db, const char *select, const struct found *fd,
    size_t nfd, int skip_withheld, struct arena *a, struct err *e)
{
	struct stmt	*st;
	struct buf	 b;
	size_t		 i, k;
	int		 arg = 1;

	buf_init(&b, 0);
	buf_appendf(&b, "%s WHERE 1 = 0", select);
	for (i = 0; i < nfd; i++) {
		if (fd[i].n == 0 || (skip_withheld &&
		    withheld_field(fd[i].r->name) != NULL))
			continue;
		buf_puts(&b, " OR (resource = ? AND record_id IN (");
		for (k = 0; k < fd[i].n; k++)
			buf_puts(&b, k ? ", ?" : "?");
		buf_puts(&b, "))");
	}
	buf_puts(&b, " ORDER BY id");
	st = store_prepare(db, arena_strdup(a, buf_cstr(&b)), e);
	buf_cleanup(&b);
	for (i = 0; st != NULL && i < nfd; i++) {
		if (fd[i].n == 0 || (skip_withheld &&
		    withheld_field(fd[i].r->name) != NULL))
			continue;
		stmt_bind_text(st, arg++, fd[i].r->name);
		for (k = 0; k < fd[i].n; k++)
			stmt_bind_int64(st, arg++, fd[i].ids[k]);
	}
	return (st);
}

/* Every audit entry about one of the found rows, oldest first. */
static json_t *
audit_entries(struct store *db, const struct found *fd, size_t nfd,
    struct arena *a, struct err *e)
{
	struct stmt	*st;
	json_t		*out, *detail;
	int		 rc;

	if ((st = about_found(db, "SELECT id, at, user_id, action, resource, "
	    "record_id, detail FROM audit_log", fd, nfd, 1, a, e)) == NULL)
		return (NULL);
	out = json_array();
	while ((rc = stmt_step(st, e)) == 1) {
		/* detail is JSON text written by audit_append. */
		if ((detail = json_loads(stmt_text(st, 6), 0, NULL)) == NULL)
			detail = json_string(stmt_text(st, 6));
		json_array_append_new(out, json_pack("{s:I, s:s, s:I, s:s, "
		    "s:s, s:I, s:o}", "id", (json_int_t)stmt_int64(st, 0),
		    "at", stmt_text(st, 1), "user_id",
		    (json_int_t)stmt_int64(st, 2), "action", stmt_text(st, 3),
		    "resource", stmt_text(st, 4), "record_id",
		    (json_int_t)stmt_int64(st, 5), "detail", detail));
	}
	stmt_finalize(st);
	if (rc == -1) {
		json_decref(out);
		return (NULL);
	}
	return (out);
}

/* The rows one source found, as the actor may see them. */
static json_t *
read_rows(const struct found *fd, struct store *db, const struct actor *ac,
    struct arena *a, struct err *e)
{
	json_t	*rows, *rec;
	size_t	 k;

	rows = json_array();
	for (k = 0; k < fd->n; k++) {
		if ((rec = resource_get(fd->r, db, ac, fd->ids[k], a,
		    e)) == NULL) {
			json_decref(rows);
			return (NULL);
		}
		if (withheld_field(fd->r->name) != NULL)
			json_object_del(rec, withheld_field(fd->r->name));
		json_array_append_new(rows, rec);
	}
	return (rows);
}

/*
 * The evidence linked to the found rows: its metadata, not the file
 * (the guardian can ask for a file by its id); oldest first.
 */
static json_t *
evidence_rows(struct store *db, const struct found *fd, size_t nfd,
    struct arena *a, struct err *e)
{
	struct stmt	*st;
	json_t		*out, *row;
	int		 rc;

	if ((st = about_found(db, "SELECT id, resource, record_id, kind, "
	    "sha256, mime, size, uploaded_by, uploaded_at FROM evidence", fd,
	    nfd, 0, a, e)) == NULL)
		return (NULL);
	out = json_array();
	while ((rc = stmt_step(st, e)) == 1) {
		row = json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:I, s:s}",
		    "id", (json_int_t)stmt_int64(st, 0),
		    "resource", stmt_text(st, 1),
		    "record_id", (json_int_t)stmt_int64(st, 2),
		    "kind", stmt_text(st, 3), "sha256", stmt_text(st, 4),
		    "mime", stmt_text(st, 5),
		    "size", (json_int_t)stmt_int64(st, 6),
		    "uploaded_at", stmt_text(st, 8));
		/* The uploader of a report's evidence may be its reporter. */
		if (withheld_field(stmt_text(st, 1)) == NULL)
			json_object_set_new(row, "uploaded_by", json_integer(
			    (json_int_t)stmt_int64(st, 7)));
		json_array_append_new(out, row);
	}
	stmt_finalize(st);
	if (rc == -1) {
		json_decref(out);
		return (NULL);
	}
	return (out);
}

json_t *
subject_export_child(struct store *db, const struct actor *ac,
    int64_t child_id, struct arena *a, struct err *e)
{
	struct found	*fd;
	json_t		*doc = NULL, *records, *included, *counts, *audit,
			*rows;
	char		 now[32], *s;
	size_t		 i;

	if (ac->deidentify) {
		err_setl(e, ERR_FORBIDDEN, "", "去标识化视图不能导出儿童的全部数据",
		    "a de-identified view cannot export a child's data");
		return (NULL);
	}
	fd = arena_alloc(a, subject_nsources * sizeof(*fd));
	for (i = 0; i < subject_nsources; i++)
		if (find_ids(&subject_sources[i], db, child_id, &fd[i], a,
		    e) == -1)
			return (NULL);
	if (fd[0].n == 0) {
		err_setl(e, ERR_NOTFOUND, "id", "没有编号为 %lld 的儿童",
		    "no child %lld", (long long)child_id);
		return (NULL);
	}
	/* The history as it stood before this export's own reads. */
	if ((audit = audit_entries(db, fd, subject_nsources, a, e)) == NULL)
		return (NULL);
	records = json_object();
	included = json_array();
	counts = json_object();
	for (i = 0; i < subject_nsources; i++) {
		if ((rows = read_rows(&fd[i], db, ac, a, e)) == NULL)
			goto out;
		json_object_set_new(records, fd[i].r->name, rows);
		json_array_append_new(included, json_string(fd[i].r->name));
		json_object_set_new(counts, fd[i].r->name,
		    json_integer((json_int_t)fd[i].n));
	}
	if ((rows = evidence_rows(db, fd, subject_nsources, a, e)) == NULL)
		goto out;
	json_object_set_new(records, "evidence", rows);
	json_array_append_new(included, json_string("evidence"));
	json_object_set_new(counts, "evidence",
	    json_integer((json_int_t)json_array_size(rows)));
	json_array_append_new(included, json_string("audit_log"));
	json_object_set_new(counts, "audit_log",
	    json_integer((json_int_t)json_array_size(audit)));
	s = json_dumps(counts, JSON_COMPACT | JSON_SORT_KEYS);
	if (audit_append_tx(db, ac, "export", "children", child_id,
	    arena_printf(a, "{\"counts\":%s}", s), e) == -1) {
		free(s);
		goto out;
	}
	free(s);
	time_now_rfc3339(now);
	doc = json_pack("{s:s, s:s, s:{s:s, s:I}, s:O, s:O, s:O}",
	    "format", "lbcare.subject-export.v1", "generated_at", now,
	    "subject", "resource", "children", "id", (json_int_t)child_id,
	    "included", included, "records", records, "audit_log", audit);
out:
	json_decref(records);
	json_decref(included);
	json_decref(counts);
	json_decref(audit);
	return (doc);
}
