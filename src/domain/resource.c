/*
 * resource.c - what every declared resource gets from its declaration:
 * validation, storage, list/get/create/update, schema and audit.  SQL is
 * composed from the field list in the subset both backends share.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/lang.h"
#include "../core/util.h"
#include "audit.h"
#include "checks.h"
#include "field_rules.h"
#include "idregion.h"
#include "protect.h"
#include "resource.h"
#include "consent.h"
#include "membership.h"
#include "roles.h"
#include "scope_ref.h"
#include "tx_rules.h"
#include "values.h"
#include "workflow.h"

/* Columns every resource table has before its own fields. */
#define META_COLS	"id, revision, created_at, created_by, updated_at, " \
			"updated_by"
#define NMETA		6

const struct resource *
resource_find(const char *name)
{
	size_t	i;

	for (i = 0; resources[i] != NULL; i++)
		if (strcmp(resources[i]->name, name) == 0)
			return (resources[i]);
	return (NULL);
}

int
resource_field_index(const struct resource *r, const char *name)
{
	size_t	i;

	for (i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].name, name) == 0)
			return ((int)i);
	return (-1);
}

const struct enum_value *
enum_find(const struct enum_decl *d, const char *code)
{
	size_t	i;

	for (i = 0; i < d->nvalues; i++)
		if (strcmp(d->values[i].code, code) == 0)
			return (&d->values[i]);
	return (NULL);
}

/* Characters, not bytes: jansson has already checked the UTF-8. */
static size_t
utf8_len(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return (n);
}

static int
has_control(const char *s, int multiline)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 &&
		    !(multiline && (*s == '\n' || *s == '\t')))
			return (1);
	return (0);
}

static const char *const type_names[] = { "int", "text", "date", "bool",
	"enum", "ref" };

static int
field_type_error(const struct field *f, struct err *e)
{
	static const char *const zh[] = { "整数", "文本", "日期 (YYYY-MM-DD)",
		"true 或 false", "代码 (字符串)", "记录编号 (整数)" };
	static const char *const en[] = { "an integer", "text",
		"a date (YYYY-MM-DD)", "true or false", "a code (string)",
		"a record id (integer)" };

	err_setl(e, ERR_INVALID, f->name, "%s 应为%s", "%s must be %s",
	    f->name, zh[f->type]);
	snprintf(e->msg_en, sizeof(e->msg_en), "%s must be %s", f->name,
	    en[f->type]);
	err_bo_label(e, zh[f->type]);
	return (-1);
}

/* One field's JSON value into v; ERR_INVALID naming the field. */
static int
field_parse(const struct field *f, json_t *j, struct value *v,
    struct arena *a, struct err *e)
{
	const char	*s = NULL;
	size_t		 n;

	memset(v, 0, sizeof(*v));
	v->set = 1;
	if (json_is_null(j)) {
		if (f->flags & FF_REQUIRED) {
			err_setl(e, ERR_INVALID, f->name, "%s 为必填项",
			    "%s is required", f->name);
			return (-1);
		}
		v->isnull = 1;
		return (0);
	}
	switch (f->type) {
	case FT_INT:
	case FT_REF:
		if (!json_is_integer(j))
			return (field_type_error(f, e));
		v->i = json_integer_value(j);
		if (f->type == FT_REF ? v->i < 1 : (v->i < f->min ||
		    v->i > f->max)) {
			err_setl(e, ERR_INVALID, f->name,
			    "%s 应在 %lld 到 %lld 之间",
			    "%s must be from %lld to %lld", f->name,
			    (long long)(f->type == FT_REF ? 1 : f->min),
			    (long long)(f->type == FT_REF ? INT64_MAX : f->max));
			return (-1);
		}
		return (0);
	case FT_BOOL:
		if (!json_is_boolean(j))
			return (field_type_error(f, e));
		v->i = json_is_true(j);
		return (0);
	case FT_TEXT:
	case FT_DATE:
	case FT_ENUM:
		if (!json_is_string(j))
			return (field_type_error(f, e));
		s = json_string_value(j);
		if (strlen(s) != json_string_length(j)) {
			err_setl(e, ERR_INVALID, f->name, "%s 含有空字符",
			    "%s contains a NUL character", f->name);
			return (-1);
		}
		break;
	}
	if (f->type == FT_DATE && date_valid(s) == -1) {
		err_setl(e, ERR_INVALID, f->name,
		    "%s 不是有效日期 (YYYY-MM-DD)",
		    "%s is not a valid date (YYYY-MM-DD)", f->name);
		return (-1);
	}
	if (f->type == FT_ENUM && enum_find(f->enumeration, s) == NULL) {
		err_setl(e, ERR_INVALID, f->name, "%s 不是 %s 的有效代码",
		    "%s is not a valid code for %s", s, f->name);
		return (-1);
	}
	if (f->type == FT_TEXT) {
		n = utf8_len(s);
		if (has_control(s, f->max > 200)) {
			err_setl(e, ERR_INVALID, f->name, "%s 含有控制字符",
			    "%s contains control characters", f->name);
			return (-1);
		}
		if ((int64_t)n < f->min || (int64_t)n > f->max) {
			err_setl(e, ERR_INVALID, f->name,
			    "%s 的长度应为 %lld 到 %lld 个字符",
			    "%s must be %lld to %lld characters long", f->name,
			    (long long)f->min, (long long)f->max);
			return (-1);
		}
		if (f->check != NULL && n > 0 && f->check(s, f->name, e) == -1)
			return (-1);
		if (f->enumeration != NULL && n > 0 &&
		    code_list_check(s, f->enumeration, f->name, e) == -1)
			return (-1);
	}
	v->s = arena_strdup(a, s);
	return (0);
}

int
resource_validate(const struct resource *r, json_t *in,
    const struct value *old, struct value *vals, struct arena *a,
    struct err *e)
{
	const struct field	*f;
	const char		*key;
	json_t			*j;
	size_t			 i;
	int			 k;

	if (!json_is_object(in)) {
		err_setl(e, ERR_INVALID, "", "请求体应为 JSON 对象",
		    "the body must be a JSON object");
		return (-1);
	}
	/* Unknown and server-set keys first: they are never written. */
	json_object_foreach(in, key, j) {
		if ((k = resource_field_index(r, key)) == -1) {
			err_setl(e, ERR_INVALID, key, "未知字段 %s",
			    "unknown field %s", key);
			return (-1);
		}
		if (r->fields[k].flags & FF_READONLY) {
			err_setl(e, ERR_INVALID, key, "%s 由系统生成，不能写入",
			    "%s is set by the server and cannot be written",
			    key);
			return (-1);
		}
	}
	for (i = 0; i < r->nfields; i++) {
		f = &r->fields[i];
		if ((j = json_object_get(in, f->name)) == NULL) {
			if (old != NULL)
				vals[i] = old[i];
			else if (f->flags & FF_REQUIRED &&
			    !(f->flags & FF_READONLY)) {
				err_setl(e, ERR_INVALID, f->name,
				    "%s 为必填项", "%s is required", f->name);
				return (-1);
			} else
				memset(&vals[i], 0, sizeof(vals[i]));
			continue;
		}
		if (field_parse(f, j, &vals[i], a, e) == -1)
			return (-1);
		if (old != NULL && f->flags & FF_IMMUTABLE &&
		    (vals[i].isnull != old[i].isnull || vals[i].i != old[i].i ||
		    (vals[i].s && old[i].s && strcmp(vals[i].s, old[i].s)))) {
			err_setl(e, ERR_INVALID, f->name, "%s 创建后不能修改",
			    "%s cannot change after creation", f->name);
			return (-1);
		}
	}
	if (r->derive != NULL && r->derive(r, vals, old, a, e) == -1)
		return (-1);
	return (0);
}

static void
bind_value(struct stmt *st, int idx, const struct field *f,
    const struct value *v)
{
	if (!v->set || v->isnull)
		stmt_bind_null(st, idx);
	else if (f->type == FT_INT || f->type == FT_BOOL || f->type == FT_REF)
		stmt_bind_int64(st, idx, v->i);
	else
		stmt_bind_text(st, idx, v->s);
}

/* Sensitive text is stored sealed (domain/protect.c). */
static int
is_sealed(const struct field *f)
{
	return (f->flags & FF_SENSITIVE && f->type == FT_TEXT);
}

/* A sealed field that is searched or unique has a blind index beside it. */
static int
is_indexed(const struct field *f)
{
	return (is_sealed(f) && f->flags & (FF_UNIQUE | FF_FILTER));
}

static const char *
aad(const struct resource *r, const struct field *f, struct arena *a)
{
	return (arena_printf(a, "%s.%s", r->name, f->name));
}

/* The written columns: fmt is ", %s" (insert) or ", %s = ?" (update). */
static const char *
bidx_name(const char *field, char out[80])
{
	snprintf(out, 80, "%s_bidx", field);
	return (out);
}

static int
write_columns(const struct resource *r, struct buf *b, const char *fmt)
{
	char	col[80];
	size_t	i;
	int	n = 0;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	for (i = 0; i < r->nfields; i++) {
		buf_appendf(b, fmt, r->fields[i].name);
		n++;
		if (is_indexed(&r->fields[i])) {
			buf_appendf(b, fmt, bidx_name(r->fields[i].name,
			    col));
			n++;
		}
	}
#pragma GCC diagnostic pop
	return (n);
}

/* Bind the written columns from idx on; returns the next index. */
static int
bind_fields(struct stmt *st, int idx, const struct resource *r,
    const struct value *v, struct arena *a)
{
	const struct field	*f;
	struct value		 sv;
	size_t			 i;

	for (i = 0; i < r->nfields; i++) {
		f = &r->fields[i];
		sv = v[i];
		if (is_sealed(f) && sv.set && !sv.isnull)
			sv.s = protect_seal(v[i].s, aad(r, f, a), a);
		bind_value(st, idx++, f, &sv);
		if (!is_indexed(f))
			continue;
		if (!v[i].set || v[i].isnull)
			stmt_bind_null(st, idx++);
		else
			stmt_bind_text(st, idx++, protect_index(v[i].s,
			    aad(r, f, a), a));
	}
	return (idx);
}

/* Read the stored row at the current step into vals (+ meta). */
static int
row_values(const struct resource *r, struct stmt *st, struct value *vals,
    int64_t meta[NMETA], const char *metatext[NMETA], struct arena *a,
    struct err *e)
{
	const struct field	*f;
	size_t			 i;
	int			 c;

	for (c = 0; c < NMETA; c++) {
		meta[c] = stmt_int64(st, c);
		metatext[c] = arena_strdup(a, stmt_text(st, c));
	}
	for (i = 0; i < r->nfields; i++) {
		f = &r->fields[i];
		c = NMETA + (int)i;
		memset(&vals[i], 0, sizeof(vals[i]));
		vals[i].set = 1;
		if (stmt_isnull(st, c))
			vals[i].isnull = 1;
		else if (f->type == FT_INT || f->type == FT_BOOL ||
		    f->type == FT_REF)
			vals[i].i = stmt_int64(st, c);
		else if (is_sealed(f)) {
			if ((vals[i].s = protect_open(stmt_text(st, c),
			    aad(r, f, a), a, e)) == NULL)
				return (-1);
		} else
			vals[i].s = arena_strdup(a, stmt_text(st, c));
	}
	return (0);
}

static int
in_scope(const struct resource *r, struct store *db, const struct actor *ac,
    const struct value *vals)
{
	return (scope_ref_in_scope(r, db, ac, vals, 0));
}

/* A row the actor may write: in scope, in a project they write for. */
static int
in_write_scope(const struct resource *r, struct store *db,
    const struct actor *ac, const struct value *vals)
{
	return (scope_ref_in_scope(r, db, ac, vals, 1));
}

/*
 * Refuse a write outside the actor's scope, naming what is wrong: the
 * region, or the project (a project-bound actor may write only for a
 * project where they hold a role that writes r).
 */
static int
write_refused(const struct resource *r, struct store *db,
    const struct actor *ac, const struct value *v, struct err *e)
{
	int	k;

	if (in_write_scope(r, db, ac, v))
		return (0);
	for (k = 0; k < (int)r->nfields; k++)
		if (r->fields[k].flags & FF_CASELOAD &&
		    scope_ref_caseload_bound(ac) && v[k].i != ac->user_id) {
			err_setl(e, ERR_FORBIDDEN, r->fields[k].name,
			    "社工只能在自己的个案量内记录（%s 应为您本人）",
			    "a social worker records in their own caseload only "
			    "(%s must be you)", r->fields[k].name);
			return (-1);
		}
	k = scope_ref_project_field(r);
	if (ac->project_bound && k != -1 && scope_ref_in_scope(r, db,
	    &(struct actor){ ac->user_id, ac->roles, ac->scope, 0, NULL, 0,
	    NULL, 0 }, v, 1))
		err_setl(e, ERR_FORBIDDEN, "project_id",
		    "您在该项目中没有录入%s的角色",
		    "you hold no role in that project that may write %s",
		    r->zh, r->name);
	else
		err_setl(e, ERR_FORBIDDEN, r->scope_field,
		    "%s 不在您的工作范围内", "%s is outside your scope",
		    r->scope_field);
	return (-1);
}

int
resource_in_scope(const struct resource *r, struct store *db,
    const struct actor *ac, const struct value *vals)
{
	return (in_scope(r, db, ac, vals));
}

int
resource_confidential_visible(const struct actor *ac, const struct value *v)
{
	return (ac->user_id == 0 || (ac->roles & CONFIDENTIAL_ROLES) ||
	    (v->set && !v->isnull && v->i == ac->user_id));
}

/* The stored row as the actor may see it. */
static json_t *
row_json(const struct resource *r, const struct actor *ac,
    const struct value *vals, const int64_t meta[NMETA],
    const char *metatext[NMETA], struct arena *a)
{
	const struct field	*f;
	const struct value	*v;
	json_t			*o;
	size_t			 i;
	char			 key[64];

	o = json_object();
	json_object_set_new(o, "id", json_integer(meta[0]));
	json_object_set_new(o, "revision", json_integer(meta[1]));
	json_object_set_new(o, "created_at", json_string(metatext[2]));
	json_object_set_new(o, "updated_at", json_string(metatext[4]));
	if (ac->deidentify)
		/* Stable per record, keyed: not linkable without the key. */
		json_object_set_new(o, "pseudonym", json_string(arena_printf(a,
		    "P-%.12s", protect_index(arena_printf(a, "%lld",
		    (long long)meta[0]), arena_printf(a, "%s.pseudonym",
		    r->name), a))));
	for (i = 0; i < r->nfields; i++) {
		f = &r->fields[i];
		v = &vals[i];
		/* Withheld, not null: the reader cannot tell it is set. */
		if (f->flags & FF_CONFIDENTIAL &&
		    !resource_confidential_visible(ac, v))
			continue;
		if (ac->deidentify && f->flags & FF_IDENTIFYING) {
			/* A date becomes its year; anything else is withheld. */
			if (f->type == FT_DATE && v->s != NULL &&
			    strlen(f->name) > 5 &&
			    strcmp(f->name + strlen(f->name) - 5, "_date") == 0) {
				snprintf(key, sizeof(key), "%.*s_year",
				    (int)strlen(f->name) - 5, f->name);
				json_object_set_new(o, key,
				    json_integer(atoi(v->s)));
			}
			continue;
		}
		if (v->isnull || !v->set)
			json_object_set_new(o, f->name, json_null());
		else if (f->type == FT_BOOL)
			json_object_set_new(o, f->name, json_boolean(v->i));
		else if (f->type == FT_INT || f->type == FT_REF)
			json_object_set_new(o, f->name, json_integer(v->i));
		else
			json_object_set_new(o, f->name, json_string(v->s));
	}
	return (o);
}

static char *
select_sql(const struct resource *r, struct arena *a, const char *where)
{
	struct buf	b;
	size_t		i;
	char		*sql;

	buf_init(&b, 0);
	buf_puts(&b, "SELECT " META_COLS);
	for (i = 0; i < r->nfields; i++)
		buf_appendf(&b, ", %s", r->fields[i].name);
	buf_appendf(&b, " FROM %s %s", r->name, where);
	sql = arena_strdup(a, buf_cstr(&b));
	buf_cleanup(&b);
	return (sql);
}

static struct stmt *
prepare(struct store *db, const char *sql, struct arena *a, struct err *e)
{
	struct stmt	*st;

	if ((st = store_prepare(db, sql, e)) != NULL)
		arena_defer(a, stmt_finalize_v, st);
	return (st);
}

/* Load one row by id, unchecked for scope. 0 found, -1 error/not found. */
static int
load(const struct resource *r, struct store *db, int64_t id,
    struct value *vals, int64_t meta[NMETA], const char *metatext[NMETA],
    struct arena *a, struct err *e)
{
	struct stmt	*st;
	int		 rc;

	if ((st = prepare(db, select_sql(r, a, "WHERE id = ?"), a, e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, id);
	if ((rc = stmt_step(st, e)) == -1)
		return (-1);
	if (rc == 0) {
		/* The two languages name things in a different order. */
		err_set(e, ERR_NOTFOUND, "id", "no record %lld in %s",
		    (long long)id, r->name);
		snprintf(e->msg_zh, sizeof(e->msg_zh), "%s中没有编号为 %lld 的记录",
		    r->zh, (long long)id);
		err_bo(e, "%s中没有编号为 %lld 的记录", r->zh, (long long)id);
		err_bo_label(e, r->zh);
		return (-1);
	}
	rc = row_values(r, st, vals, meta, metatext, a, e);
	stmt_reset(st);		/* release the read snapshot now */
	return (rc);
}

/* Code references must name an existing row (e.g. a region code). */
static int
check_refs(const struct resource *r, struct store *db, const struct value *v,
    struct arena *a, struct err *e)
{
	const struct field	*f;
	struct stmt		*st;
	size_t			 i;
	int			 rc;

	for (i = 0; i < r->nfields; i++) {
		f = &r->fields[i];
		/* An ID number's region part must be a known division. */
		if (f->check == check_id_number && v[i].set && !v[i].isnull &&
		    idregion_check(db, v[i].s, f->name, a, e) == -1)
			return (-1);
		if (f->ref == NULL || !v[i].set || v[i].isnull)
			continue;
		st = prepare(db, arena_printf(a, "SELECT 1 FROM %s WHERE %s = ?",
		    f->ref, f->type == FT_REF ? "id" : "code"), a, e);
		if (st == NULL)
			return (-1);
		bind_value(st, 1, f, &v[i]);
		rc = stmt_step(st, e);
		stmt_reset(st);
		if (rc == -1)
			return (-1);
		if (rc == 0) {
			err_setl(e, ERR_INVALID, f->name, "%s 引用的记录不存在",
			    "%s does not name an existing record", f->name);
			return (-1);
		}
	}
	return (0);
}

/* Names of the fields that differ between old and new, as JSON text. */
static char *
changed_fields(const struct resource *r, const struct value *old,
    const struct value *nv, struct arena *a)
{
	json_t	*arr;
	char	*s, *out;
	size_t	 i;

	arr = json_array();
	for (i = 0; i < r->nfields; i++) {
		if (old != NULL && old[i].isnull == nv[i].isnull &&
		    old[i].i == nv[i].i && ((old[i].s == NULL) ==
		    (nv[i].s == NULL)) && (old[i].s == NULL ||
		    strcmp(old[i].s, nv[i].s) == 0))
			continue;
		if (old == NULL && (!nv[i].set || nv[i].isnull))
			continue;
		json_array_append_new(arr, json_string(r->fields[i].name));
	}
	s = json_dumps(arr, JSON_COMPACT);
	out = arena_printf(a, "{\"fields\":%s}", s);
	free(s);
	json_decref(arr);
	return (out);
}

static int
out_of_scope(const struct resource *r, const struct actor *ac, int64_t id,
    struct store *db, struct err *e)
{
	struct err	ae;

	/* The refusal is audited; the caller learns only "not found". */
	audit_append_tx(db, ac, "denied", r->name, id, "{}", &ae);
	err_setl(e, ERR_NOTFOUND, "id", "没有编号为 %lld 的记录",
	    "no record %lld", (long long)id);
	return (-1);
}

json_t *
resource_create(const struct resource *r, struct store *db,
    const struct actor *ac, json_t *in, struct arena *a, struct err *e)
{
	struct value	*v;
	struct stmt	*st;
	struct buf	 b;
	char		 now[32];
	int64_t		 id = 0, pid;
	int		 rc = -1, ncols, k;

	v = arena_alloc(a, sizeof(*v) * r->nfields);
	if (resource_validate(r, in, NULL, v, a, e) == -1 ||
	    field_rules_apply(r, ac, NULL, v, a, e) == -1)
		return (NULL);
	for (k = 0; ac->user_id != 0 && k < (int)r->nfields; k++)
		if (r->fields[k].flags & FF_CREATOR && (!v[k].set ||
		    v[k].isnull))
			v[k] = (struct value){ 1, 0, ac->user_id, NULL };
	if (r->workflow != NULL)
		v[resource_field_index(r, r->workflow->field)] =
		    (struct value){ 1, 0, 0, r->workflow->initial };
	/* A member of one project records for it unless told otherwise. */
	if ((k = scope_ref_project_field(r)) != -1 && !v[k].set &&
	    (pid = membership_only(ac, r->write_roles)) != 0)
		v[k] = (struct value){ 1, 0, pid, NULL };
	if (write_refused(r, db, ac, v, e) == -1 ||
	    consent_check_create(r, db, v, e) == -1)
		return (NULL);
	time_now_rfc3339(now);
	buf_init(&b, 0);
	buf_appendf(&b, "INSERT INTO %s (revision, created_at, created_by, "
	    "updated_at, updated_by", r->name);
	ncols = write_columns(r, &b, ", %s");
	buf_puts(&b, ") VALUES (1, ?, ?, ?, ?");
	while (ncols-- > 0)
		buf_puts(&b, ", ?");
	buf_puts(&b, ") RETURNING id");
	if (store_begin(db, e) == -1)
		goto out;
	if (check_refs(r, db, v, a, e) == -1 ||
	    tx_rules_check(r, db, ac, 0, v, a, e) == -1 ||
	    (st = prepare(db, arena_strdup(a, buf_cstr(&b)), a, e)) == NULL)
		goto rollback;
	stmt_bind_text(st, 1, now);
	stmt_bind_int64(st, 2, ac->user_id);
	stmt_bind_text(st, 3, now);
	stmt_bind_int64(st, 4, ac->user_id);
	bind_fields(st, 5, r, v, a);
	if (stmt_step(st, e) != 1)
		goto rollback;
	id = stmt_int64(st, 0);
	stmt_reset(st);
	if (tx_effects_run(r, db, ac, id, NULL, v, a, e) == -1 ||
	    audit_append(db, ac, "create", r->name, id,
	    changed_fields(r, NULL, v, a), e) == -1 || store_commit(db, e) == -1)
		goto rollback;
	rc = 0;
	goto out;
rollback:
	store_rollback(db);
out:
	buf_cleanup(&b);
	if (rc == -1)
		return (NULL);
	{
		struct actor	self = *ac;
		int64_t		meta[NMETA];
		const char	*mt[NMETA];

		self.deidentify = 0;
		if (load(r, db, id, v, meta, mt, a, e) == -1)
			return (NULL);
		return (row_json(r, &self, v, meta, mt, a));
	}
}

json_t *
resource_get(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, struct arena *a, struct err *e)
{
	struct value	*v;
	int64_t		 meta[NMETA];
	const char	*mt[NMETA];

	v = arena_alloc(a, sizeof(*v) * r->nfields);
	if (load(r, db, id, v, meta, mt, a, e) == -1)
		return (NULL);
	if (!in_scope(r, db, ac, v)) {
		out_of_scope(r, ac, id, db, e);
		return (NULL);
	}
	if (r->audit_reads &&
	    audit_append_tx(db, ac, "read", r->name, id, "{}", e) == -1)
		return (NULL);
	return (row_json(r, ac, v, meta, mt, a));
}

json_t *
resource_update(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, int64_t expect_rev, json_t *in,
    struct arena *a, struct err *e)
{
	return (resource_update_ex(r, db, ac, id, expect_rev, in, NULL, a, e));
}

json_t *
resource_update_ex(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, int64_t expect_rev, json_t *in,
    const struct update_hook *hook, struct arena *a, struct err *e)
{
	struct value	*old, *v;
	struct stmt	*st;
	struct buf	 b;
	int64_t		 meta[NMETA];
	const char	*mt[NMETA];
	char		 now[32];
	int		 rc = -1, k;

	old = arena_alloc(a, sizeof(*old) * r->nfields);
	v = arena_alloc(a, sizeof(*v) * r->nfields);
	if (load(r, db, id, old, meta, mt, a, e) == -1)
		return (NULL);
	if (!in_scope(r, db, ac, old)) {
		out_of_scope(r, ac, id, db, e);
		return (NULL);
	}
	if (meta[1] != expect_rev) {
		err_setl(e, ERR_PRECONDITION, "revision",
		    "记录已被修改：您读取的是第 %lld 版，当前为第 %lld 版",
		    "the record changed: you read revision %lld, it is now "
		    "%lld", (long long)expect_rev, (long long)meta[1]);
		return (NULL);
	}
	if (resource_validate(r, in, old, v, a, e) == -1 ||
	    field_rules_apply(r, ac, old, v, a, e) == -1)
		return (NULL);
	if (hook != NULL && hook->adjust != NULL && hook->adjust(hook->ctx, r,
	    db, ac, id, old, v, a, e) == -1)
		return (NULL);
	/* Both as it was and as it will be: no moving a row out of reach. */
	if (write_refused(r, db, ac, old, e) == -1 ||
	    write_refused(r, db, ac, v, e) == -1)
		return (NULL);
	time_now_rfc3339(now);
	buf_init(&b, 0);
	buf_appendf(&b, "UPDATE %s SET revision = revision + 1, "
	    "updated_at = ?, updated_by = ?", r->name);
	write_columns(r, &b, ", %s = ?");
	buf_puts(&b, " WHERE id = ? AND revision = ?");
	if (store_begin(db, e) == -1)
		goto out;
	if (check_refs(r, db, v, a, e) == -1 ||
	    tx_rules_check(r, db, ac, id, v, a, e) == -1 ||
	    (st = prepare(db, arena_strdup(a, buf_cstr(&b)), a, e)) == NULL)
		goto rollback;
	stmt_bind_text(st, 1, now);
	stmt_bind_int64(st, 2, ac->user_id);
	k = bind_fields(st, 3, r, v, a);
	stmt_bind_int64(st, k, id);
	stmt_bind_int64(st, k + 1, expect_rev);
	if (stmt_step(st, e) == -1)
		goto rollback;
	if (store_changes(db) != 1) {
		/* Another writer got there between our read and write. */
		err_setl(e, ERR_PRECONDITION, "revision", "记录已被他人修改",
		    "the record was changed by someone else");
		goto rollback;
	}
	if (tx_effects_run(r, db, ac, id, old, v, a, e) == -1 ||
	    (hook != NULL && hook->in_tx != NULL && hook->in_tx(hook->ctx, r,
	    db, ac, id, old, v, a, e) == -1) ||
	    audit_append(db, ac, hook != NULL && hook->audit_action != NULL ?
	    hook->audit_action : "update", r->name, id,
	    changed_fields(r, old, v, a), e) == -1 || store_commit(db, e) == -1)
		goto rollback;
	rc = 0;
	goto out;
rollback:
	store_rollback(db);
out:
	buf_cleanup(&b);
	if (rc == -1 || load(r, db, id, v, meta, mt, a, e) == -1)
		return (NULL);
	return (row_json(r, ac, v, meta, mt, a));
}

/* Escape LIKE's wildcards so user text matches literally. */
static char *
like_escape(struct arena *a, const char *s, int contains)
{
	char	*out, *p;

	out = p = arena_alloc(a, strlen(s) * 2 + 3);
	if (contains)
		*p++ = '%';
	for (; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*p++ = '\\';
		*p++ = *s;
	}
	*p++ = '%';
	*p = '\0';
	return (out);
}

/*
 * q for a field stored lowercase (FF_LOWER): ASCII letters lowered, since
 * LIKE ignores their case on SQLite but not on PostgreSQL.
 */
static const char *
search_text(const struct field *f, const char *q, struct arena *a)
{
	char	*s, *p;

	if (!(f->flags & FF_LOWER))
		return (q);
	s = arena_strdup(a, q);
	for (p = s; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return (s);
}

/* A parameter of a composed query: text, or an integer if is_int. */
struct bindv {
	int		 is_int;
	int64_t		 i;
	const char	*s;
};

static struct bindv
filter_bind(const struct field *f, const char *value, struct arena *a)
{
	struct bindv	bv = { 0, 0, NULL };

	if (f->type == FT_BOOL) {
		bv.is_int = 1;
		bv.i = strcmp(value, "true") == 0;
	} else if (f->type == FT_INT || f->type == FT_REF) {
		bv.is_int = 1;
		parse_int64(value, &bv.i);	/* checked by the API layer */
	} else
		bv.s = f->flags & FF_PREFIX ? like_escape(a, value, 0) : value;
	return (bv);
}

int
resource_sortable(const struct resource *r, int k, const struct actor *ac)
{
	const struct field	*f = &r->fields[k];

	return (!is_sealed(f) && !(ac->deidentify &&
	    f->flags & FF_IDENTIFYING));
}

/*
 * ORDER BY for a list.  Empty values go last either way; text compares
 * by code point on both stores (PostgreSQL's default collation would
 * not), and a name with a pinyin companion sorts by its pinyin, as
 * people look Chinese names up.  The id breaks ties, so pages are stable.
 */
static void
list_order(struct buf *w, const struct resource *r,
    const struct list_query *lq, enum store_kind kind)
{
	const struct field	*f;
	const char		*col, *dir = lq->sort_desc ? " DESC" : "";
	char			 py[64];

	if ((f = lq->sort) == NULL) {
		buf_appendf(w, " ORDER BY id LIMIT %d", lq->limit + 1);
		return;
	}
	snprintf(py, sizeof(py), "%s_pinyin", f->name);
	col = f->type == FT_TEXT && resource_field_index(r, py) != -1 ? py :
	    f->name;
	buf_appendf(w, " ORDER BY CASE WHEN %s IS NULL THEN 1 ELSE 0 END, %s%s%s,"
	    " id%s LIMIT %d OFFSET %lld", col, col,
	    f->type == FT_TEXT || f->type == FT_ENUM || f->type == FT_DATE ?
	    (kind == STORE_PG ? " COLLATE \"C\"" : " COLLATE BINARY") : "",
	    dir, dir, lq->limit + 1, (long long)lq->after);
}

/* The WHERE clause of a list, and its parameters after the cursor. */
static char *
list_where(const struct resource *r, const struct actor *ac,
    const struct list_query *lq, enum store_kind kind, struct bindv *bv,
    size_t *nbv, struct arena *a)
{
	const struct field	*f;
	const char		*pc;
	struct buf		 w;
	size_t			 i, nb = 0;
	int			 sq = 0, k;
	char			*sql;

	buf_init(&w, 0);
	/* A sorted list pages by offset: the cursor is not an id then. */
	buf_puts(&w, lq->sort == NULL ? "WHERE id > ?" : "WHERE ? >= 0");
	if (r->scope_field != NULL && ac->scope != NULL && *ac->scope) {
		buf_appendf(&w, " AND %s LIKE ? ESCAPE '\\'",
		    scope_ref_column(r, a));
		bv[nb++] = (struct bindv){ 0, 0, like_escape(a, ac->scope, 0) };
	}
	if ((pc = scope_ref_project_clause(r, ac, a)) != NULL)
		buf_appendf(&w, " AND %s", pc);
	if ((pc = scope_ref_caseload_clause(r, ac, a)) != NULL)
		buf_appendf(&w, " AND %s", pc);
	for (i = 0; i < lq->nfilters; i++) {
		f = &r->fields[lq->filters[i].field];
		if (is_indexed(f)) {
			/* Sealed: match the blind index, never the text. */
			buf_appendf(&w, " AND %s_bidx = ?", f->name);
			bv[nb++] = (struct bindv){ 0, 0, protect_index(
			    lq->filters[i].value, aad(r, f, a), a) };
			continue;
		}
		buf_appendf(&w, f->flags & FF_PREFIX ?
		    " AND %s LIKE ? ESCAPE '\\'" : " AND %s = ?", f->name);
		bv[nb++] = filter_bind(f, lq->filters[i].value, a);
	}
	/* A record merged into another is listed only when asked for. */
	if ((k = resource_field_index(r, "merged_into")) != -1) {
		for (i = 0; i < lq->nfilters && lq->filters[i].field != k; i++)
			;
		if (i == lq->nfilters)
			buf_puts(&w, " AND merged_into IS NULL");
	}
	if (lq->q != NULL && *lq->q != '\0') {
		buf_puts(&w, " AND (");
		for (i = 0; i < r->nfields && nb < 16; i++) {
			if (!(r->fields[i].flags & FF_SEARCH) ||
			    (ac->deidentify &&
			    r->fields[i].flags & FF_IDENTIFYING))
				continue;
			buf_appendf(&w, "%s%s LIKE ? ESCAPE '\\'",
			    sq++ ? " OR " : "", r->fields[i].name);
			bv[nb++] = (struct bindv){ 0, 0, like_escape(a,
			    search_text(&r->fields[i], lq->q, a), 1) };
		}
		buf_puts(&w, sq ? ")" : "1 = 0)");
	}
	list_order(&w, r, lq, kind);
	sql = select_sql(r, a, buf_cstr(&w));
	buf_cleanup(&w);
	*nbv = nb;
	return (sql);
}

json_t *
resource_list(const struct resource *r, struct store *db,
    const struct actor *ac, const struct list_query *lq, struct arena *a,
    struct err *e)
{
	struct stmt	*st;
	struct value	*v;
	struct bindv	 bv[16];
	json_t		*items, *ids, *out = NULL;
	int64_t		 meta[NMETA], last = 0;
	const char	*mt[NMETA];
	size_t		 i, nb;
	int		 n = 0, rc, more = 0;
	char		*s, *detail;

	st = prepare(db, list_where(r, ac, lq, store_kind(db), bv, &nb, a), a,
	    e);
	if (st == NULL)
		return (NULL);
	stmt_bind_int64(st, 1, lq->after);
	for (i = 0; i < nb; i++) {
		if (bv[i].is_int)
			stmt_bind_int64(st, 2 + (int)i, bv[i].i);
		else
			stmt_bind_text(st, 2 + (int)i, bv[i].s);
	}
	items = json_array();
	ids = json_array();
	v = arena_alloc(a, sizeof(*v) * r->nfields);
	while ((rc = stmt_step(st, e)) == 1) {
		if (n == lq->limit) {
			more = 1;
			break;
		}
		if ((rc = row_values(r, st, v, meta, mt, a, e)) == -1)
			break;
		last = meta[0];
		json_array_append_new(items, row_json(r, ac, v, meta, mt, a));
		json_array_append_new(ids, json_integer(meta[0]));
		n++;
	}
	stmt_reset(st);
	if (rc == -1)
		goto out;
	if (r->audit_reads && n > 0) {
		s = json_dumps(ids, JSON_COMPACT);
		detail = arena_printf(a, "{\"ids\":%s}", s);
		free(s);
		if (audit_append_tx(db, ac, "list", r->name, 0, detail, e))
			goto out;
	}
	out = json_object();
	json_object_set(out, "items", items);
	if (lq->sort != NULL)
		last = lq->after + n;	/* rows seen, for the next page */
	json_object_set_new(out, "next_cursor", more ?
	    json_string(arena_printf(a, "%lld", (long long)last)) :
	    json_null());
out:
	json_decref(items);
	json_decref(ids);
	return (out);
}

/* Re-seal one field's stale values; returns how many, or -1. */
static int
reseal_field(const struct resource *r, const struct field *f,
    struct store *db, int batch, struct arena *a, struct err *e)
{
	struct stmt	*sel, *upd;
	const char	*ad = aad(r, f, a), *old;
	char		*plain, *cur;
	int		 n = 0, rc;

	cur = arena_printf(a, "v1:%d:%%", protect_current_key());
	sel = prepare(db, arena_printf(a, "SELECT id, %s FROM %s WHERE %s "
	    "IS NOT NULL AND %s NOT LIKE ? ORDER BY id LIMIT %d", f->name,
	    r->name, f->name, f->name, batch), a, e);
	upd = prepare(db, arena_printf(a, "UPDATE %s SET %s = ? WHERE id = ? "
	    "AND %s = ?", r->name, f->name, f->name), a, e);
	if (sel == NULL || upd == NULL)
		return (-1);
	stmt_bind_text(sel, 1, cur);
	while ((rc = stmt_step(sel, e)) == 1) {
		old = arena_strdup(a, stmt_text(sel, 1));
		if ((plain = protect_open(old, ad, a, e)) == NULL)
			return (-1);
		/* Compare-and-swap: a concurrent edit wins, and is sealed anew. */
		stmt_bind_text(upd, 1, protect_seal(plain, ad, a));
		stmt_bind_int64(upd, 2, stmt_int64(sel, 0));
		stmt_bind_text(upd, 3, old);
		if (stmt_step(upd, e) == -1)
			return (-1);
		n += (int)store_changes(db);
		stmt_reset(upd);
	}
	stmt_reset(sel);
	return (rc == -1 ? -1 : n);
}

int
resource_reseal(const struct resource *r, struct store *db, int batch,
    struct arena *a, struct err *e)
{
	struct actor	sys = { 0, 0, "", 0, NULL };
	size_t		i;
	int		n = 0, k;

	if (store_begin(db, e) == -1)
		return (-1);
	for (i = 0; i < r->nfields; i++) {
		if (!is_sealed(&r->fields[i]))
			continue;
		if ((k = reseal_field(r, &r->fields[i], db, batch, a, e)) == -1)
			goto fail;
		n += k;
	}
	if ((n > 0 && audit_append(db, &sys, "reseal", r->name, 0,
	    arena_printf(a, "{\"count\":%d,\"key\":%d}", n,
	    protect_current_key()), e) == -1) || store_commit(db, e) == -1)
		goto fail;
	return (n);
fail:
	store_rollback(db);
	return (-1);
}

json_t *
resource_seal_status(const struct resource *r, struct store *db,
    struct arena *a, struct err *e)
{
	const struct field	*f;
	struct stmt		*st;
	json_t			*out, *keys;
	size_t			 i;
	int			 rc;

	out = json_object();
	for (i = 0; i < r->nfields; i++) {
		f = &r->fields[i];
		if (!is_sealed(f))
			continue;
		if ((st = prepare(db, arena_printf(a, "SELECT %s FROM %s WHERE "
		    "%s IS NOT NULL", f->name, r->name, f->name), a, e)) ==
		    NULL) {
			json_decref(out);
			return (NULL);
		}
		keys = json_object();
		while ((rc = stmt_step(st, e)) == 1) {
			const char *k = arena_printf(a, "%d",
			    protect_key_id(stmt_text(st, 0)));
			json_object_set_new(keys, k, json_integer(
			    json_integer_value(json_object_get(keys, k)) + 1));
		}
		stmt_reset(st);
		json_object_set_new(out, f->name, keys);
		if (rc == -1) {
			json_decref(out);
			return (NULL);
		}
	}
	return (out);
}

json_t *
enum_value_json(const struct enum_value *v)
{
	json_t	*o = json_pack("{s:s}", "code", v->code);

	lang_put(o, v->zh, v->en);
	return (o);
}

json_t *
resource_schema(const struct resource *r)
{
	const struct field	*f;
	json_t			*o, *fields, *jf, *vals;
	size_t			 i, k;

	fields = json_array();
	for (i = 0; i < r->nfields; i++) {
		f = &r->fields[i];
		jf = json_pack("{s:s, s:s, s:b, s:b, s:b, s:b}",
		    "name", f->name, "type", type_names[f->type],
		    "required", (f->flags & FF_REQUIRED) != 0,
		    "readonly", (f->flags & FF_READONLY) != 0,
		    "sensitive", (f->flags & FF_SENSITIVE) != 0,
		    "immutable", (f->flags & FF_IMMUTABLE) != 0);
		lang_put(jf, f->zh, f->en);
		if (f->flags & FF_CONFIDENTIAL)
			json_object_set_new(jf, "confidential", json_true());
		if (f->type == FT_INT || f->type == FT_TEXT) {
			json_object_set_new(jf, "min", json_integer(f->min));
			json_object_set_new(jf, "max", json_integer(f->max));
		}
		if (f->ref != NULL)
			json_object_set_new(jf, "ref", json_string(f->ref));
		if (f->enumeration != NULL) {
			/* An enum, or a text field listing its codes. */
			if (f->type == FT_TEXT)
				json_object_set_new(jf, "multiple", json_true());
			vals = json_array();
			for (k = 0; k < f->enumeration->nvalues; k++)
				json_array_append_new(vals, enum_value_json(
				    &f->enumeration->values[k]));
			json_object_set_new(jf, "values", vals);
		}
		if (f->flags & (FF_FILTER | FF_PREFIX))
			json_object_set_new(jf, "filter", json_string(
			    f->flags & FF_PREFIX ? "prefix" : "equal"));
		json_array_append_new(fields, jf);
	}
	o = json_pack("{s:s, s:o}", "name", r->name, "fields", fields);
	lang_put(o, r->zh, r->en);
	if (r->workflow != NULL)
		json_object_set_new(o, "workflow",
		    workflow_schema(r->workflow));
	return (o);
}

int
resource_validate_field(const struct resource *r, int k, json_t *j,
    struct value *v, struct arena *a, struct err *e)
{
	return (field_parse(&r->fields[k], j, v, a, e));
}

int
resource_load(const struct resource *r, struct store *db, int64_t id,
    struct value *vals, int64_t *revision, struct arena *a, struct err *e)
{
	int64_t		meta[NMETA];
	const char	*mt[NMETA];

	if (load(r, db, id, vals, meta, mt, a, e) == -1)
		return (-1);
	*revision = meta[1];
	return (0);
}
