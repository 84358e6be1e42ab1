/*
 * eligibility.h - whether a child is a 农村留守儿童 by the rules of
 * DOMAIN.md §2.1, as data: under an age limit at a cut-off date, with
 * both parents away, or one away and the other without guardianship
 * capacity on one of the admitted grounds.  The age, the cut-off date
 * and the admitted grounds are configuration (left-behind-age,
 * left-behind-cutoff, left-behind-grounds in core/conf.c), since local
 * rules add grounds to the national two (重病, 重残).
 */
#ifndef LBCARE_ELIGIBILITY_H
#define LBCARE_ELIGIBILITY_H

#include <jansson.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"
#include "resource.h"

struct eligibility_rules {
	int		 age;		/* under this age at the cut-off */
	const char	*cutoff;	/* YYYY-MM-DD; NULL or "" = today */
	const char	*grounds;	/* admitted ground codes, "A B" */
};

struct ground {
	const char	*code;
	/* The capacity of the parent at home; NULL: both parents away. */
	const char	*capacity;
	const char	*zh;
	const char	*en;
};

/* Every ground a rule may admit, in the order they are tried. */
extern const struct ground	eligibility_grounds[];
extern const size_t		eligibility_ngrounds;

/* 0 if every code in the list is a ground, else -1 naming the first. */
int	eligibility_check_grounds(const char *list, struct err *);

/*
 * The answer for child id, read in the actor's scope (an audited read):
 *   {"eligible": bool, "left_behind_type": code, "grounds": [{code, zh,
 *    en}], "reasons": [{zh, en}], "age_at_cutoff": n, "rules": {...}}
 */
json_t	*eligibility_of(struct store *, const struct actor *, int64_t id,
	    const struct eligibility_rules *, struct arena *, struct err *);

#endif
