/*
 * audit.h - the append-only, hash-chained audit log (DESIGN.md §5).
 *
 * Each entry's hash is SHA-256 over the previous entry's hash and the
 * entry's own columns, so editing or deleting any row breaks the chain at
 * that row, and audit_verify() names it.  Appends must run inside the
 * caller's transaction; the single audit_head row serializes appenders.
 */
#ifndef LBCARE_AUDIT_H
#define LBCARE_AUDIT_H

#include <stdint.h>

#include "../core/err.h"
#include "../store/store.h"
#include "resource.h"

/* detail is a JSON text (field names changed, ids listed); no values. */
int	audit_append(struct store *, const struct actor *, const char *action,
	    const char *resource, int64_t record_id, const char *detail,
	    struct err *);
/* Append in a transaction of its own (reads, refusals). */
int	audit_append_tx(struct store *, const struct actor *,
	    const char *action, const char *resource, int64_t record_id,
	    const char *detail, struct err *);
/*
 * Walk the chain.  Returns 0 if intact, 1 if broken (*bad_id names the
 * first entry that does not verify, or the head that lost its tail),
 * -1 on a database error.  *count receives the number of entries read.
 */
int	audit_verify(struct store *, int64_t *bad_id, int64_t *count,
	    struct err *);

#endif
