/*
 * timeline.h - everything that happened with one child, in date order,
 * from a declared table of sources (timeline.c): each names a resource,
 * its child field, the date field that places a row, labels and the
 * fields a line shows.  Another resource joins with one line there.
 */
#ifndef LBCARE_TIMELINE_H
#define LBCARE_TIMELINE_H

#include <jansson.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"
#include "resource.h"

#define TIMELINE_SUMMARY	4
#define TIMELINE_MAX		2000	/* entries per answer */

struct timeline_source {
	const char	*resource;	/* a declared resource */
	const char	*child_field;	/* its REF to children */
	const char	*date_field;	/* a field or created_at; rows without
					   a date are left out */
	const char	*zh;
	const char	*en;
	const char	*summary[TIMELINE_SUMMARY];	/* NULL-ended */
};

/*
 * The child's timeline as the actor may see it: the child must be in
 * scope (else ERR_NOTFOUND, audited as denied); each source is read
 * only if the actor's roles may read its resource, through
 * resource_list() (scope, audit, de-identified views), and the state
 * steps of records with a workflow join it.
 * {"child_id", "items":[{"at","kind":"record"|"step","resource","id",
 *  "zh","en","summary":{...}} | {..."action","from","to"}], "truncated"}
 * oldest first.  NULL with e set.
 */
json_t	*timeline_child(struct store *, const struct actor *,
	    int64_t child_id, struct arena *, struct err *);

#endif
