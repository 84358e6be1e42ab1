/*
 * tx_rules.c - the table of rules that need the database (tx_rules.h):
 * one line a rule, the rule itself beside its resource's declaration.
 */
#include <string.h>

#include "groups.h"
#include "guardianship.h"
#include "res_cases.h"
#include "tx_rules.h"

static const struct tx_rule tx_rules[] = {
	{ "groups", groups_check_group },
	{ "group_members", groups_check_member },
	{ "group_sessions", groups_check_session },
	{ "attendance", groups_check_attendance },
	{ "activities", groups_check_activity },
	{ "activity_participants", groups_check_participant },
	{ "donations", groups_check_donation },
	{ "donation_allocations", groups_check_allocation },
	{ "trainings", groups_check_training },
	{ "training_attendees", groups_check_attendee },
	{ "case_goals", cases_check_open },
	{ "case_notes", cases_check_open },
};

int
tx_rules_check(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, const struct value *v,
    struct arena *a, struct err *e)
{
	size_t	i;

	for (i = 0; i < sizeof(tx_rules) / sizeof(tx_rules[0]); i++)
		if (strcmp(tx_rules[i].resource, r->name) == 0 &&
		    tx_rules[i].check(r, db, ac, id, v, a, e) == -1)
			return (-1);
	return (0);
}

static const struct tx_effect tx_effects[] = {
	{ "children", guardianship_recorded_unsupervised },
	{ "caregivers", guardianship_caregiver_unfit },
};

int
tx_effects_run(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, const struct value *old,
    const struct value *v, struct arena *a, struct err *e)
{
	size_t	i;

	for (i = 0; i < sizeof(tx_effects) / sizeof(tx_effects[0]); i++)
		if (strcmp(tx_effects[i].resource, r->name) == 0 &&
		    tx_effects[i].after(r, db, ac, id, old, v, a, e) == -1)
			return (-1);
	return (0);
}
