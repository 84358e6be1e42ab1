/*
 * roster_export.h - the children a actor may see, in LBCare's own
 * roster layout: a header row of field names, then one row a child, in
 * the order of the declaration.  Fields set by the server and sensitive
 * fields (sealed at rest, never in exports) are left out; the import
 * (roster_import.h) reads the layout back, matching children by name,
 * date of birth and village.  The read is audited as a list.
 */
#ifndef LBCARE_ROSTER_EXPORT_H
#define LBCARE_ROSTER_EXPORT_H

#include "../core/err.h"
#include "../core/sheet.h"
#include "../store/store.h"
#include "needs_profile.h"
#include "resource.h"

/* region: a region-code prefix ("" or NULL for all in scope). */
int	 roster_export_children(struct store *, const struct actor *,
	    const char *region, struct sheet *, struct err *);

/* The needs profile as a sheet: the columns of needs_profile_csv(). */
int	 roster_profile_sheet(const struct needs_profile *, struct sheet *,
	    struct err *);
/* Columns of the profile sheet holding numbers (count, share). */
#define PROFILE_NUMERIC	((1ULL << 4) | (1ULL << 5))

#endif
