/*
 * groups.h - group work, community activities and social administration
 * (DOMAIN.md §6): the declared resources (res_groups.c,
 * res_activities.c, res_admin.c), the rules among their rows that need
 * the database (tx_rules.h), and a group's attendance rates.
 */
#ifndef LBCARE_GROUPS_H
#define LBCARE_GROUPS_H

#include <jansson.h>

#include "resource.h"
#include "workflow.h"

extern const struct resource res_groups;
extern const struct resource res_group_members;
extern const struct resource res_group_sessions;
extern const struct resource res_attendance;
extern const struct resource res_activities;
extern const struct resource res_activity_participants;
extern const struct resource res_donations;
extern const struct resource res_donation_allocations;
extern const struct resource res_partnerships;
extern const struct resource res_trainings;
extern const struct resource res_training_attendees;

/* A time of day "HH:MM", 00:00 to 23:59 (a field check). */
int	check_hhmm(const char *, const char *field, struct err *);

/* The group's workflow guard: a group forms with two members or more. */
int	groups_guard(const struct resource *, const struct transition *,
	    struct store *, const struct actor *, int64_t id,
	    const struct value *, struct arena *, struct err *);

/* Rules run in the write's transaction (tx_rules.c lists them). */
#define GROUPS_RULE(name) \
	int name(const struct resource *, struct store *, \
	    const struct actor *, int64_t, const struct value *, \
	    struct arena *, struct err *)
GROUPS_RULE(groups_check_group);
GROUPS_RULE(groups_check_member);
GROUPS_RULE(groups_check_session);
GROUPS_RULE(groups_check_attendance);
GROUPS_RULE(groups_check_activity);
GROUPS_RULE(groups_check_participant);
GROUPS_RULE(groups_check_donation);
GROUPS_RULE(groups_check_allocation);
GROUPS_RULE(groups_check_training);
GROUPS_RULE(groups_check_attendee);

/*
 * Attendance of a group's sessions (cancelled ones aside), per member
 * and for the group: {"group_id", "sessions", "present", "absent",
 * "excused", "rate", "children": [{"child_id", "present", "absent",
 * "excused", "rate"}...]}, rate = present / (present + absent + excused)
 * rounded to 4 places, null when nothing is recorded.  The actor must be
 * able to read the group (scope); the read is audited.
 */
json_t	*groups_attendance(struct store *, const struct actor *,
	    int64_t group_id, struct arena *, struct err *);

#endif
