/*
 * needs_profile.h - the regional needs profile: for a region's subtree,
 * within the actor's scope, how many children there are by sex,
 * left-behind type, guardianship, schooling and risk level, and how many
 * have a serious need (rated 2 or 3) in each needs dimension, with
 * shares.  The risk level and ratings are those of each child's latest
 * assessment on or before a date.
 *
 * Counts shown to de-identified viewers (purchaser, evaluator) are
 * suppressed from 1 to SMALL_CELL - 1, as on the home page (dashboard.h).
 */
#ifndef LBCARE_NEEDS_PROFILE_H
#define LBCARE_NEEDS_PROFILE_H

#include <jansson.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "../store/store.h"
#include "resource.h"

/* The code of a child with nothing recorded in a group's field. */
#define NP_UNRECORDED	"UNRECORDED"

struct np_cell {
	const char	*group;		/* "sex" .. "risk_level", "needs" */
	const char	*value;		/* enum code, dimension, "" for total */
	const char	*zh, *en;
	int64_t		 count;
	int		 hidden;	/* withheld from de-identified viewers */
};

struct needs_profile {
	const char	*region;	/* the 12-digit code asked for */
	const char	*region_name;
	const char	*on;		/* YYYY-MM-DD */
	int		 deidentify;
	int64_t		 total;
	int		 total_hidden;
	struct np_cell	*cells;		/* arena-owned, in output order */
	size_t		 ncells;
};

/*
 * Count the profile of region code (12 digits) on date on (YYYY-MM-DD)
 * into np (arena-owned).  ERR_INVALID for a malformed code or date;
 * ERR_NOTFOUND for an unknown region or one not wholly inside the
 * actor's scope (the same answer, so scope cannot be probed).
 */
int	 needs_profile_count(struct store *, const struct actor *,
	    const char *code, const char *on, struct needs_profile *,
	    struct arena *, struct err *);

/* Whether a count may be shown to this profile's viewer. */


/* {"region", "on", "total", "groups": {group: {value: cell}}, ...}. */
json_t	*needs_profile_json(const struct needs_profile *);

/*
 * CSV with a UTF-8 BOM: group,value,label_zh,label_en,count,share; the
 * total first; suppressed counts and shares empty.
 */
void	 needs_profile_csv(const struct needs_profile *, struct buf *);

#endif
