/*
 * subject_export.h - everything held on one child, as one JSON document,
 * for a guardian who asks what is kept (PIPL Arts. 45 and 31).  Which
 * resources hold a child's rows is a table in subject_export.c: a new
 * module adds one line, {its resource, the SQL that finds its rows}.
 */
#ifndef LBCARE_SUBJECT_EXPORT_H
#define LBCARE_SUBJECT_EXPORT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"
#include "resource.h"

struct subject_source {
	const char	*resource;	/* a declared resource */
	/* Ids of its rows about the child bound to the one '?', in order. */
	const char	*sql;
};

extern const struct subject_source	subject_sources[];
extern const size_t			subject_nsources;

/*
 * The document (a new reference the caller owns):
 *
 *	{"format": "lbcare.subject-export.v1", "generated_at": "…",
 *	 "subject": {"resource": "children", "id": N},
 *	 "included": ["children", "consents", …, "audit_log"],
 *	 "records": {"children": [{…}], "consents": [{…}, …], …},
 *	 "audit_log": [{"id", "at", "user_id", "action", "resource",
 *	     "record_id", "detail"}, …]}
 *
 * Records are read as the actor may see them (resource_get: scope, and
 * each read audited where declared); audit_log holds every entry about
 * an exported record, as it stood before the export; the export itself
 * is then audited as "export" on the child.  A de-identified actor is
 * ERR_FORBIDDEN; no child (or none in scope) is ERR_NOTFOUND.
 */
json_t	*subject_export_child(struct store *, const struct actor *,
	    int64_t child_id, struct arena *, struct err *);

#endif
