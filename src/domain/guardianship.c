/*
 * guardianship.c - the guardianship state machine of a child
 * (guardianship.h): the transition table, the entrustment guard and the
 * alert an unsupervised child raises.
 */
#include <string.h>

#include "enums_family.h"
#include "guardianship.h"
#include "res_alerts.h"
#include "res_family.h"
#include "roles.h"

#define CARE	(ROLE_WORKER | ROLE_SUPERVISOR | ROLE_LEAD | ROLE_DIRECTOR | \
		ROLE_TOWNSHIP)
#define OFFICIAL	(ROLE_SUPERVISOR | ROLE_LEAD | ROLE_TOWNSHIP)

static const struct transition guardianship_steps[] = {
	{ "start_entrustment", "PARENT_CARE", "ENTRUSTMENT_PENDING", CARE, 0,
	    { NULL }, "办理委托监护", "Start an entrustment" },
	{ "cancel_entrustment", "ENTRUSTMENT_PENDING", "PARENT_CARE", CARE,
	    TF_REASON, { NULL }, "撤销委托，父母监护",
	    "Cancel the entrustment; parents care" },
	{ "entrust", "ENTRUSTMENT_PENDING TEMP_CUSTODY", "ENTRUSTED", CARE, 0,
	    { NULL }, "确认委托监护", "Confirm the entrustment" },
	/* A child found alone is unsupervised whatever the record said. */
	{ "found_unsupervised", "PARENT_CARE ENTRUSTMENT_PENDING ENTRUSTED",
	    "UNSUPERVISED", CARE, TF_REASON, { NULL }, "发现无人监护",
	    "Found unsupervised" },
	{ "temp_custody", "UNSUPERVISED", "TEMP_CUSTODY", CARE, TF_REASON,
	    { NULL }, "临时监护", "Temporary custody" },
	{ "return_to_parents", "TEMP_CUSTODY", "PARENT_CARE", CARE, TF_REASON,
	    { NULL }, "父母返回监护", "Parents resume care" },
	{ "court_appoint", "TEMP_CUSTODY", "COURT_APPOINTED", OFFICIAL,
	    TF_REASON, { NULL }, "法院另行指定监护人",
	    "Guardian appointed by court" },
};

/* 1 if the caregiver row at st cannot be entrusted, saying why. */
static int
caregiver_fails(struct stmt *st, int *dq, const char **missing)
{
	static const char *const dates[] = { "agreement_signed_on",
	    "school_notice_on", "village_notice_on" };
	int	i;

	*dq = -1;
	*missing = NULL;
	for (i = 0; i < CAREGIVER_NDQ; i++)
		if (!stmt_isnull(st, 2 + i) && stmt_int64(st, 2 + i) != 0) {
			*dq = i;
			return (1);
		}
	if (stmt_isnull(st, 1) || stmt_int64(st, 1) == 0) {
		*missing = "capable";
		return (1);
	}
	for (i = 0; i < 3; i++)
		if (stmt_isnull(st, 6 + i)) {
			*missing = dates[i];
			return (1);
		}
	return (0);
}

/*
 * ENTRUSTED needs one caregiver of the child with no Art. 22 item
 * ticked, checked as capable, the 确认书 signed, and the school and the
 * village notified.  The refusal names what the latest caregiver lacks.
 */
static int
guardianship_guard(const struct resource *r, const struct transition *t,
    struct store *db, const struct actor *ac, int64_t id,
    const struct value *vals, struct arena *a, struct err *e)
{
	struct stmt	*st;
	const char	*missing = NULL;
	int		 rc, dq = -1, n = 0;

	if (strcmp(t->to, "ENTRUSTED") != 0)
		return (0);
	if ((st = store_prepare(db, "SELECT id, capable, dq_harm, dq_vice, "
	    "dq_neglect, dq_other, agreement_signed_on, school_notice_on, "
	    "village_notice_on FROM caregivers WHERE child_id = ? "
	    "ORDER BY id DESC", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, id);
	while ((rc = stmt_step(st, e)) == 1) {
		int	d;
		const char *m;

		if (!caregiver_fails(st, &d, &m)) {
			stmt_finalize(st);
			return (0);
		}
		if (n++ == 0) {
			dq = d;
			missing = m;
		}
	}
	stmt_finalize(st);
	if (rc == -1)
		return (-1);
	if (n == 0) {
		err_setl(e, ERR_CONFLICT, "caregivers",
		    "尚未登记受委托监护人，不能%s",
		    "no entrusted caregiver is recorded, so \"%s\" is not "
		    "possible", t->zh);
		/* Each language names the step its own way. */
		snprintf(e->msg_en, sizeof(e->msg_en), "no entrusted caregiver "
		    "is recorded, so \"%s\" is not possible", t->en);
		err_bo_label(e, t->zh);
	} else if (dq >= 0) {
		err_setl(e, ERR_CONFLICT, caregiver_disqualifications[dq].code,
		    "受委托监护人不符合《未成年人保护法》第二十二条：%s",
		    "the caregiver is disqualified under Art. 22 of the "
		    "Minors Protection Law: %s",
		    caregiver_disqualifications[dq].zh);
		snprintf(e->msg_en, sizeof(e->msg_en), "the caregiver is "
		    "disqualified under Art. 22 of the Minors Protection Law: "
		    "%s", caregiver_disqualifications[dq].en);
		err_bo_label(e, caregiver_disqualifications[dq].zh);
	} else
		err_setl(e, ERR_CONFLICT, missing,
		    "受委托监护人记录缺少 %s，不能确认委托监护",
		    "the caregiver's record lacks %s, so the entrustment "
		    "cannot be confirmed", missing);
	return (-1);
}

/* An unsupervised child asks for a mandatory report (DOMAIN.md §2.2). */
static int
guardianship_after(const struct resource *r, const struct transition *t,
    struct store *db, const struct actor *ac, int64_t id,
    const struct value *vals, struct arena *a, struct err *e)
{
	if (strcmp(t->to, "UNSUPERVISED") != 0)
		return (0);
	return (alert_raise(db, ac, id, "MANDATORY_REPORT_DUE", r->name, id,
	    a, e));
}

int
guardianship_recorded_unsupervised(const struct resource *r,
    struct store *db, const struct actor *ac, int64_t id,
    const struct value *old, const struct value *v, struct arena *a,
    struct err *e)
{
	int	k = resource_field_index(r, "guardianship");

	if (k == -1 || v[k].isnull || v[k].s == NULL ||
	    strcmp(v[k].s, "UNSUPERVISED") != 0)
		return (0);
	/* Once: not again on every later edit of the child. */
	if (old != NULL && !old[k].isnull && old[k].s != NULL &&
	    strcmp(old[k].s, "UNSUPERVISED") == 0)
		return (0);
	return (alert_raise(db, ac, id, "MANDATORY_REPORT_DUE", r->name, id,
	    a, e));
}

/* Whether the caregiver's values say unfit: an item ticked, or incapable. */
static int
unfit(const struct resource *r, const struct value *v)
{
	static const char *const items[] = { "dq_harm", "dq_vice",
	    "dq_neglect", "dq_other" };
	size_t	i;
	int	k;

	for (i = 0; i < sizeof(items) / sizeof(items[0]); i++)
		if ((k = resource_field_index(r, items[i])) != -1 &&
		    !v[k].isnull && v[k].set && v[k].i)
			return (1);
	k = resource_field_index(r, "capable");
	return (k != -1 && v[k].set && !v[k].isnull && !v[k].i);
}

int
guardianship_caregiver_unfit(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, const struct value *old,
    const struct value *v, struct arena *a, struct err *e)
{
	struct stmt	*st;
	int64_t		 child = v[resource_field_index(r, "child_id")].i;
	int		 rc;

	/* Only the step into unfit: not every later edit while it stays so. */
	if (!unfit(r, v) || (old != NULL && unfit(r, old)))
		return (0);
	if ((st = store_prepare(db, "SELECT 1 FROM children WHERE id = ? AND "
	    "guardianship_state = 'ENTRUSTED'", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, child);
	rc = stmt_step(st, e);
	stmt_finalize(st);
	if (rc != 1)
		return (rc);
	return (alert_raise(db, ac, child, "ENTRUSTMENT_REVIEW", r->name, id, a,
	    e));
}

const struct workflow guardianship_workflow = {
	"guardianship_state", &enum_guardianship_state, "PARENT_CARE",
	TRANSITIONS(guardianship_steps), guardianship_guard,
	guardianship_after
};
