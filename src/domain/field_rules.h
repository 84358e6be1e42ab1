/*
 * field_rules.h - fields only some roles may set, as a table: a worker
 * records an assessment, but only a supervisor or lead overrides the risk
 * level the rule gave.  The server stamps who set such a field and when,
 * in read-only fields beside it.  resource.c applies the table on every
 * create and update, after validation and before anything is written.
 */
#ifndef LBCARE_FIELD_RULES_H
#define LBCARE_FIELD_RULES_H

#include "resource.h"

/*
 * For each rule of r: if the field is set (create) or changed (update)
 * by an actor without one of its roles, ERR_FORBIDDEN naming it;
 * otherwise stamp the rule's by/at fields in nv.  The system (user 0)
 * may set anything.
 */
int	field_rules_apply(const struct resource *, const struct actor *,
	    const struct value *old, struct value *nv, struct arena *,
	    struct err *);

#endif
