/*
 * idempotency.h - exactly-once creates for clients that retry: the
 * browser's offline outbox sends each queued record with a key of its
 * own; the first send creates the record, any later send with the same
 * key answers that record again (per user: keys of different people
 * never meet).
 */
#ifndef LBCARE_IDEMPOTENCY_H
#define LBCARE_IDEMPOTENCY_H

#include <jansson.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"
#include "resource.h"

/* 0 if key is 8 to 64 of [A-Za-z0-9_-]; -1 with ERR_INVALID. */
int	 idempotency_key_ok(const char *key, struct err *);
/*
 * Create in as a record of r once per (actor, key).  *replayed is 1 when
 * the record already existed and is answered again.  The same key used
 * for another resource is ERR_CONFLICT.  New reference, or NULL.
 */
json_t	*idempotent_create(const struct resource *, struct store *,
	    const struct actor *, const char *key, json_t *in, int *replayed,
	    struct arena *, struct err *);

#endif
