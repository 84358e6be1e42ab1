/*
 * res_visits.h - home visits (走访, DOMAIN.md §2.2, §10 Visit) as a
 * declared resource, and the follow-ups they leave overdue.
 */
#ifndef LBCARE_RES_VISITS_H
#define LBCARE_RES_VISITS_H

#include <jansson.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"
#include "resource.h"

extern const struct resource res_visits;
extern const struct enum_decl enum_visit_concern;

/*
 * Visits in the actor's scope whose follow_up_due is before today and
 * whose follow_up_done_on is not set, oldest due first, at most limit:
 * {"items":[{"visit_id","child_id","visited_on","follow_up_due",
 * "days_overdue","village_code"}], "count": N} (count: all of them).  The
 * read is audited like a list.  NULL with e set on a store error.
 */
json_t	*visits_overdue(struct store *, const struct actor *, int limit,
	    struct arena *, struct err *);
/* Their number only, for the home page; -1 on error. */
int64_t	 visits_overdue_count(struct store *, const struct actor *,
	    struct arena *, struct err *);

#endif
