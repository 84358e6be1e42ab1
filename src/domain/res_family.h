/*
 * res_family.h - a child's family as declared resources (DOMAIN.md §10,
 * §2.4): `parents` (where each parent is and whether they can care),
 * `caregivers` (受委托监护人, with the 未保法 Art. 22 disqualification
 * checklist, the 委托监护责任确认书 and the notices to school and
 * village) and `contact_logs` (parent-child contact).  Each row is scoped
 * through its child and every read of it is audited.
 */
#ifndef LBCARE_RES_FAMILY_H
#define LBCARE_RES_FAMILY_H

#include "resource.h"

extern const struct resource res_parents;
extern const struct resource res_caregivers;
extern const struct resource res_contact_logs;

/* The Art. 22 checklist: the caregivers' boolean fields, with labels. */
#define CAREGIVER_NDQ	4
extern const struct enum_value caregiver_disqualifications[CAREGIVER_NDQ];

#endif
