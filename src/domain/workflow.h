/*
 * workflow.h - a state machine declared as data (DOMAIN.md §11): the
 * states, and a const table of transitions, each naming the action, the
 * states it may start from, the state it leads to, the roles that may
 * take it, and the fields it needs.  A resource with a workflow has a
 * read-only state field set to the initial state on create; it moves only
 * through resource_transition(), which checks the table, logs who, when
 * and why in workflow_log and the audit chain, and refuses anything else
 * with the state names in the error.
 *
 * The router gives such a resource two more routes:
 *   POST /api/v1/<name>/:id/transitions   {"action", "reason", "fields"}
 *   GET  /api/v1/<name>/:id/transitions   the history, oldest first
 */
#ifndef LBCARE_WORKFLOW_H
#define LBCARE_WORKFLOW_H

#include <jansson.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"
#include "resource.h"

#define TF_REASON	0x01	/* the transition must give a reason */

#define WF_MAX_NEEDS	4

struct transition {
	const char	*action;	/* ASCII code: "accept" */
	const char	*from;		/* states, space-separated */
	/*
	 * The state it leads to, or "@field": back to the state kept in
	 * field, which a step into this step's from-state fills (resume
	 * returns to the state suspend left; workflow.c).
	 */
	const char	*to;
	unsigned	 roles;		/* who may take it */
	unsigned	 flags;
	/* Fields the transition must leave set (given now or before). */
	const char	*needs[WF_MAX_NEEDS];
	const char	*zh;
	const char	*en;
};

struct workflow {
	const char		*field;		/* the state field */
	const struct enum_decl	*states;
	const char		*initial;
	const struct transition	*transitions;
	size_t			 ntransitions;
	/*
	 * A rule the table cannot say (the case plan must have a goal, say),
	 * or NULL: called inside the transaction with the row as it will be
	 * (vals, indexed like the resource's fields); -1 with e set refuses.
	 */
	int			(*guard)(const struct resource *,
				    const struct transition *, struct store *,
				    const struct actor *, int64_t id,
				    const struct value *vals, struct arena *,
				    struct err *);
	/*
	 * Work the transition brings with it, in the same transaction after
	 * the row is written (open a mandatory report, say), or NULL.
	 */
	int			(*after)(const struct resource *,
				    const struct transition *, struct store *,
				    const struct actor *, int64_t id,
				    const struct value *vals, struct arena *,
				    struct err *);
};

#define TRANSITIONS(a)	(a), sizeof(a) / sizeof((a)[0])

/* The transition named action, or NULL. */
const struct transition	*workflow_find(const struct workflow *,
			    const char *action);
/* Whether state is among t's from-states. */
int			 workflow_may_start(const struct transition *,
			    const char *state);
/* Every role that may take some step. */
unsigned		 workflow_roles(const struct workflow *);
/* The label of a state in one language, or the code itself. */
const char		*workflow_state_label(const struct workflow *,
			    const char *code, int en);

/*
 * Take the transition named action on row id of r: expect_rev is the
 * revision the caller read (If-Match); fields (or NULL) is a JSON object
 * of other fields of r to set with it, validated like an update.  The
 * actor needs read scope on the row and one of the transition's roles.
 * Returns the updated record (new reference) or NULL with e set: 409
 * naming the current state and the action when the table forbids it.
 */
json_t			*resource_transition(const struct resource *,
			    struct store *, const struct actor *, int64_t id,
			    int64_t expect_rev, const char *action,
			    const char *reason, json_t *fields,
			    struct arena *, struct err *);
/* {"items": [{"action","from","to","reason","user_id","at"}...]} */
json_t			*resource_transitions(const struct resource *,
			    struct store *, const struct actor *, int64_t id,
			    struct arena *, struct err *);
/* The workflow part of a resource's schema (for the browser). */
json_t			*workflow_schema(const struct workflow *);

#endif
