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
 * actor's scope, else 0.  Unscoped resources and actors whose scope is
 * "" see every row.  Queries the database only for a reference.
 */
int		 scope_ref_in_scope(const struct resource *, struct store *,
		    const struct actor *, const struct value *vals);
/*
 * The SQL expression that gives a row's region code in a query over r's
 * table (arena-owned): the scope field itself, or a correlated subquery
 * such as "(SELECT children.village_code FROM children WHERE
 * children.id = consents.child_id)"; "NULL" (matching nothing) if it
 * cannot be resolved.  Only for scoped resources.
 */
const char	*scope_ref_column(const struct resource *, struct arena *);

#endif
