/*
 * idregion.h - the region part of an ID number (地区码, characters 1-6)
 * must be a real county-level division.  The field check (checks.c)
 * knows the province codes only; this one asks the regions table, so
 * resource.c calls it, inside the write's transaction, for every field
 * whose check is check_id_number.
 */
#ifndef LBCARE_IDREGION_H
#define LBCARE_IDREGION_H

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"

/*
 * 0 if the first six digits of id name a county the regions table holds
 * (code + "000000"), or one the table cannot judge: it holds no county
 * of that prefecture and no prefecture of that province, so only the
 * province list of checks.c applies.  Otherwise -1, naming the part.
 */
int	idregion_check(struct store *, const char *id, const char *field,
	    struct arena *, struct err *);

#endif
