/*
 * hsds.h - the partner directory as Open Referral HSDS 3.0 records
 * (https://docs.openreferral.org/): one organization, one service and
 * one location per partner, with their phones, schedule and address.
 * Ids are UUIDs derived from ours (version 5, under LBCare's own
 * namespace), so an export names the same thing the same way each time.
 */
#ifndef LBCARE_HSDS_H
#define LBCARE_HSDS_H

#include <jansson.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"
#include "resource.h"

/* The UUID of part ("organization", "service", ...) of partner id. */
void	 hsds_uuid(int64_t id, const char *part, char out[37]);

/*
 * Every partner in the actor's scope (the system actor: all of them):
 * {"hsds_version":"3.0", "organizations":[...], "services":[...],
 *  "locations":[...]}, each record valid on its own against HSDS's
 * organization, service and location schemas.  NULL with e set.
 */
json_t	*hsds_export(struct store *, const struct actor *, struct arena *,
	    struct err *);

#endif
