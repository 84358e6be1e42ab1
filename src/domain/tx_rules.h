/*
 * tx_rules.h - rules of a declared resource that need the database (a
 * session dated within its project's period, a child present at two
 * sessions at once, allocations within a donation): what a derive hook
 * cannot say, since it sees one row only.  resource.c runs them inside
 * the write's transaction, after the references are checked, on create
 * and on update; a refusal rolls the write back.
 */
#ifndef LBCARE_TX_RULES_H
#define LBCARE_TX_RULES_H

#include "resource.h"

struct tx_rule {
	const char	*resource;
	/* id is 0 on create; vals as they will be written. */
	int		(*check)(const struct resource *, struct store *,
			    const struct actor *, int64_t id,
			    const struct value *vals, struct arena *,
			    struct err *);
};

/* Run r's rules (tx_rules.c lists them); 0, or -1 with e set. */
int	tx_rules_check(const struct resource *, struct store *,
	    const struct actor *, int64_t id, const struct value *,
	    struct arena *, struct err *);

/*
 * What a write sets off, in its transaction, once the row is written (an
 * alert, say): id is the row's; old is NULL on create.  A failure rolls
 * the write back.
 */
struct tx_effect {
	const char	*resource;
	int		(*after)(const struct resource *, struct store *,
			    const struct actor *, int64_t id,
			    const struct value *old, const struct value *vals,
			    struct arena *, struct err *);
};

int	tx_effects_run(const struct resource *, struct store *,
	    const struct actor *, int64_t id, const struct value *old,
	    const struct value *, struct arena *, struct err *);

#endif
