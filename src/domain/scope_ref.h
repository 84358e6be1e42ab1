/*
 * scope_ref.h - scope through a reference.  A resource's scope_field is
 * either a region-code field (children.village_code: the row is in an
 * actor's scope when the code starts with the actor's prefix) or an
 * FT_REF field (consents.child_id): then the referenced row's scope
 * decides, following references up to SCOPE_REF_DEPTH levels.
 *
 * resource.c calls these two where it checks scope, so the rule holds
 * for get, create, update and list alike.  Anything that cannot be
 * resolved (an unknown target, an unscoped target, a cycle, a database
 * error) is out of scope: the check fails closed.
 */
#ifndef LBCARE_SCOPE_REF_H
#define LBCARE_SCOPE_REF_H

#include "../core/arena.h"
#include "../store/store.h"
#include "resource.h"

#define SCOPE_REF_DEPTH	4

/*
 * 1 if the row vals (indexed like r->fields) of resource r is in the
 * actor's scope, else 0: its region under the actor's region prefix, and
 * for a project-bound actor, its project one where the actor holds a
 * role that may read (or, with write, write) r.  A row belongs to the
 * project its project_id names, or its scope reference's row does.
 * Unscoped resources and actors whose scope is "" see every region.
 * Queries the database only for a reference.
 */
int		 scope_ref_in_scope(const struct resource *, struct store *,
		    const struct actor *, const struct value *vals,
		    int write);
/*
 * The SQL expression that gives a row's region code in a query over r's
 * table (arena-owned): the scope field itself, or a correlated subquery
 * such as "(SELECT children.village_code FROM children WHERE
 * children.id = consents.child_id)"; "NULL" (matching nothing) if it
 * cannot be resolved.  Only for scoped resources.
 */
const char	*scope_ref_column(const struct resource *, struct arena *);

/* The field that names r's project (a project_id REF), or -1. */
int		 scope_ref_project_field(const struct resource *);

/*
 * For a project-bound actor, the SQL condition that keeps a list of r to
 * the projects the actor may read ("children.project_id IN (3, 7)", or
 * "1 = 0" when none); NULL when no project condition applies.
 */
const char	*scope_ref_project_clause(const struct resource *,
		    const struct actor *, struct arena *);

/*
 * A social worker who is not also a supervisor, lead or administrator:
 * bound to their own caseload (FF_CASELOAD rows and what hangs off them).
 */
int		 scope_ref_caseload_bound(const struct actor *);
/* For such a worker, the SQL condition that keeps a list of r to their
 * caseload; NULL when none applies. */
const char	*scope_ref_caseload_clause(const struct resource *,
		    const struct actor *, struct arena *);

#endif
