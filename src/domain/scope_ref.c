/*
 * scope_ref.c - scope through a reference (scope_ref.h): a consent is in
 * a worker's scope when its child is.  Kept apart from resource.c, which
 * calls scope_ref_in_scope() from in_scope() and scope_ref_column() from
 * list_where(); the declarations say which field scopes them.
 */
#include <string.h>

#include "../core/buf.h"
#include "../core/log.h"
#include "scope_ref.h"

/*
 * Append r's region-code expression to b.  Inside a subquery (qualify)
 * columns carry their table's name so the correlation is unambiguous;
 * seen[] holds the tables already on the path, since a table met twice
 * would make a qualified name ambiguous.  -1 if it cannot be resolved.
 */
static int
scope_expr(const struct resource *r, int qualify,
    const struct resource *seen[SCOPE_REF_DEPTH], int depth, struct buf *b)
{
	const struct resource	*t;
	const struct field	*f;
	int			 k, i;

	if (r->scope_field == NULL || depth == SCOPE_REF_DEPTH ||
	    (k = resource_field_index(r, r->scope_field)) == -1)
		return (-1);
	f = &r->fields[k];
	if (f->type != FT_REF) {
		if (qualify)
			buf_appendf(b, "%s.", r->name);
		buf_puts(b, f->name);
		return (0);
	}
	if ((t = resource_find(f->ref)) == NULL)
		return (-1);
	seen[depth] = r;
	for (i = 0; i <= depth; i++)
		if (seen[i] == t)
			return (-1);
	buf_puts(b, "(SELECT ");
	if (scope_expr(t, 1, seen, depth + 1, b) == -1)
		return (-1);
	buf_appendf(b, " FROM %s WHERE %s.id = %s.%s)", t->name, t->name,
	    r->name, f->name);
	return (0);
}

static int
has_prefix(const char *code, const char *prefix)
{
	return (code != NULL && strncmp(code, prefix, strlen(prefix)) == 0);
}

int
scope_ref_in_scope(const struct resource *r, struct store *db,
    const struct actor *ac, const struct value *vals)
{
	const struct resource	*seen[SCOPE_REF_DEPTH];
	const struct resource	*t;
	const struct field	*f;
	const struct value	*v;
	struct stmt		*st = NULL;
	struct buf		 b;
	struct err		 e;
	int			 k, rc = -1, in = 0;

	if (r->scope_field == NULL || ac->scope == NULL || *ac->scope == '\0')
		return (1);
	if ((k = resource_field_index(r, r->scope_field)) == -1)
		return (0);
	f = &r->fields[k];
	v = &vals[k];
	if (f->type != FT_REF)
		return (has_prefix(v->s, ac->scope));
	if (!v->set || v->isnull || (t = resource_find(f->ref)) == NULL)
		return (0);
	/* The referenced row's region code, by the same rule, recursively. */
	buf_init(&b, 0);
	buf_puts(&b, "SELECT ");
	seen[0] = r;
	if (t != r && scope_expr(t, 1, seen, 1, &b) == 0) {
		buf_appendf(&b, " FROM %s WHERE id = ?", t->name);
		if ((st = store_prepare(db, buf_cstr(&b), &e)) != NULL) {
			stmt_bind_int64(st, 1, v->i);
			if ((rc = stmt_step(st, &e)) == 1)
				in = has_prefix(stmt_text(st, 0), ac->scope);
			stmt_finalize(st);
		}
		if (rc == -1)
			log_warn("scope of %s through %s: %s", r->name, t->name,
			    e.msg_en);
	}
	buf_cleanup(&b);
	return (in);
}

const char *
scope_ref_column(const struct resource *r, struct arena *a)
{
	const struct resource	*seen[SCOPE_REF_DEPTH];
	struct buf		 b;
	const char		*out;

	buf_init(&b, 0);
	out = scope_expr(r, 0, seen, 0, &b) == 0 ?
	    arena_strdup(a, buf_cstr(&b)) : "NULL";
	buf_cleanup(&b);
	return (out);
}
