/*
 * dedupe.c - duplicate candidates and merges (dedupe.h).  The merge
 * walks resources[] for references to children, so a resource added
 * later is re-pointed too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "audit.h"
#include "dedupe.h"
#include "pinyin.h"
#include "protect.h"

static int
given(const char *s)
{
	return (s != NULL && *s != '\0');
}

/* The fields of a candidate a worker needs to judge it. */
static json_t *
candidate(json_t *rec, const char *match)
{
	static const char *const keep[] = { "id", "name", "sex",
	    "birth_date", "village_code", "school_name", "guardianship_state" };
	json_t	*o = json_object();
	size_t	 i;

	for (i = 0; i < nitems(keep); i++)
		if (json_object_get(rec, keep[i]) != NULL)
			json_object_set(o, keep[i], json_object_get(rec,
			    keep[i]));
	json_object_set_new(o, "match", json_string(match));
	return (o);
}

json_t *
dedupe_candidates(struct store *db, const struct actor *ac, const char *name,
    const char *birth, const char *village, const char *id_number,
    int64_t except_id, struct arena *a, struct err *e)
{
	const struct resource	*rc = resource_find("children");
	struct stmt		*st;
	int64_t			 ids[DEDUPE_MAX];
	int			 byid[DEDUPE_MAX], n = 0, i, rc_;
	const char		*bidx = NULL, *py = NULL;
	json_t			*items, *rec;
	struct err		 ge;

	if (!given(id_number) && !(given(name) && given(birth) &&
	    given(village))) {
		err_setl(e, ERR_INVALID, "id_number",
		    "须给出身份证号，或姓名、出生日期和居住村三项",
		    "give the ID number, or the name, birth date and village");
		return (NULL);
	}
	if (given(birth) && date_valid(birth) == -1) {
		err_setl(e, ERR_INVALID, "birth_date",
		    "出生日期 %s 不是有效日期 (YYYY-MM-DD)",
		    "birth_date %s is not a valid date (YYYY-MM-DD)", birth);
		return (NULL);
	}
	if (given(id_number))
		bidx = protect_index(id_number, "children.id_number", a);
	if (given(name) && given(birth) && given(village))
		py = pinyin_search_key(name, a);
	if ((st = store_prepare(db, "SELECT id, CASE WHEN id_number_bidx = ? "
	    "THEN 1 ELSE 0 END FROM children WHERE merged_into IS NULL AND "
	    "id <> ? AND village_code LIKE ? AND (id_number_bidx = ? OR "
	    "(name_pinyin = ? AND birth_date = ? AND village_code = ?)) "
	    "ORDER BY id LIMIT 20", e)) == NULL)
		return (NULL);
	for (i = 0; i < 2; i++) {
		if (bidx != NULL)
			stmt_bind_text(st, i == 0 ? 1 : 4, bidx);
		else
			stmt_bind_null(st, i == 0 ? 1 : 4);
	}
	stmt_bind_int64(st, 2, except_id);
	stmt_bind_text(st, 3, arena_printf(a, "%s%%", ac->scope != NULL ?
	    ac->scope : ""));
	if (py != NULL) {
		stmt_bind_text(st, 5, py);
		stmt_bind_text(st, 6, birth);
		stmt_bind_text(st, 7, village);
	} else {
		stmt_bind_null(st, 5);
		stmt_bind_null(st, 6);
		stmt_bind_null(st, 7);
	}
	while (n < DEDUPE_MAX && (rc_ = stmt_step(st, e)) == 1) {
		ids[n] = stmt_int64(st, 0);
		byid[n++] = (int)stmt_int64(st, 1);
	}
	stmt_finalize(st);
	if (n < DEDUPE_MAX && rc_ == -1)
		return (NULL);
	items = json_array();
	for (i = 0; i < n; i++) {
		/* Scope and the audited read, as for GET. */
		if ((rec = resource_get(rc, db, ac, ids[i], a, &ge)) == NULL)
			continue;
		json_array_append_new(items, candidate(rec, byid[i] ?
		    "id_number" : "name_birth_village"));
		json_decref(rec);
	}
	return (json_pack("{s:o}", "items", items));
}

static const char *
str(json_t *rec, const char *k)
{
	return (json_string_value(json_object_get(rec, k)));
}

json_t *
dedupe_create_warnings(const struct resource *r, struct store *db,
    const struct actor *ac, json_t *rec, struct arena *a)
{
	json_t		*c, *w, *it;
	struct err	 e;
	size_t		 i;

	if (strcmp(r->name, "children") != 0)
		return (NULL);
	c = dedupe_candidates(db, ac, str(rec, "name"), str(rec, "birth_date"),
	    str(rec, "village_code"), str(rec, "id_number"),
	    json_integer_value(json_object_get(rec, "id")), a, &e);
	if (c == NULL)
		return (NULL);
	w = json_array();
	json_array_foreach(json_object_get(c, "items"), i, it) {
		json_object_set_new(it, "kind", json_string(
		    "possible_duplicate"));
		json_array_append(w, it);
	}
	json_decref(c);
	if (json_array_size(w) == 0) {
		json_decref(w);
		return (NULL);
	}
	return (w);
}

/* Re-point r.f from dup to keep; adds the count to repointed. */
static int
repoint(const struct resource *r, const struct field *f, struct store *db,
    const struct actor *ac, int64_t keep, int64_t dup, const char *now,
    json_t *repointed, struct arena *a, struct err *e)
{
	struct stmt	*st;
	json_t		*ids;
	size_t		 i;
	int		 rc;

	if ((st = store_prepare(db, arena_printf(a, "SELECT id FROM %s WHERE "
	    "%s = ? ORDER BY id", r->name, f->name), e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, dup);
	ids = json_array();
	while ((rc = stmt_step(st, e)) == 1)
		json_array_append_new(ids, json_integer(stmt_int64(st, 0)));
	stmt_finalize(st);
	if (rc == -1 || json_array_size(ids) == 0)
		goto out;
	rc = -1;
	if ((st = store_prepare(db, arena_printf(a, "UPDATE %s SET %s = ?, "
	    "revision = revision + 1, updated_at = ?, updated_by = ? WHERE "
	    "%s = ?", r->name, f->name, f->name), e)) == NULL)
		goto out;
	stmt_bind_int64(st, 1, keep);
	stmt_bind_text(st, 2, now);
	stmt_bind_int64(st, 3, ac->user_id);
	stmt_bind_int64(st, 4, dup);
	rc = stmt_step(st, e);
	stmt_finalize(st);
	if (rc == -1)
		goto out;
	/* Each re-pointed record's own trail says where it went. */
	for (i = 0; i < json_array_size(ids); i++)
		if ((rc = audit_append(db, ac, "merge_repoint", r->name,
		    json_integer_value(json_array_get(ids, i)), arena_printf(a,
		    "{\"field\":\"%s\",\"from\":%lld,\"to\":%lld}", f->name,
		    (long long)dup, (long long)keep), e)) == -1)
			goto out;
	json_object_set_new(repointed, r->name, json_integer(
	    json_integer_value(json_object_get(repointed, r->name)) +
	    (json_int_t)json_array_size(ids)));
	rc = 0;
out:
	json_decref(ids);
	return (rc == -1 ? -1 : 0);
}

/* The stored text of column col of child id (NULL if none); -1 error. */
static int
stored(struct store *db, const char *col, int64_t id, const char **out,
    struct arena *a, struct err *e)
{
	struct stmt	*st;
	int		 rc;

	*out = NULL;
	if ((st = store_prepare(db, arena_printf(a, "SELECT %s FROM children "
	    "WHERE id = ?", col), e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, id);
	if ((rc = stmt_step(st, e)) == 1 && !stmt_isnull(st, 0))
		*out = arena_strdup(a, stmt_text(st, 0));
	stmt_finalize(st);
	return (rc == -1 ? -1 : 0);
}

/* Set column col (and its blind index, if idx) of child id. */
static int
set_stored(struct store *db, const char *col, int idx, int64_t id,
    const char *v, const char *vi, struct arena *a, struct err *e)
{
	struct stmt	*st;
	int		 rc;

	if ((st = store_prepare(db, arena_printf(a, "UPDATE children SET "
	    "revision = revision + 1, %s = ?%s%s%s WHERE id = ?", col, idx ? ", " : "", idx ? col : "",
	    idx ? "_bidx = ?" : ""), e)) == NULL)
		return (-1);
	if (v != NULL)
		stmt_bind_text(st, 1, v);
	else
		stmt_bind_null(st, 1);
	if (idx && vi != NULL)
		stmt_bind_text(st, 2, vi);
	else if (idx)
		stmt_bind_null(st, 2);
	stmt_bind_int64(st, idx ? 3 : 2, id);
	rc = stmt_step(st, e);
	stmt_finalize(st);
	return (rc == -1 ? -1 : 0);
}

/*
 * A unique field (the ID number) the kept record lacks moves over from
 * the duplicate, which gives it up first.  Stored text moves as it is:
 * a sealed value's key binds it to the field, not to the row.
 */
static int
move_unique(const struct resource *rc, struct store *db, int64_t keep,
    int64_t dup, json_t *moved, struct arena *a, struct err *e)
{
	const struct field	*f;
	const char		*kv, *dv, *di = NULL;
	size_t			 i;
	int			 idx;

	for (i = 0; i < rc->nfields; i++) {
		f = &rc->fields[i];
		if (!(f->flags & FF_UNIQUE) || f->flags & FF_READONLY)
			continue;
		idx = f->flags & FF_SENSITIVE && f->type == FT_TEXT;
		if (stored(db, f->name, keep, &kv, a, e) == -1 ||
		    stored(db, f->name, dup, &dv, a, e) == -1 || (idx &&
		    stored(db, arena_printf(a, "%s_bidx", f->name), dup, &di,
		    a, e) == -1))
			return (-1);
		if (kv != NULL || dv == NULL)
			continue;
		if (set_stored(db, f->name, idx, dup, NULL, NULL, a, e) == -1 ||
		    set_stored(db, f->name, idx, keep, dv, di, a, e) == -1)
			return (-1);
		json_array_append_new(moved, json_string(f->name));
	}
	return (0);
}

static int
already_merged(json_t *rec, struct err *e)
{
	json_t	*m = json_object_get(rec, "merged_into");

	if (m == NULL || json_is_null(m))
		return (0);
	err_setl(e, ERR_CONFLICT, "duplicate_id",
	    "记录 %lld 已合并至记录 %lld",
	    "record %lld was already merged into record %lld",
	    (long long)json_integer_value(json_object_get(rec, "id")),
	    (long long)json_integer_value(m));
	return (-1);
}

json_t *
dedupe_merge(struct store *db, const struct actor *ac, int64_t keep,
    int64_t dup, struct arena *a, struct err *e)
{
	const struct resource	*rc = resource_find("children"), *r;
	const struct field	*f;
	struct stmt		*st;
	json_t			*k, *d, *repointed, *moved = NULL, *out;
	char			 now[32], *detail, *s, *m;
	size_t			 i, j;
	int			 ok;

	if (keep == dup) {
		err_setl(e, ERR_INVALID, "duplicate_id",
		    "不能将记录 %lld 合并到其自身",
		    "record %lld cannot be merged into itself", (long long)dup);
		return (NULL);
	}
	/* Both in scope (audited reads; 404 alike), neither merged. */
	if ((k = resource_get(rc, db, ac, keep, a, e)) == NULL)
		return (NULL);
	if ((d = resource_get(rc, db, ac, dup, a, e)) == NULL) {
		snprintf(e->field, sizeof(e->field), "duplicate_id");
		json_decref(k);
		return (NULL);
	}
	ok = already_merged(k, e) == 0 && already_merged(d, e) == 0;
	json_decref(k);
	json_decref(d);
	if (!ok)
		return (NULL);
	err_clear(e);
	time_now_rfc3339(now);
	repointed = json_object();
	if (store_begin(db, e) == -1)
		goto fail;
	for (i = 0; resources[i] != NULL; i++) {
		r = resources[i];
		for (j = 0; j < r->nfields; j++) {
			f = &r->fields[j];
			if (f->type != FT_REF || strcmp(f->ref, "children"))
				continue;
			if (repoint(r, f, db, ac, keep, dup, now, repointed, a,
			    e) == -1)
				goto rollback;
		}
	}
	moved = json_array();
	if (move_unique(rc, db, keep, dup, moved, a, e) == -1 ||
	    (st = store_prepare(db, "UPDATE children SET merged_into = ?, "
	    "revision = revision + 1, updated_at = ?, updated_by = ? WHERE "
	    "id = ? AND merged_into IS NULL", e)) == NULL)
		goto rollback;
	stmt_bind_int64(st, 1, keep);
	stmt_bind_text(st, 2, now);
	stmt_bind_int64(st, 3, ac->user_id);
	stmt_bind_int64(st, 4, dup);
	ok = stmt_step(st, e) != -1 && store_changes(db) == 1;
	stmt_finalize(st);
	if (!ok) {
		if (e->code == ERR_OK)
			err_setl(e, ERR_PRECONDITION, "duplicate_id",
			    "记录 %lld 已被他人修改",
			    "record %lld was changed by someone else",
			    (long long)dup);
		goto rollback;
	}
	s = json_dumps(repointed, JSON_COMPACT | JSON_SORT_KEYS);
	m = json_dumps(moved, JSON_COMPACT);
	detail = arena_printf(a, "{\"duplicate_id\":%lld,\"repointed\":%s,"
	    "\"moved\":%s}", (long long)dup, s, m);
	free(s);
	free(m);
	if (audit_append(db, ac, "merge", "children", keep, detail, e) == -1 ||
	    audit_append(db, ac, "merged", "children", dup, arena_printf(a,
	    "{\"merged_into\":%lld}", (long long)keep), e) == -1 ||
	    store_commit(db, e) == -1)
		goto rollback;
	if ((k = resource_get(rc, db, ac, keep, a, e)) == NULL)
		goto fail;
	out = json_pack("{s:o, s:I, s:o, s:o}", "kept", k, "duplicate_id",
	    (json_int_t)dup, "repointed", repointed, "moved", moved);
	return (out);
rollback:
	store_rollback(db);
fail:
	json_decref(repointed);
	json_decref(moved);
	return (NULL);
}
