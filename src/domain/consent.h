/*
 * consent.h - whether a guardian's consent covers a purpose on a date
 * (PIPL Arts. 28 and 31), for modules that must ask before they act on a
 * child's data.  The consents themselves are a declared resource
 * (res_consents.c).
 */
#ifndef LBCARE_CONSENT_H
#define LBCARE_CONSENT_H

#include <stdint.h>

#include "../core/err.h"
#include "../store/store.h"

/*
 * 1 if a consent of child_id for scope_code (an enum_consent_scope code)
 * was given on or before on_date and had not been withdrawn by then
 * (withdrawn_on after on_date, or never); 0 if not; -1 with err set:
 * ERR_INVALID for an unknown scope code or a malformed date, ERR_STORE.
 * on_date is YYYY-MM-DD, or NULL for today.  A withdrawal dated on_date
 * counts as withdrawn on that day.
 */
int	consent_has(struct store *, int64_t child_id, const char *scope_code,
	    const char *on_date, struct err *);
/*
 * 0 if consent_has() says 1; otherwise -1 with err set: ERR_FORBIDDEN
 * naming child_id ("缺少监护人对…的同意" / "no guardian consent for …"),
 * or consent_has()'s own error.
 */
int	consent_require(struct store *, int64_t child_id,
	    const char *scope_code, const char *on_date, struct err *);
/*
 * Whether creating this row of r needs a guardian's consent that the
 * child it names lacks: 0 to go on, -1 with ERR_FORBIDDEN on child_id
 * (the rule table is in consent.c).
 */
struct resource;
struct value;
int	consent_check_create(const struct resource *, struct store *,
	    const struct value *, struct err *);

#endif
