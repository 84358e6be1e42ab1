/*
 * res_cases.c - the case (个案, MZ/T 094-2017; DOMAIN.md §6, §10): a
 * child, the worker who carries the case and the supervisor who approves
 * its plan and its closing, moving through the stages of DOMAIN.md §11.1
 * (接案 → 预估 → 计划 → 介入 → 评估 → 结案).  The table below is the state
 * machine; case_guard() says what the table cannot: the plan has goals
 * citing assessed needs, the goals are rated before "goals met", the
 * closure reason fits the step, and the approver is the case's
 * supervisor.  Rows are scoped through the child.
 */
#include <string.h>

#include "../core/lang.h"
#include "../core/util.h"
#include "declare.h"
#include "res_assessments.h"
#include "res_cases.h"
#include "roles.h"
#include "workflow.h"

static const struct enum_value stage_values[] = {
	{ "IDENTIFIED", "待接案", "Identified" },
	{ "INTAKE", "接案", "Intake" },
	{ "ASSESSMENT", "预估", "Assessment" },
	{ "PLANNING", "计划", "Planning" },
	{ "INTERVENTION", "介入", "Intervention" },
	{ "EVALUATION", "评估", "Evaluation" },
	{ "CLOSING", "结案中", "Closing" },
	{ "CLOSED", "已结案", "Closed" },
	{ "DECLINED", "不予接案", "Declined" },
	{ "SUSPENDED", "暂停", "Suspended" },
};
const struct enum_decl enum_case_stage = ENUM_DECL("case_stage",
    stage_values);

static const struct enum_value closure_values[] = {
	{ "GOALS_MET", "目标达成", "Goals met" },
	{ "CLIENT_REQUEST", "本人要求", "Client's request" },
	{ "REFERRED", "转介", "Referred" },
	{ "MOVED", "迁出", "Moved away" },
	{ "LOST_CONTACT", "失联", "Lost contact" },
	{ "AGED_OUT", "超龄", "Aged out" },
	{ "PROJECT_ENDED", "项目结束", "Project ended" },
	{ "DECEASED", "死亡", "Deceased" },
};
const struct enum_decl enum_closure_reason = ENUM_DECL("closure_reason",
    closure_values);

/* Where the case came from: found by outreach, or referred by whom. */
static const struct enum_value source_values[] = {
	{ "OUTREACH", "主动发现", "Outreach" },
	{ "SELF", "本人求助", "Child's own request" },
	{ "GUARDIAN", "监护人求助", "Guardian's request" },
	{ "DIRECTOR", "儿童主任转介", "Village child director" },
	{ "TOWNSHIP", "乡镇转介", "Township" },
	{ "SCHOOL", "学校转介", "School" },
	{ "CIVIL_AFFAIRS", "民政部门转介", "Civil affairs" },
	{ "OTHER_AGENCY", "其他机构转介", "Another agency" },
	{ "REPORT", "强制报告", "Mandatory report" },
};
static const struct enum_decl enum_case_source = ENUM_DECL("case_source",
    source_values);

#define WORK	ROLE_PROVIDER			/* the caseworker's steps */
#define APPROVE	(ROLE_SUPERVISOR | ROLE_LEAD)	/* 督导 approves */
#define OPEN	CASE_OPEN_STAGES

/* DOMAIN.md §11.1, one line a step. */
static const struct transition case_steps[] = {
	{ "accept", "IDENTIFIED", "INTAKE", WORK, 0, { NULL },
	    "接案", "Accept the case" },
	{ "decline", "IDENTIFIED", "DECLINED", WORK, TF_REASON, { NULL },
	    "不予接案", "Decline (ineligible)" },
	{ "assess", "INTAKE", "ASSESSMENT", WORK, 0,
	    { "presenting_problem", NULL }, "进入预估", "Start the assessment" },
	{ "plan", "ASSESSMENT", "PLANNING", WORK, 0, { NULL },
	    "制定服务计划", "Draw up the plan" },
	{ "approve_plan", "PLANNING", "INTERVENTION", APPROVE, 0,
	    { "supervisor_user_id", NULL }, "督导批准计划，开始介入",
	    "Supervisor approves the plan" },
	{ "evaluate", "INTERVENTION", "EVALUATION", WORK, 0, { NULL },
	    "进入评估", "Evaluate" },
	{ "goals_met", "EVALUATION", "CLOSING", WORK, 0,
	    { "closure_reason", NULL }, "目标达成，准备结案",
	    "Goals met: prepare the closing" },
	{ "not_met", "EVALUATION", "PLANNING", WORK, TF_REASON, { NULL },
	    "目标未达成，修订计划", "Goals not met: revise the plan" },
	{ "refer", OPEN, "CLOSING", WORK, TF_REASON,
	    { "closure_reason", NULL }, "转介结案", "Refer out" },
	{ "close_early", OPEN, "CLOSING", WORK, TF_REASON,
	    { "closure_reason", NULL }, "提前结案", "Close early" },
	{ "suspend", OPEN, "SUSPENDED", WORK, TF_REASON, { NULL },
	    "暂停服务", "Suspend" },
	{ "resume", "SUSPENDED", "@suspended_from", WORK, 0, { NULL },
	    "恢复服务", "Resume" },
	{ "sign_off", "CLOSING", "CLOSED", APPROVE, 0,
	    { "closure_summary", "supervisor_user_id", NULL },
	    "督导签字结案", "Supervisor signs off the closing" },
	{ "reopen", "CLOSED", "INTAKE", APPROVE, TF_REASON, { NULL },
	    "重新开案", "Reopen" },
};

static int	case_guard(const struct resource *, const struct transition *,
		    struct store *, const struct actor *, int64_t,
		    const struct value *, struct arena *, struct err *);

static const struct workflow case_workflow = {
	"stage", &enum_case_stage, "IDENTIFIED", TRANSITIONS(case_steps),
	case_guard, NULL
};

#define PRIVATE	(FF_SENSITIVE | FF_IDENTIFYING)

static const struct field case_fields[] = {
	REF("child_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "children",
	    "儿童", "Child"),
	REF("project_id", FF_FILTER, "projects", "服务项目", "Project"),
	REF("worker_user_id", FF_FILTER | FF_CREATOR | FF_CASELOAD, "users",
	    "个案社工", "Caseworker"),
	REF("supervisor_user_id", FF_FILTER, "users", "督导", "Supervisor"),
	DATE("opened_on", FF_REQUIRED, "开案日期", "Opened on"),
	ENUM("source", FF_REQUIRED | FF_FILTER, enum_case_source, "个案来源",
	    "Source"),
	TEXT("referral_reason", PRIVATE, 0, 1000, NULL, "转介/求助原因",
	    "Reason for referral"),
	TEXT("presenting_problem", PRIVATE, 0, 4000, NULL, "主要问题",
	    "Presenting problem"),
	ENUM("stage", FF_READONLY | FF_FILTER, enum_case_stage, "阶段",
	    "Stage"),
	/* Filled and cleared by the state machine: "@suspended_from". */
	ENUM("suspended_from", FF_READONLY, enum_case_stage, "暂停前阶段",
	    "Suspended from"),
	ENUM("closure_reason", FF_FILTER, enum_closure_reason, "结案原因",
	    "Closure reason"),
	TEXT("closure_summary", PRIVATE, 0, 4000, NULL, "结案小结",
	    "Closure summary"),
};

static const struct value *
val(const struct resource *r, const struct value *v, const char *name)
{
	return (&v[resource_field_index(r, name)]);
}

static int
is_set(const struct value *v)
{
	return (v->set && !v->isnull);
}

/*
 * A plan or a closing is approved by a lead, or by the case's own
 * supervisor; never by the worker who carries the case.
 */
static int
check_approver(const struct resource *r, const struct transition *t,
    const struct actor *ac, const struct value *v, struct arena *a,
    struct err *e)
{
	const struct value	*w = val(r, v, "worker_user_id");
	const struct value	*s = val(r, v, "supervisor_user_id");
	const char		*w3[3][3] = { { NULL } };

	if (ac->user_id == 0)
		return (0);
	lang_words(w3, 0, t->zh, t->en);
	if (is_set(w) && w->i == ac->user_id) {
		err_setl_words(e, ERR_FORBIDDEN, "action",
		    "个案社工不能自己「%s」",
		    "the case's own worker may not take the step \"%s\"", w3);
		return (-1);
	}
	if (!(ac->roles & ROLE_LEAD) && s->i != ac->user_id) {
		err_setl_words(e, ERR_FORBIDDEN, "action",
		    "只有本个案的督导（或项目主管）可以「%s」",
		    "only the case's supervisor (or a project lead) may take "
		    "the step \"%s\"", w3);
		return (-1);
	}
	return (0);
}

/* The child's latest needs assessment, its ten ratings into rating[]. */
static int
latest_ratings(struct store *db, int64_t child, int64_t rating[NEEDS_NDIMS],
    struct arena *a, struct err *e)
{
	struct stmt	*st;
	const char	*cols = "";
	size_t		 i;
	int		 rc;

	for (i = 0; i < NEEDS_NDIMS; i++)
		cols = arena_printf(a, "%s%s%s", cols, i ? ", " : "",
		    needs_dimensions[i].code);
	if ((st = store_prepare(db, arena_printf(a, "SELECT %s FROM "
	    "assessments WHERE child_id = ? ORDER BY assessed_on DESC, "
	    "id DESC LIMIT 1", cols), e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, child);
	if ((rc = stmt_step(st, e)) == 1)
		for (i = 0; i < NEEDS_NDIMS; i++)
			rating[i] = stmt_int64(st, (int)i);
	stmt_finalize(st);
	if (rc == 0)
		err_setl(e, ERR_CONFLICT, "assessments",
		    "儿童还没有需求评估，计划无所依据",
		    "the child has no needs assessment for the plan to "
		    "rest on");
	return (rc == 1 ? 0 : -1);
}

static int
dimension_rating(const int64_t rating[NEEDS_NDIMS], const char *code)
{
	size_t	i;

	for (i = 0; i < NEEDS_NDIMS; i++)
		if (code != NULL && strcmp(needs_dimensions[i].code, code) == 0)
			return ((int)rating[i]);
	return (0);
}

/*
 * The plan to approve has a goal, and each goal serves a need the child's
 * latest assessment rated 1 or more (MZ/T 094: the plan follows the
 * assessment).
 */
static int
check_plan(struct store *db, int64_t id, int64_t child, struct arena *a,
    struct err *e)
{
	struct stmt	*st;
	int64_t		 rating[NEEDS_NDIMS], goal = 0;
	const char	*dim = NULL;
	int		 rc, n = 0;

	if (latest_ratings(db, child, rating, a, e) == -1)
		return (-1);
	if ((st = store_prepare(db, "SELECT id, need_dimension FROM "
	    "case_goals WHERE case_id = ? ORDER BY id", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, id);
	while ((rc = stmt_step(st, e)) == 1) {
		n++;
		if (dimension_rating(rating, stmt_text(st, 1)) < 1) {
			goal = stmt_int64(st, 0);
			dim = arena_strdup(a, stmt_text(st, 1));
			break;
		}
	}
	stmt_finalize(st);
	if (rc == -1)
		return (-1);
	if (dim != NULL) {
		err_setl(e, ERR_CONFLICT, "need_dimension",
		    "目标 %lld 针对的需求维度 %s 在最近一次需求评估中评为 0",
		    "goal %lld serves the need %s, which the latest needs "
		    "assessment rated 0", (long long)goal, dim);
		return (-1);
	}
	if (n == 0) {
		err_setl(e, ERR_CONFLICT, "case_goals",
		    "服务计划还没有目标（个案 %lld）",
		    "the plan of case %lld has no goal yet", (long long)id);
		return (-1);
	}
	return (0);
}

/* "Goals met": every goal has its final rating, and each was achieved. */
static int
check_goals_met(struct store *db, int64_t id, struct arena *a, struct err *e)
{
	struct stmt	*st;
	int64_t		 goal = 0;
	const char	*bad = NULL;
	int		 rc, n = 0;

	if ((st = store_prepare(db, "SELECT id, progress FROM case_goals "
	    "WHERE case_id = ? ORDER BY id", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, id);
	while ((rc = stmt_step(st, e)) == 1) {
		n++;
		if (strcmp(stmt_text(st, 1), "ACHIEVED") != 0) {
			goal = stmt_int64(st, 0);
			bad = arena_strdup(a, stmt_text(st, 1));
			break;
		}
	}
	stmt_finalize(st);
	if (rc == -1)
		return (-1);
	if (n == 0) {
		err_setl(e, ERR_CONFLICT, "case_goals",
		    "个案 %lld 没有服务目标，不能以目标达成结案",
		    "case %lld has no goal, so its goals cannot be met",
		    (long long)id);
		return (-1);
	}
	if (bad != NULL && strcmp(bad, "NOT_ACHIEVED") == 0) {
		err_setl(e, ERR_CONFLICT, "progress",
		    "目标 %lld 评定为未达成：请修订计划或提前结案",
		    "goal %lld was rated not achieved: revise the plan or "
		    "close early", (long long)goal);
		return (-1);
	}
	if (bad != NULL) {
		err_setl(e, ERR_CONFLICT, "progress",
		    "目标 %lld 还没有最终评定（当前为 %s）",
		    "goal %lld has no final rating yet (it is %s)",
		    (long long)goal, bad);
		return (-1);
	}
	return (0);
}

/* The closure reason each step into CLOSING takes (NULL: any other). */
static const struct {
	const char	*action;
	const char	*reason;
} closure_for[] = {
	{ "goals_met", "GOALS_MET" },
	{ "refer", "REFERRED" },
	{ "close_early", NULL },
};

static int
check_closure_reason(const struct transition *t, const char *reason,
    struct err *e)
{
	size_t	i;
	int	ok;

	for (i = 0; i < sizeof(closure_for) / sizeof(closure_for[0]); i++) {
		if (strcmp(closure_for[i].action, t->action) != 0)
			continue;
		ok = closure_for[i].reason != NULL ?
		    strcmp(reason, closure_for[i].reason) == 0 :
		    strcmp(reason, "GOALS_MET") != 0 &&
		    strcmp(reason, "REFERRED") != 0;
		if (!ok && closure_for[i].reason != NULL) {
			err_setl(e, ERR_INVALID, "closure_reason",
			    "「%s」的结案原因应为 %s，而不是 %s",
			    "the step %s takes closure_reason %s, not %s",
			    t->action, closure_for[i].reason, reason);
			return (-1);
		}
		if (!ok) {
			err_setl(e, ERR_INVALID, "closure_reason",
			    "提前结案不能以 %s 为结案原因",
			    "an early closing cannot have closure_reason %s",
			    reason);
			return (-1);
		}
	}
	return (0);
}

static int
case_guard(const struct resource *r, const struct transition *t,
    struct store *db, const struct actor *ac, int64_t id,
    const struct value *v, struct arena *a, struct err *e)
{
	const struct value	*cr = val(r, v, "closure_reason");

	/* The supervisor's steps: approve, sign off, reopen. */
	if (t->roles == APPROVE && check_approver(r, t, ac, v, a, e) == -1)
		return (-1);
	if (strcmp(t->action, "approve_plan") == 0)
		return (check_plan(db, id, val(r, v, "child_id")->i, a, e));
	if (strcmp(t->to, "CLOSING") == 0 &&
	    check_closure_reason(t, cr->s, e) == -1)
		return (-1);
	if (strcmp(t->action, "goals_met") == 0)
		return (check_goals_met(db, id, a, e));
	return (0);
}

/* A case is not opened in the future, nor before its child was born. */
static int
case_derive(const struct resource *r, struct value *v,
    const struct value *old, struct arena *a, struct err *e)
{
	const struct value	*on = val(r, v, "opened_on");
	char			 today[32];

	time_now_rfc3339(today);
	today[10] = '\0';
	if (on->s != NULL && strcmp(on->s, today) > 0) {
		err_setl(e, ERR_INVALID, "opened_on",
		    "开案日期 %s 晚于今天 (%s)",
		    "opened_on %s is later than today (%s)", on->s, today);
		return (-1);
	}
	return (0);
}

const struct resource res_cases = {
	"cases", "个案", "Cases", FIELDS(case_fields),
	ROLE_PROVIDER, ROLE_PROVIDER,
	/* scoped through the child: scope_ref.c */ "child_id",
	/* audit reads */ 1, case_derive, &case_workflow
};

/*
 * A goal or a note belongs to a case still in work: once a case is
 * closed or declined its record is final (a reopen makes it open again).
 */
int
cases_check_open(const struct resource *r, struct store *db,
    const struct actor *ac, int64_t id, const struct value *v,
    struct arena *a, struct err *e)
{
	const struct value	*cv = &v[resource_field_index(r, "case_id")];
	struct stmt		*st;
	const char		*stage = NULL;
	int			 rc;

	if (!cv->set || cv->isnull)
		return (0);
	if ((st = store_prepare(db, "SELECT stage FROM cases WHERE id = ?",
	    e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, cv->i);
	if ((rc = stmt_step(st, e)) == 1)
		stage = arena_strdup(a, stmt_text(st, 0));
	stmt_finalize(st);
	if (rc == -1)
		return (-1);
	if (stage != NULL && (strcmp(stage, "CLOSED") == 0 ||
	    strcmp(stage, "DECLINED") == 0)) {
		const struct enum_value *sv = enum_find(&enum_case_stage,
		    stage);
		const char	*w3[3][3] = { { NULL } };

		lang_words(w3, 0, sv->zh, sv->en);
		lang_words(w3, 1, r->zh, r->en);
		err_setl_words(e, ERR_CONFLICT, "case_id",
		    "个案已处于「%s」，不能再添加或修改%s",
		    "the case is %s: its %s can no longer be added to or "
		    "changed", w3);
		return (-1);
	}
	return (0);
}
