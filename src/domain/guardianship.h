/*
 * guardianship.h - a child's guardianship as a state machine (DOMAIN.md
 * §11.5), on the child record's read-only guardianship_state field:
 *
 *   PARENT_CARE -> ENTRUSTMENT_PENDING -> ENTRUSTED
 *   ENTRUSTED (or any state with care) -> UNSUPERVISED (raises an alert)
 *   UNSUPERVISED -> TEMP_CUSTODY -> ENTRUSTED | PARENT_CARE | COURT_APPOINTED
 *
 * Entering ENTRUSTED needs a caregiver of the child who passes the
 * 未保法 Art. 22 checks, with the 确认书 signed and the school and the
 * village notified in writing (Art. 23).
 */
#ifndef LBCARE_GUARDIANSHIP_H
#define LBCARE_GUARDIANSHIP_H

#include "workflow.h"

extern const struct workflow guardianship_workflow;

/*
 * The arrangement field (guardianship) written as UNSUPERVISED, by a form
 * or a roster import, asks for a mandatory report as the state machine's
 * step does (a tx_effect of children).
 */
int	guardianship_recorded_unsupervised(const struct resource *,
	    struct store *, const struct actor *, int64_t id,
	    const struct value *old, const struct value *,
	    struct arena *, struct err *);

/*
 * A caregiver of a child in ENTRUSTED care found unfit after the fact
 * (an Art. 22 item ticked, or capability withdrawn) asks for the
 * entrustment to be reviewed (a tx_effect of caregivers).
 */
int	guardianship_caregiver_unfit(const struct resource *,
	    struct store *, const struct actor *, int64_t id,
	    const struct value *old, const struct value *,
	    struct arena *, struct err *);

#endif
