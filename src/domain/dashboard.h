/*
 * dashboard.h - the counts and alerts of a person's home page, within
 * their scope.  Counts shown to de-identified viewers (purchaser,
 * evaluator) are suppressed below 5, so a small village's child cannot be
 * singled out.
 */
#ifndef LBCARE_DASHBOARD_H
#define LBCARE_DASHBOARD_H

#include <jansson.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"
#include "resource.h"

#define SMALL_CELL	5

/* {"counts": {...}, "alerts": [...]}; NULL with err on failure. */
json_t	*dashboard_home(struct store *, const struct actor *, struct arena *,
	    struct err *);

#endif
