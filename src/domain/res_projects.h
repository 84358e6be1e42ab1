/*
 * res_projects.h - purchase projects and project memberships.
 */
#ifndef LBCARE_RES_PROJECTS_H
#define LBCARE_RES_PROJECTS_H

#include "resource.h"

extern const struct resource	res_projects;
extern const struct resource	res_memberships;
extern const struct enum_decl	enum_member_role;

#endif
