/*
 * res_referrals.h - the partner directory (organizations and services a
 * child can be referred to) and referrals, whose state machine is
 * DOMAIN.md §11.3: DRAFT → SENT → ACKNOWLEDGED → ACCEPTED → IN_SERVICE
 * → FEEDBACK → CLOSED; ACKNOWLEDGED → REJECTED (with a reason) → DRAFT;
 * SENT → ESCALATED (no reply by reply_due_on) → SENT.
 */
#ifndef LBCARE_RES_REFERRALS_H
#define LBCARE_RES_REFERRALS_H

#include <jansson.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"
#include "resource.h"

extern const struct resource res_partners;
extern const struct resource res_referrals;
extern const struct enum_decl enum_partner_kind;

/*
 * Days a partner has to answer (the referral-reply-days option); set
 * once at start-up, before requests (app.c).  reply_due_on of a
 * referral is the day it was sent plus these days.
 */
void	 referrals_configure(int reply_days);
int	 referrals_reply_days(void);

/*
 * Escalate every SENT referral in the actor's scope whose reply_due_on
 * is before today (YYYY-MM-DD; NULL: today), each through the workflow
 * as the system (user 0), so each step is logged and audited.  Returns
 * {"escalated":[ids], "count":N} or NULL with e set; a referral another
 * writer moved meanwhile is skipped, not an error.
 */
json_t	*referrals_escalate(struct store *, const struct actor *,
	    const char *today, struct arena *, struct err *);

/*
 * The referrals a school contact may act on: those addressed to a
 * partner of kind SCHOOL whose region is in the actor's scope, past
 * DRAFT, each read through resource_get() (scope of the child, audit).
 * {"items":[...]} or NULL with e set.
 */
json_t	*referrals_school_inbox(struct store *, const struct actor *,
	    struct arena *, struct err *);

#endif
