/*
 * membership.h - a person's current roles in projects, read once per
 * request with the session, so every row check can ask "which projects
 * may this person read or write, in which role".
 */
#ifndef LBCARE_MEMBERSHIP_H
#define LBCARE_MEMBERSHIP_H

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"
#include "resource.h"

/*
 * The memberships of user current on today (YYYY-MM-DD), one entry a
 * project with its roles OR-ed, into *out (arena-owned).  *bound is 1
 * when the user has any membership row at all, current or not.
 */
int	membership_load(struct store *, int64_t user_id, const char *today,
	    const struct project_role **out, size_t *n, int *bound,
	    struct arena *, struct err *);

/* The roles the actor holds in project_id (0 for none). */
unsigned membership_roles(const struct actor *, int64_t project_id);

/* The one project where the actor holds one of roles; 0 if none or many. */
int64_t	 membership_only(const struct actor *, unsigned roles);

/*
 * The projects in which the actor holds one of roles, as an SQL list
 * "1, 4, 9" (arena-owned), or NULL when there are none.
 */
const char *membership_sql_list(const struct actor *, unsigned roles,
	    struct arena *);

#endif
