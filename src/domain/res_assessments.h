/*
 * res_assessments.h - the declared resource `assessments`: one needs
 * assessment of one child (DOMAIN.md §7, §10 NeedsAssessment), the ten
 * needs dimensions rated 0-3 and a risk level computed from them.  Every
 * assessment is a row of its own, so a child's history stays.
 */
#ifndef LBCARE_RES_ASSESSMENTS_H
#define LBCARE_RES_ASSESSMENTS_H

#include "resource.h"

extern const struct resource res_assessments;
/* INITIAL 初评, REASSESSMENT 复评, CLOSING 结案评估 */
extern const struct enum_decl enum_assessment_kind;

/* A rating of 0 无需求 .. 3 重度; NEEDS_SERIOUS and up is a need. */
#define NEEDS_MAX	3
#define NEEDS_SERIOUS	2
#define NEEDS_NDIMS	10

/* The dimensions' field names and labels, in DOMAIN.md §7's order. */
extern const struct enum_value needs_dimensions[NEEDS_NDIMS];

/*
 * The risk level code ("LOW" .. "CRITICAL") the rule table gives for
 * ratings r[NEEDS_NDIMS] (in needs_dimensions' order).
 */
const char	*assessments_risk(const int64_t r[NEEDS_NDIMS]);

#endif
