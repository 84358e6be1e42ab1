/*
 * enums_consent.h - the enumerations of a guardian's consent (PIPL Arts.
 * 28 and 31: a child under 14's data is sensitive and needs a guardian's
 * consent): what it covers, who gave it and how it was recorded.  Codes
 * are stable; labels may change.
 */
#ifndef LBCARE_ENUMS_CONSENT_H
#define LBCARE_ENUMS_CONSENT_H

#include "resource.h"

/* REGISTRY, CASE_SERVICE, GROUP_ACTIVITY, PHOTO_PUBLICITY, DATA_SHARING */
extern const struct enum_decl enum_consent_scope;
/* FATHER, MOTHER, GRANDPARENT_P/_M, SIBLING, RELATIVE, ENTRUSTED_CAREGIVER,
 * OTHER */
extern const struct enum_decl enum_consent_relation;
/* SIGNED_FORM, THUMBPRINT, VERBAL_WITNESSED, ELECTRONIC */
extern const struct enum_decl enum_consent_evidence;

#endif
