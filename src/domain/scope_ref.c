/*
 * scope_ref.c - scope through a reference (scope_ref.h): a consent is in
 * a worker's scope when its child is.  Kept apart from resource.c, which
 * calls scope_ref_in_scope() from in_scope() and scope_ref_column() from
 * list_where(); the declarations say which field scopes them.
 */
#include <string.h>

#include "../core/buf.h"
#include "../core/log.h"
#include "membership.h"
#include "roles.h"
#include "scope_ref.h"

static int
project_index(const struct resource *r)
{
	return (scope_ref_project_field(r));
}

int
scope_ref_project_field(const struct resource *r)
{
	int	k = resource_field_index(r, "project_id");

	return (k != -1 && r->fields[k].type == FT_REF &&
	    strcmp(r->fields[k].ref, "projects") == 0 ? k : -1);
}

/*
 * Append r's region-code expression (what = SCOPE_REGION) or project-id
 * expression (SCOPE_PROJECT) to b.  Inside a subquery (qualify) columns
 * carry their table's name so the correlation is unambiguous; seen[]
 * holds the tables already on the path, since a table met twice would
 * make a qualified name ambiguous.  -1 if it cannot be resolved; for a
 * project, NO_PROJECT if r's rows belong to no project at all.
 */
enum { SCOPE_REGION, SCOPE_PROJECT, SCOPE_CASELOAD };

/* The FF_CASELOAD field of r, or -1. */
static int
caseload_index(const struct resource *r)
{
	size_t	i;

	for (i = 0; i < r->nfields; i++)
		if (r->fields[i].flags & FF_CASELOAD)
			return ((int)i);
	return (-1);
}

/* The field that gives what directly on r, or -1 (follow the scope). */
static int
direct_index(const struct resource *r, int what)
{
	return (what == SCOPE_PROJECT ? project_index(r) :
	    what == SCOPE_CASELOAD ? caseload_index(r) : -1);
}
#define NO_PROJECT	(-2)

static int
scope_expr(const struct resource *r, int what, int qualify,
    const struct resource *seen[SCOPE_REF_DEPTH], int depth, struct buf *b)
{
	const struct resource	*t;
	const struct field	*f;
	int			 k, i, rc;

	if ((k = direct_index(r, what)) != -1) {
		buf_appendf(b, "%s%s%s", qualify ? r->name : "",
		    qualify ? "." : "", r->fields[k].name);
		return (0);
	}
	if (r->scope_field == NULL)
		return (what != SCOPE_REGION ? NO_PROJECT : -1);
	if (depth == SCOPE_REF_DEPTH ||
	    (k = resource_field_index(r, r->scope_field)) == -1)
		return (-1);
	f = &r->fields[k];
	if (f->type != FT_REF) {
		if (what != SCOPE_REGION)
			return (NO_PROJECT);
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
	if ((rc = scope_expr(t, what, 1, seen, depth + 1, b)) != 0)
		return (rc);
	buf_appendf(b, " FROM %s WHERE %s.id = %s.%s)", t->name, t->name,
	    r->name, f->name);
	return (0);
}

static int
has_prefix(const char *code, const char *prefix)
{
	return (code != NULL && strncmp(code, prefix, strlen(prefix)) == 0);
}

/*
 * The value of what for the row that field k of r references: its
 * region code (into *code, arena-owned) or its project id (*pid, 0 for
 * none).  -1 if it cannot be read.
 */
static int
through_ref(const struct resource *r, int k, int64_t ref_id, int what,
    const char **code, int64_t *pid, struct store *db, struct arena *a)
{
	const struct resource	*seen[SCOPE_REF_DEPTH];
	const struct resource	*t = resource_find(r->fields[k].ref);
	struct stmt		*st = NULL;
	struct buf		 b;
	struct err		 e;
	int			 rc = -1;

	if (t == NULL || t == r)
		return (-1);
	buf_init(&b, 0);
	buf_puts(&b, "SELECT ");
	seen[0] = r;
	if (scope_expr(t, what, 1, seen, 1, &b) == 0) {
		buf_appendf(&b, " FROM %s WHERE id = ?", t->name);
		if ((st = store_prepare(db, buf_cstr(&b), &e)) != NULL) {
			stmt_bind_int64(st, 1, ref_id);
			if ((rc = stmt_step(st, &e)) == 1) {
				*code = stmt_text(st, 0) != NULL ?
				    arena_strdup(a, stmt_text(st, 0)) : NULL;
				*pid = stmt_isnull(st, 0) ? 0 :
				    stmt_int64(st, 0);
			}
			stmt_finalize(st);
		}
		if (rc == -1)
			log_warn("scope of %s through %s: %s", r->name,
			    t->name, e.msg_en);
	}
	buf_cleanup(&b);
	return (rc == 1 ? 0 : -1);
}

static int
region_in_scope(const struct resource *r, struct store *db,
    const struct actor *ac, const struct value *vals, struct arena *a)
{
	const char	*code = NULL;
	int64_t		 pid;
	int		 k;

	if (r->scope_field == NULL || ac->scope == NULL || *ac->scope == '\0')
		return (1);
	if ((k = resource_field_index(r, r->scope_field)) == -1)
		return (0);
	if (r->fields[k].type != FT_REF)
		return (has_prefix(vals[k].s, ac->scope));
	if (!vals[k].set || vals[k].isnull)
		return (0);
	/* The referenced row's region code, by the same rule, recursively. */
	return (through_ref(r, k, vals[k].i, SCOPE_REGION, &code, &pid, db,
	    a) == 0 && has_prefix(code, ac->scope));
}

/*
 * The row's project id or caseload owner (what), into *id (0: none).
 * 1 if found, NO_PROJECT if r has no such dimension, 0 if unresolved.
 */
static int
row_owner(const struct resource *r, int what, struct store *db,
    const struct value *vals, int64_t *id, struct arena *a)
{
	const struct resource	*seen[SCOPE_REF_DEPTH];
	const char		*code;
	struct buf		 b;
	int			 k, rc;

	*id = 0;
	buf_init(&b, 0);
	rc = scope_expr(r, what, 0, seen, 0, &b);
	buf_cleanup(&b);
	if (rc != 0)
		return (rc == NO_PROJECT ? NO_PROJECT : 0);
	if ((k = direct_index(r, what)) != -1) {
		*id = vals[k].set && !vals[k].isnull ? vals[k].i : 0;
		return (1);
	}
	k = resource_field_index(r, r->scope_field);
	if (!vals[k].set || vals[k].isnull || through_ref(r, k, vals[k].i,
	    what, &code, id, db, a) == -1)
		return (0);
	return (1);
}

/* Whether the row's project admits one of roles to a project-bound actor. */
static int
project_in_scope(const struct resource *r, struct store *db,
    const struct actor *ac, const struct value *vals, unsigned roles,
    struct arena *a)
{
	int64_t	pid;
	int	rc;

	if (!ac->project_bound)
		return (1);
	if ((rc = row_owner(r, SCOPE_PROJECT, db, vals, &pid, a)) ==
	    NO_PROJECT)
		return (1);
	return (rc == 1 && pid != 0 &&
	    (membership_roles(ac, pid) & roles) != 0);
}

int
scope_ref_caseload_bound(const struct actor *ac)
{
	return (ac->user_id != 0 && (ac->roles & ROLE_WORKER) &&
	    !(ac->roles & (ROLE_SUPERVISOR | ROLE_LEAD | ROLE_ADMIN)));
}

/* A worker's own caseload only (FF_CASELOAD). */
static int
caseload_in_scope(const struct resource *r, struct store *db,
    const struct actor *ac, const struct value *vals, struct arena *a)
{
	int64_t	owner;
	int	rc;

	if (!scope_ref_caseload_bound(ac))
		return (1);
	if ((rc = row_owner(r, SCOPE_CASELOAD, db, vals, &owner, a)) ==
	    NO_PROJECT)
		return (1);
	return (rc == 1 && owner == ac->user_id);
}

int
scope_ref_in_scope(const struct resource *r, struct store *db,
    const struct actor *ac, const struct value *vals, int write)
{
	struct arena	*a = arena_new();
	int		 in;

	in = region_in_scope(r, db, ac, vals, a) && project_in_scope(r, db,
	    ac, vals, write ? r->write_roles : r->read_roles, a) &&
	    caseload_in_scope(r, db, ac, vals, a);
	arena_free(a);
	return (in);
}

const char *
scope_ref_column(const struct resource *r, struct arena *a)
{
	const struct resource	*seen[SCOPE_REF_DEPTH];
	struct buf		 b;
	const char		*out;

	buf_init(&b, 0);
	out = scope_expr(r, SCOPE_REGION, 0, seen, 0, &b) == 0 ?
	    arena_strdup(a, buf_cstr(&b)) : "NULL";
	buf_cleanup(&b);
	return (out);
}

const char *
scope_ref_project_clause(const struct resource *r, const struct actor *ac,
    struct arena *a)
{
	const struct resource	*seen[SCOPE_REF_DEPTH];
	const char		*list, *out;
	struct buf		 b;
	int			 rc;

	if (!ac->project_bound)
		return (NULL);
	buf_init(&b, 0);
	rc = scope_expr(r, SCOPE_PROJECT, 0, seen, 0, &b);
	list = membership_sql_list(ac, r->read_roles, a);
	out = rc == NO_PROJECT ? NULL : rc == -1 || list == NULL ? "1 = 0" :
	    arena_printf(a, "%s IN (%s)", buf_cstr(&b), list);
	buf_cleanup(&b);
	return (out);
}

const char *
scope_ref_caseload_clause(const struct resource *r, const struct actor *ac,
    struct arena *a)
{
	const struct resource	*seen[SCOPE_REF_DEPTH];
	const char		*out;
	struct buf		 b;
	int			 rc;

	if (!scope_ref_caseload_bound(ac))
		return (NULL);
	buf_init(&b, 0);
	rc = scope_expr(r, SCOPE_CASELOAD, 0, seen, 0, &b);
	out = rc == NO_PROJECT ? NULL : rc == -1 ? "1 = 0" :
	    arena_printf(a, "%s = %lld", buf_cstr(&b), (long long)ac->user_id);
	buf_cleanup(&b);
	return (out);
}
