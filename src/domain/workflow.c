/*
 * workflow.c - the generic state machine (workflow.h).  A transition is
 * an update whose adjust hook checks the table and sets the state, and
 * whose in-transaction hook logs the step in workflow_log; so a step is
 * validated, scoped, revision-checked and audited like any update.
 */
#include <string.h>

#include "../core/lang.h"
#include "../core/util.h"
#include "audit.h"
#include "roles.h"
#include "workflow.h"

const struct transition *
workflow_find(const struct workflow *w, const char *action)
{
	size_t	i;

	for (i = 0; action != NULL && i < w->ntransitions; i++)
		if (strcmp(w->transitions[i].action, action) == 0)
			return (&w->transitions[i]);
	return (NULL);
}

int
workflow_may_start(const struct transition *t, const char *state)
{
	const char	*p = t->from;
	size_t		 n = state != NULL ? strlen(state) : 0;

	while (n > 0 && (p = strstr(p, state)) != NULL) {
		if ((p == t->from || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return (1);
		p += n;
	}
	return (0);
}

unsigned
workflow_roles(const struct workflow *w)
{
	unsigned	roles = 0;
	size_t		i;

	for (i = 0; i < w->ntransitions; i++)
		roles |= w->transitions[i].roles;
	return (roles);
}

const char *
workflow_state_label(const struct workflow *w, const char *code, int lang)
{
	const struct enum_value	*v;

	if (code == NULL)
		return ("-");
	if ((v = enum_find(w->states, code)) == NULL)
		return (code);
	return (lang_pick(lang, v->zh, v->en));
}

/* The actions the state allows, for the refusal: "accept, decline". */
static const char *
allowed_actions(const struct workflow *w, const char *state, int lang,
    struct arena *a)
{
	const char	*out = "";
	size_t		 i;

	for (i = 0; i < w->ntransitions; i++)
		if (workflow_may_start(&w->transitions[i], state))
			out = arena_printf(a, "%s%s%s", out, *out ? ", " : "",
			    lang_pick(lang, w->transitions[i].zh,
			    w->transitions[i].en));
	return (*out ? out : lang_pick(lang, "无", "none"));
}


/*
 * A return step's to-state is "@field": it goes back to the state kept in
 * that field, and clears it.  So that the state is there to go back to, a
 * step into a state that a return step leaves from keeps its own
 * from-state in the same field (suspend keeps where the case paused).
 * The table says it all: no hook needed.
 */
static const char *
step_target(const struct resource *r, const struct workflow *w,
    const struct transition *t, const char *from, const struct value *old,
    struct value *nv, struct arena *a, struct err *e)
{
	const struct transition	*u;
	const char		*w3[3][3] = { { NULL } };
	size_t			 i;
	int			 k;

	if (t->to[0] == '@') {
		k = resource_field_index(r, t->to + 1);
		if (k == -1 || old[k].isnull || old[k].s == NULL ||
		    enum_find(w->states, old[k].s) == NULL) {
			lang_words(w3, 0, t->zh, t->en);
			err_setl_words(e, ERR_CONFLICT, "action",
			    "「%s」没有可返回的状态",
			    "the step \"%s\" has no state to return to", w3);
			return (NULL);
		}
		nv[k] = (struct value){ 1, 1, 0, NULL };
		return (old[k].s);
	}
	for (i = 0; i < w->ntransitions; i++) {
		u = &w->transitions[i];
		if (u->to[0] == '@' && workflow_may_start(u, t->to) &&
		    (k = resource_field_index(r, u->to + 1)) != -1)
			nv[k] = (struct value){ 1, 0, 0, from };
	}
	return (t->to);
}

struct step {
	const struct workflow	*w;
	const struct transition	*t;
	const char		*action;
	const char		*reason;
	const char		*from;
};

static int
step_adjust(void *ctx, const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, const struct value *old,
    struct value *nv, struct arena *a, struct err *e)
{
	struct step		*s = ctx;
	const struct workflow	*w = s->w;
	const struct transition	*t;
	const char		*to, *w3[3][3] = { { NULL } };
	size_t			 i;
	int			 k, l, sf = resource_field_index(r, w->field);

	s->from = old[sf].s;
	if ((t = s->t = workflow_find(w, s->action)) == NULL) {
		err_setl(e, ERR_INVALID, "action", "没有名为 %s 的操作",
		    "there is no action %s", s->action);
		return (-1);
	}
	if (!workflow_may_start(t, s->from)) {
		for (l = LANG_ZH; l <= LANG_BO; l++) {
			w3[l][0] = workflow_state_label(w, s->from, l);
			w3[l][2] = allowed_actions(w, s->from, l, a);
		}
		lang_words(w3, 1, t->zh, t->en);
		err_setl_words(e, ERR_CONFLICT, "action",
		    "当前状态为「%s」，不能执行「%s」（可执行：%s）",
		    "the record is in state \"%s\"; \"%s\" is not allowed "
		    "from there (allowed: %s)", w3);
		return (-1);
	}
	/* The system (user 0: CLI, demo) may take any step. */
	if (ac->user_id != 0 && (ac->roles & t->roles) == 0) {
		lang_words(w3, 0, t->zh, t->en);
		err_setl_words(e, ERR_FORBIDDEN, "action", "您的角色不能执行「%s」",
		    "your role may not take the step \"%s\"", w3);
		return (-1);
	}
	if ((t->flags & TF_REASON) && (s->reason == NULL || *s->reason ==
	    '\0')) {
		lang_words(w3, 0, t->zh, t->en);
		err_setl_words(e, ERR_INVALID, "reason", "「%s」须说明理由",
		    "the step \"%s\" needs a reason", w3);
		return (-1);
	}
	for (i = 0; i < WF_MAX_NEEDS && t->needs[i] != NULL; i++) {
		k = resource_field_index(r, t->needs[i]);
		if (k == -1 || !nv[k].set || nv[k].isnull) {
			lang_words(w3, 0, t->zh, t->en);
			/* A field name: the same in all. */
			lang_words(w3, 1, t->needs[i], t->needs[i]);
			err_setl_words(e, ERR_INVALID, t->needs[i],
			    "「%s」须填写 %s", "the step \"%s\" needs %s", w3);
			return (-1);
		}
	}
	if ((to = step_target(r, w, t, s->from, old, nv, a, e)) == NULL)
		return (-1);
	nv[sf] = (struct value){ 1, 0, 0, to };
	if (w->guard != NULL && w->guard(r, t, db, ac, id, nv, a, e) == -1)
		return (-1);
	return (0);
}

static int
step_log(void *ctx, const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, const struct value *old,
    const struct value *nv, struct arena *a, struct err *e)
{
	struct step	*s = ctx;
	struct stmt	*st;
	char		 now[32];
	int		 rc;

	time_now_rfc3339(now);
	if ((st = store_prepare(db, "INSERT INTO workflow_log (resource, "
	    "record_id, action, from_state, to_state, reason, user_id, roles, "
	    "at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", e)) == NULL)
		return (-1);
	stmt_bind_text(st, 1, r->name);
	stmt_bind_int64(st, 2, id);
	stmt_bind_text(st, 3, s->t->action);
	stmt_bind_text(st, 4, s->from != NULL ? s->from : "");
	stmt_bind_text(st, 5, nv[resource_field_index(r, s->w->field)].s);
	if (s->reason != NULL)
		stmt_bind_text(st, 6, s->reason);
	else
		stmt_bind_null(st, 6);
	stmt_bind_int64(st, 7, ac->user_id);
	stmt_bind_int64(st, 8, ac->roles);
	stmt_bind_text(st, 9, now);
	rc = stmt_step(st, e);
	stmt_finalize(st);
	if (rc == -1)
		return (-1);
	if (s->w->after != NULL && s->w->after(r, s->t, db, ac, id, nv, a,
	    e) == -1)
		return (-1);
	return (0);
}

json_t *
resource_transition(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, int64_t expect_rev,
    const char *action, const char *reason, json_t *fields, struct arena *a,
    struct err *e)
{
	struct step		 s = { r->workflow, NULL, action, reason, NULL };
	struct update_hook	 h = { "transition", step_adjust, step_log, &s };
	json_t			*in, *out;

	if (r->workflow == NULL) {
		err_setl(e, ERR_NOTFOUND, "", "%s 没有状态流程",
		    "%s has no workflow", r->name);
		return (NULL);
	}
	if (action == NULL || *action == '\0') {
		err_setl(e, ERR_INVALID, "action", "须指明操作 action",
		    "action is required");
		return (NULL);
	}
	if (reason != NULL && strlen(reason) > 2000) {
		err_setl(e, ERR_INVALID, "reason", "理由不能超过 %d 字节",
		    "the reason must be at most %d bytes", 2000);
		return (NULL);
	}
	in = fields != NULL ? json_incref(fields) : json_object();
	out = resource_update_ex(r, db, ac, id, expect_rev, in, &h, a, e);
	json_decref(in);
	return (out);
}

json_t *
resource_transitions(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, struct arena *a, struct err *e)
{
	struct stmt	*st;
	json_t		*rec, *items, *step;
	size_t		 i;
	int		 rc, hide = 0;

	/* The record first: scope, audit of the read, 404 alike. */
	if ((rec = resource_get(r, db, ac, id, a, e)) == NULL)
		return (NULL);
	/* Whoever took a step may be a confidential person (a reporter). */
	for (i = 0; i < r->nfields; i++)
		if (r->fields[i].flags & FF_CONFIDENTIAL &&
		    json_object_get(rec, r->fields[i].name) == NULL)
			hide = 1;
	json_decref(rec);
	if ((st = store_prepare(db, "SELECT action, from_state, to_state, "
	    "reason, user_id, at FROM workflow_log WHERE resource = ? AND "
	    "record_id = ? ORDER BY id", e)) == NULL)
		return (NULL);
	stmt_bind_text(st, 1, r->name);
	stmt_bind_int64(st, 2, id);
	items = json_array();
	while ((rc = stmt_step(st, e)) == 1) {
		step = json_pack("{s:s, s:s, s:s, s:s?, s:I, s:s}",
		    "action", stmt_text(st, 0), "from", stmt_text(st, 1),
		    "to", stmt_text(st, 2), "reason", stmt_text(st, 3),
		    "user_id", (json_int_t)stmt_int64(st, 4),
		    "at", stmt_text(st, 5));
		if (hide)
			json_object_del(step, "user_id");
		json_array_append_new(items, step);
	}
	stmt_finalize(st);
	if (rc == -1) {
		json_decref(items);
		return (NULL);
	}
	return (json_pack("{s:o}", "items", items));
}

json_t *
workflow_schema(const struct workflow *w)
{
	const struct transition	*t;
	json_t			*states, *ts, *from, *needs, *roles, *o;
	const char		*p, *q;
	size_t			 i, k;

	states = json_array();
	for (i = 0; i < w->states->nvalues; i++)
		json_array_append_new(states,
		    enum_value_json(&w->states->values[i]));
	ts = json_array();
	for (i = 0; i < w->ntransitions; i++) {
		t = &w->transitions[i];
		from = json_array();
		for (p = t->from; *p != '\0'; p = q + strspn(q, " ")) {
			q = p + strcspn(p, " ");
			json_array_append_new(from,
			    json_stringn(p, (size_t)(q - p)));
		}
		needs = json_array();
		for (k = 0; k < WF_MAX_NEEDS && t->needs[k] != NULL; k++)
			json_array_append_new(needs, json_string(t->needs[k]));
		roles = json_array();
		for (k = 0; k < ROLE__COUNT; k++)
			if (t->roles & role_table[k].bit)
				json_array_append_new(roles,
				    json_string(role_table[k].code));
		o = json_pack("{s:s, s:o, s:s, s:b, s:o, s:o}",
		    "action", t->action, "from", from, "to", t->to,
		    "reason", (t->flags & TF_REASON) != 0, "needs", needs,
		    "roles", roles);
		lang_put(o, t->zh, t->en);
		json_array_append_new(ts, o);
	}
	return (json_pack("{s:s, s:s, s:o, s:o}", "field", w->field,
	    "initial", w->initial, "states", states, "transitions", ts));
}
