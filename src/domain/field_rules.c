/*
 * field_rules.c - the table of role-guarded fields (field_rules.h).
 */
#include <string.h>

#include "../core/util.h"
#include "field_rules.h"
#include "roles.h"

static const struct field_rule {
	const char	*resource;
	const char	*field;
	unsigned	 roles;		/* who may set or change it */
	const char	*by;		/* stamped with the user id, or NULL */
	const char	*at;		/* stamped with the time, or NULL */
} field_rules[] = {
	{ "assessments", "risk_override", ROLE_SUPERVISOR | ROLE_LEAD,
	    "override_by", "override_at" },
	{ "assessments", "override_reason", ROLE_SUPERVISOR | ROLE_LEAD,
	    NULL, NULL },
};

static int
changed(const struct value *old, const struct value *nv)
{
	if (old == NULL)
		return (nv->set && !nv->isnull);
	if (old->isnull != nv->isnull || old->i != nv->i)
		return (1);
	if ((old->s == NULL) != (nv->s == NULL))
		return (1);
	return (old->s != NULL && strcmp(old->s, nv->s) != 0);
}

int
field_rules_apply(const struct resource *r, const struct actor *ac,
    const struct value *old, struct value *nv, struct arena *a,
    struct err *e)
{
	const struct field_rule	*fr;
	char			 now[32];
	size_t			 i;
	int			 k;

	for (i = 0; i < nitems(field_rules); i++) {
		fr = &field_rules[i];
		if (strcmp(fr->resource, r->name) != 0 ||
		    (k = resource_field_index(r, fr->field)) == -1 ||
		    !changed(old != NULL ? &old[k] : NULL, &nv[k]))
			continue;
		if (ac->user_id != 0 && (ac->roles & fr->roles) == 0) {
			err_setl(e, ERR_FORBIDDEN, fr->field,
			    "只有督导或项目主管可以填写 %s",
			    "only a supervisor or project lead may set %s",
			    fr->field);
			return (-1);
		}
		if (fr->by != NULL && (k = resource_field_index(r, fr->by)) !=
		    -1)
			nv[k] = (struct value){ 1, 0, ac->user_id, NULL };
		if (fr->at != NULL && (k = resource_field_index(r, fr->at)) !=
		    -1) {
			time_now_rfc3339(now);
			nv[k] = (struct value){ 1, 0, 0, arena_strdup(a, now) };
		}
	}
	return (0);
}
