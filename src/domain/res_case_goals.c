/*
 * res_case_goals.c - the case plan (服务计划): one row a goal, citing the
 * needs dimension of the child's assessment it serves, with the
 * interventions and a target date.  Its progress is a small state machine
 * of its own, so that every rating is kept in workflow_log with its date,
 * its rater and the review note (the reason); the final ratings
 * (ACHIEVED, NOT_ACHIEVED) are given at the case's evaluation.  Rows are
 * scoped through the case, and so through the child.
 */
#include <string.h>

#include "../core/lang.h"
#include "declare.h"
#include "res_assessments.h"
#include "res_cases.h"
#include "roles.h"
#include "workflow.h"

static const struct enum_decl enum_need_dimension = {
	"need_dimension", needs_dimensions, NEEDS_NDIMS
};

static const struct enum_value progress_values[] = {
	{ "NOT_STARTED", "未开始", "Not started" },
	{ "SOME", "部分改善", "Some progress" },
	{ "MUCH", "明显改善", "Much progress" },
	{ "ACHIEVED", "已达成", "Achieved" },
	{ "NOT_ACHIEVED", "未达成", "Not achieved" },
};
static const struct enum_decl enum_goal_progress =
    ENUM_DECL("goal_progress", progress_values);

#define RATING	"NOT_STARTED SOME MUCH"
#define FINAL	"ACHIEVED NOT_ACHIEVED"

/* Each rating is a step with its review note as the reason. */
static const struct transition goal_steps[] = {
	{ "rate_some", RATING, "SOME", ROLE_PROVIDER, TF_REASON, { NULL },
	    "评定：部分改善", "Rate: some progress" },
	{ "rate_much", RATING, "MUCH", ROLE_PROVIDER, TF_REASON, { NULL },
	    "评定：明显改善", "Rate: much progress" },
	{ "achieved", RATING, "ACHIEVED", ROLE_PROVIDER, TF_REASON, { NULL },
	    "最终评定：已达成", "Final rating: achieved" },
	{ "not_achieved", RATING, "NOT_ACHIEVED", ROLE_PROVIDER, TF_REASON,
	    { NULL }, "最终评定：未达成", "Final rating: not achieved" },
	{ "revise", FINAL, "SOME", ROLE_PROVIDER, TF_REASON, { NULL },
	    "修订目标，继续服务", "Revise the goal and go on" },
};

/* The case stages in which each step may be taken. */
static const struct {
	const char	*action;
	const char	*stages;
} goal_stage[] = {
	{ "rate_some", "INTERVENTION EVALUATION" },
	{ "rate_much", "INTERVENTION EVALUATION" },
	{ "achieved", "EVALUATION" },
	{ "not_achieved", "EVALUATION" },
	{ "revise", "PLANNING EVALUATION" },
};

static int
goal_guard(const struct resource *r, const struct transition *t,
    struct store *db, const struct actor *ac, int64_t id,
    const struct value *v, struct arena *a, struct err *e)
{
	struct stmt	*st;
	const char	*stage = NULL, *stages = "";
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof(goal_stage) / sizeof(goal_stage[0]); i++)
		if (strcmp(goal_stage[i].action, t->action) == 0)
			stages = goal_stage[i].stages;
	if ((st = store_prepare(db, "SELECT stage FROM cases WHERE id = ?",
	    e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, v[resource_field_index(r, "case_id")].i);
	if ((rc = stmt_step(st, e)) == 1)
		stage = arena_strdup(a, stmt_text(st, 0));
	stmt_finalize(st);
	if (rc == -1)
		return (-1);
	if (stage == NULL || !workflow_may_start(&(struct transition){
	    .from = stages }, stage)) {
		const char	*w3[3][3] = { { NULL } };

		/* The stages as stored codes, the step in words. */
		lang_words(w3, 0, stage ? stage : "-", stage ? stage : "-");
		lang_words(w3, 1, t->zh, t->en);
		lang_words(w3, 2, stages, stages);
		err_setl_words(e, ERR_CONFLICT, "action",
		    "个案处于「%s」阶段，不能「%s」（须在 %s 阶段）",
		    "the case is in stage %s; \"%s\" is taken in %s", w3);
		return (-1);
	}
	return (0);
}

static const struct workflow goal_workflow = {
	"progress", &enum_goal_progress, "NOT_STARTED", TRANSITIONS(goal_steps),
	goal_guard, NULL
};

static const struct field goal_fields[] = {
	REF("case_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "cases",
	    "个案", "Case"),
	ENUM("need_dimension", FF_REQUIRED | FF_FILTER, enum_need_dimension,
	    "针对的需求维度", "Need served"),
	TEXT("goal", FF_REQUIRED | FF_SENSITIVE | FF_IDENTIFYING, 1, 1000,
	    NULL, "服务目标", "Goal"),
	TEXT("interventions", FF_SENSITIVE | FF_IDENTIFYING, 0, 2000, NULL,
	    "介入策略", "Interventions"),
	DATE("target_date", 0, "目标日期", "Target date"),
	ENUM("progress", FF_READONLY | FF_FILTER, enum_goal_progress,
	    "进展评定", "Progress"),
};

const struct resource res_case_goals = {
	"case_goals", "服务计划目标", "Case plan goals", FIELDS(goal_fields),
	ROLE_PROVIDER, ROLE_PROVIDER,
	/* scoped through the case and its child */ "case_id",
	/* audit reads */ 1, NULL, &goal_workflow
};
