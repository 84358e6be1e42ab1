/*
 * res_case_notes.c - case notes (个案记录, MZ/T 094 档案记录): what
 * happened, kept apart from the worker's professional judgement of it
 * (facts before inferences), and the next steps.  All three are sealed
 * at rest and every read is audited; rows are scoped through the case.
 */
#include <string.h>

#include "../core/util.h"
#include "declare.h"
#include "res_cases.h"
#include "roles.h"

static const struct enum_value kind_values[] = {
	{ "INTAKE", "接案面谈", "Intake interview" },
	{ "ASSESSMENT", "预估", "Assessment" },
	{ "PLANNING", "计划", "Planning" },
	{ "SESSION", "个案面谈", "Session" },
	{ "HOME_VISIT", "家访", "Home visit" },
	{ "PHONE", "电话/视频", "Phone or video call" },
	{ "SCHOOL_VISIT", "学校走访", "School visit" },
	{ "SUPERVISION", "督导", "Supervision" },
	{ "REFERRAL", "转介联络", "Referral contact" },
	{ "EVALUATION", "评估", "Evaluation" },
	{ "CLOSING", "结案", "Closing" },
};
static const struct enum_decl enum_note_kind = ENUM_DECL("case_note_kind",
    kind_values);

#define PRIVATE	(FF_SENSITIVE | FF_IDENTIFYING)

static const struct field note_fields[] = {
	REF("case_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "cases",
	    "个案", "Case"),
	DATE("noted_on", FF_REQUIRED, "日期", "Date"),
	ENUM("kind", FF_REQUIRED | FF_FILTER, enum_note_kind, "记录类型",
	    "Kind"),
	INT("minutes", 0, 0, 1440, "时长（分钟）", "Duration (minutes)"),
	TEXT("facts", FF_REQUIRED | PRIVATE, 1, 8000, NULL, "事实记录",
	    "What happened"),
	TEXT("assessment", PRIVATE, 0, 8000, NULL, "社工的专业判断",
	    "The worker's assessment"),
	TEXT("next_steps", PRIVATE, 0, 2000, NULL, "下一步计划",
	    "Next steps"),
};

/* A note records what has happened: not dated in the future. */
static int
note_derive(const struct resource *r, struct value *v,
    const struct value *old, struct arena *a, struct err *e)
{
	const struct value	*on = &v[resource_field_index(r, "noted_on")];
	char			 today[32];

	time_now_rfc3339(today);
	today[10] = '\0';
	if (on->s != NULL && strcmp(on->s, today) > 0) {
		err_setl(e, ERR_INVALID, "noted_on",
		    "记录日期 %s 晚于今天 (%s)",
		    "noted_on %s is later than today (%s)", on->s, today);
		return (-1);
	}
	return (0);
}

const struct resource res_case_notes = {
	"case_notes", "个案记录", "Case notes", FIELDS(note_fields),
	ROLE_PROVIDER, ROLE_PROVIDER,
	/* scoped through the case and its child */ "case_id",
	/* audit reads */ 1, note_derive, NULL
};
