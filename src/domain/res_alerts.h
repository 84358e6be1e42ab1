/*
 * res_alerts.h - alerts: something about a child that needs a person to
 * act, raised by the system in the transaction that caused it (a child
 * found unsupervised asks for a mandatory report: DOMAIN.md §11.5) and
 * resolved by whoever acts on it.  Scoped through the child.
 */
#ifndef LBCARE_RES_ALERTS_H
#define LBCARE_RES_ALERTS_H

#include "resource.h"

extern const struct resource res_alerts;

/*
 * Raise an alert of kind for child_id, caused by row source_id of
 * source, inside the caller's transaction.  0, or -1 with e set.
 */
int	alert_raise(struct store *, const struct actor *, int64_t child_id,
	    const char *kind, const char *source, int64_t source_id,
	    struct arena *, struct err *);

#endif
