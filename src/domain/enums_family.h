/*
 * enums_family.h - the enumerations of a child's family (DOMAIN.md §10
 * Parent, Caregiver, ContactLog; §2.4 entrusted care) and of the fuller
 * child record (income source), and the guardianship states of §11.5.
 * Codes are stable; labels may change.
 */
#ifndef LBCARE_ENUMS_FAMILY_H
#define LBCARE_ENUMS_FAMILY_H

#include "resource.h"

extern const struct enum_decl enum_parent_role;		/* FATHER, MOTHER */
/* CAPABLE, ILLNESS, DISABILITY, PRISON, MISSING, DECEASED, OTHER */
extern const struct enum_decl enum_parent_capacity;
/* GRANDPARENT_P, GRANDPARENT_M, SIBLING, RELATIVE, FRIEND, INSTITUTION */
extern const struct enum_decl enum_caregiver_relation;
/* FATHER, MOTHER, BOTH_PARENTS */
extern const struct enum_decl enum_contact_who;
/* PHONE, VIDEO, VISIT_HOME, CHILD_VISITS, OTHER */
extern const struct enum_decl enum_contact_how;
/* MIGRANT_WAGES, FARMING, BUSINESS, ASSISTANCE, PENSION_RELATIVES, OTHER */
extern const struct enum_decl enum_income_source;
/* PARENT_CARE .. COURT_APPOINTED (DOMAIN.md §11.5) */
extern const struct enum_decl enum_guardianship_state;
/* MANDATORY_REPORT_DUE */
extern const struct enum_decl enum_alert_kind;

#endif
