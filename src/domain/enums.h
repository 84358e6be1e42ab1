/*
 * enums.h - the enumerations of DOMAIN.md §10, each value with a stable
 * ASCII code, a Chinese and an English label.  Declared as data in
 * enums.c; resources point their FT_ENUM fields here.
 */
#ifndef LBCARE_ENUMS_H
#define LBCARE_ENUMS_H

#include "resource.h"

extern const struct enum_decl enum_sex;			/* M, F */
extern const struct enum_decl enum_ethnicity;		/* GB 3304 "01".."56", "97", "98" */
extern const struct enum_decl enum_region_level;	/* PROV .. VILLAGE */
extern const struct enum_decl enum_org_type;		/* PURCHASER, PROVIDER, SCHOOL, VILLAGE_COMMITTEE, EVALUATOR, OTHER */
extern const struct enum_decl enum_org_form;		/* SOCIAL_GROUP, SOCIAL_SERVICE_ORG, FOUNDATION, GOVERNMENT, PUBLIC_INSTITUTION, VILLAGE_COMMITTEE, ENTERPRISE */
extern const struct enum_decl enum_org_rating;		/* NONE, 1A .. 5A */
extern const struct enum_decl enum_hukou_type;		/* AGRICULTURAL, NON_AGRICULTURAL, UNIFIED, NONE */
extern const struct enum_decl enum_schooling;		/* PRESCHOOL .. DROPPED_OUT */
extern const struct enum_decl enum_health;		/* HEALTHY, ILL, DISABLED */
extern const struct enum_decl enum_left_behind_type;	/* BOTH_AWAY, ONE_AWAY_INCAPABLE, LEGACY_ONE_AWAY, NOT_LEFT_BEHIND */
extern const struct enum_decl enum_guardianship;	/* DOMAIN.md guardianship_status */
extern const struct enum_decl enum_risk_level;		/* LOW, MEDIUM, HIGH, CRITICAL */

#endif
