/*
 * res_reports.c - mandatory reports (res_reports.h).  Detection and
 * report times are both required, with their offsets, so "立即" can be
 * audited: the delay is derived and stored.  The reporter is an
 * FF_CONFIDENTIAL field (resource.c shows it only to the reporter,
 * supervisors, project leads and administrators) and defaults to the
 * person who records the report.  Rows are scoped through the child.
 */
#include <stdio.h>
#include <string.h>

#include "../core/util.h"

#include "declare.h"
#include "res_reports.h"
#include "roles.h"
#include "values.h"
#include "workflow.h"

/* DOMAIN.md §10 report_trigger. */
static const struct enum_value trigger_values[] = {
	{ "ALONE_OR_MISSING", "单独居住/失踪", "Living alone or missing" },
	{ "GUARDIAN_FAILS", "监护缺失", "Guardian fails in their duty" },
	{ "DOMESTIC_VIOLENCE", "家暴", "Domestic violence" },
	{ "HARM", "伤害/侵害", "Injury or unlawful harm" },
	{ "SEXUAL", "性侵害", "Sexual assault" },
	{ "ABANDON", "遗弃", "Abandonment" },
	{ "TRAFFICKING", "拐卖", "Trafficking" },
	{ "BEGGING", "组织乞讨", "Organised begging" },
	{ "SELF_HARM", "自伤", "Self-harm" },
	{ "OTHER_DANGER", "其他危险", "Other danger" },
};
const struct enum_decl enum_report_trigger =
    ENUM_DECL("report_trigger", trigger_values);

static const struct enum_value recipient_values[] = {
	{ "POLICE", "公安", "Police" },
	{ "CIVIL_AFFAIRS", "民政", "Civil affairs" },
	{ "EDUCATION", "教育", "Education" },
	{ "PROCURATORATE", "检察", "Procuratorate" },
};
const struct enum_decl enum_report_recipient =
    ENUM_DECL("report_recipient", recipient_values);

static const struct enum_value stage_values[] = {
	{ "DETECTED", "发现", "Detected" },
	{ "REPORTED", "已报告", "Reported" },
	{ "RECEIVED", "受理/出警", "Received" },
	{ "EMERGENCY_RESPONSE", "应急处置", "Emergency response" },
	{ "ASSESSMENT", "评估", "Assessment" },
	{ "ASSISTANCE", "帮扶", "Assistance" },
	{ "GUARDIANSHIP_INTERVENTION", "监护干预",
	    "Guardianship intervention" },
	{ "MONITORING", "跟进", "Monitoring" },
	{ "CLOSED", "结案", "Closed" },
};
static const struct enum_decl enum_report_stage =
    ENUM_DECL("report_stage", stage_values);

#define DATETIME(n, fl, zh, en) \
	TEXT(n, fl, 17, 35, check_datetime, zh, en)
#define NARRATIVE(n, zh, en) \
	TEXT(n, FF_SENSITIVE | FF_IDENTIFYING, 0, 4000, NULL, zh, en)

static const struct field report_fields[] = {
	REF("child_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "children",
	    "儿童", "Child"),
	REF("project_id", FF_FILTER, "projects", "服务项目", "Project"),
	ENUM("report_trigger", FF_REQUIRED | FF_FILTER, enum_report_trigger,
	    "报告情形", "Trigger"),
	DATETIME("detected_at", FF_REQUIRED, "发现时间", "Detected at"),
	DATETIME("reported_at", FF_REQUIRED, "报告时间", "Reported at"),
	INT("report_delay_minutes", FF_READONLY, 0, INT64_MAX,
	    "发现至报告（分钟）", "Minutes from detection to report"),
	INT("report_delay_hours", FF_READONLY, 0, INT64_MAX,
	    "发现至报告（小时，取整）", "Hours from detection to report "
	    "(whole hours)"),
	CODES("recipients", FF_REQUIRED, enum_report_recipient, 1, 100, "报告对象",
	    "Reported to (codes, comma-separated)"),
	REF("reporter_user_id", FF_IMMUTABLE | FF_CONFIDENTIAL |
	    FF_CREATOR, "users", "报告人（保密）",
	    "Reporter (confidential)"),
	TEXT("source_resource", FF_READONLY, 0, 64, NULL, "来源记录类型",
	    "Raised from (resource)"),
	INT("source_id", FF_READONLY, 1, INT64_MAX, "来源记录编号",
	    "Raised from (record)"),
	ENUM("status", FF_READONLY | FF_FILTER, enum_report_stage, "阶段",
	    "Stage"),
	DATETIME("received_at", 0, "受理时间", "Received at"),
	NARRATIVE("emergency_response", "应急处置情况", "Emergency response"),
	NARRATIVE("assessment", "评估情况", "Assessment"),
	NARRATIVE("assistance", "帮扶措施", "Assistance"),
	NARRATIVE("guardianship_intervention", "监护干预措施",
	    "Guardianship intervention"),
	NARRATIVE("monitoring", "跟进情况", "Monitoring"),
	NARRATIVE("feedback_to_reporter", "向报告人反馈的处理结果",
	    "Outcome told to the reporter"),
	DATE("feedback_on", 0, "反馈日期", "Feedback given on"),
};

#define FIELD_ROLES	ROLE_FIELD
#define CLOSERS		(ROLE_SUPERVISOR | ROLE_LEAD | ROLE_TOWNSHIP)

/* DOMAIN.md §11.4; each step needs the record of the stage it ends. */
static const struct transition report_steps[] = {
	{ "report", "DETECTED", "REPORTED", FIELD_ROLES, 0,
	    { "reported_at", "recipients", NULL }, "已向有关部门报告",
	    "Reported" },
	{ "receive", "REPORTED", "RECEIVED", FIELD_ROLES, 0,
	    { "received_at", NULL }, "有关部门受理/出警", "Received" },
	{ "respond", "RECEIVED", "EMERGENCY_RESPONSE", FIELD_ROLES, 0,
	    { NULL }, "应急处置", "Emergency response" },
	{ "assess", "EMERGENCY_RESPONSE", "ASSESSMENT", FIELD_ROLES, 0,
	    { "emergency_response", NULL }, "开始评估", "Assess" },
	{ "assist", "ASSESSMENT", "ASSISTANCE", FIELD_ROLES, 0,
	    { "assessment", NULL }, "开始帮扶", "Assist" },
	{ "intervene", "ASSISTANCE", "GUARDIANSHIP_INTERVENTION",
	    FIELD_ROLES, TF_REASON, { "assistance", NULL },
	    "监护人不宜监护，监护干预", "Guardian unfit: intervene" },
	{ "monitor", "ASSISTANCE", "MONITORING", FIELD_ROLES, 0,
	    { "assistance", NULL }, "转入跟进", "Monitor" },
	{ "monitor_after_intervention", "GUARDIANSHIP_INTERVENTION",
	    "MONITORING", FIELD_ROLES, 0,
	    { "guardianship_intervention", NULL }, "监护干预后跟进",
	    "Monitor after the intervention" },
	{ "close", "MONITORING", "CLOSED", CLOSERS, 0,
	    { "monitoring", "feedback_on", NULL }, "结案", "Close" },
};

static const struct workflow report_workflow = {
	"status", &enum_report_stage, "DETECTED",
	TRANSITIONS(report_steps), NULL, NULL
};

static const char *
text_of(const struct resource *r, const struct value *v, const char *name)
{
	const struct value	*x = &v[resource_field_index(r, name)];

	return (x->set && !x->isnull && x->s != NULL && *x->s ? x->s : NULL);
}

static int
too_early(const char *field, const char *t, const char *before,
    struct err *e)
{
	err_setl(e, ERR_INVALID, field, "%s (%s) 早于 %s",
	    "%s (%s) is before %s", field, t, before);
	return (-1);
}

/*
 * Times in order: detected ≤ reported ≤ received, none in the future;
 * the delay follows.  Feedback to the reporter comes once received.
 */
static int
report_derive(const struct resource *r, struct value *v,
    const struct value *old, struct arena *a, struct err *e)
{
	const char	*det = text_of(r, v, "detected_at");
	const char	*rep = text_of(r, v, "reported_at");
	const char	*rec = text_of(r, v, "received_at");
	const char	*st = text_of(r, v, "status");
	const char	*bad;
	int64_t		 d, now = time_now() + 300;	/* clocks drift */

	if (det == NULL || rep == NULL)
		return (0);
	bad = datetime_epoch(det) > now ? "detected_at" :
	    datetime_epoch(rep) > now ? "reported_at" :
	    rec != NULL && datetime_epoch(rec) > now ? "received_at" : NULL;
	if (bad != NULL) {
		err_setl(e, ERR_INVALID, bad, "%s 晚于当前时间",
		    "%s is in the future", bad);
		return (-1);
	}
	if ((d = datetime_epoch(rep) - datetime_epoch(det)) < 0)
		return (too_early("reported_at", rep, "detected_at", e));
	if (rec != NULL && datetime_epoch(rec) < datetime_epoch(rep))
		return (too_early("received_at", rec, "reported_at", e));
	v[resource_field_index(r, "report_delay_minutes")] =
	    (struct value){ 1, 0, d / 60, NULL };
	v[resource_field_index(r, "report_delay_hours")] =
	    (struct value){ 1, 0, d / 3600, NULL };
	if ((text_of(r, v, "feedback_to_reporter") != NULL ||
	    text_of(r, v, "feedback_on") != NULL) && st != NULL &&
	    (strcmp(st, "DETECTED") == 0 || strcmp(st, "REPORTED") == 0)) {
		err_setl(e, ERR_INVALID, "feedback_to_reporter",
		    "报告尚未受理（%s），不能记录反馈",
		    "the report is not received yet (%s): no feedback to "
		    "record", st);
		return (-1);
	}
	return (0);
}

const struct resource res_mandatory_reports = {
	"mandatory_reports", "强制报告", "Mandatory reports",
	FIELDS(report_fields),
	ROLE_FIELD | ROLE_EVALUATOR,
	ROLE_WORKER | ROLE_SUPERVISOR | ROLE_LEAD | ROLE_DIRECTOR |
	    ROLE_TOWNSHIP,
	/* scoped through the child: scope_ref.c */ "child_id",
	/* audit reads */ 1, report_derive, &report_workflow
};

/* The source record's child (and project), read as the actor. */
static int
source_child(const struct resource *src, struct store *db,
    const struct actor *ac, int64_t id, int64_t *child, json_t **project,
    struct arena *a, struct err *e)
{
	const struct field	*f;
	json_t			*rec;
	int			 k;

	if (strcmp(src->name, "children") != 0 &&
	    ((k = resource_field_index(src, "child_id")) == -1 ||
	    (f = &src->fields[k])->type != FT_REF || f->ref == NULL ||
	    strcmp(f->ref, "children") != 0)) {
		err_setl(e, ERR_INVALID, "source_resource",
		    "%s 的记录不属于某个儿童，不能据此报告",
		    "records of %s do not name a child", src->name);
		return (-1);
	}
	if (!(src->read_roles & ac->roles) && ac->user_id != 0) {
		err_setl(e, ERR_FORBIDDEN, "source_resource",
		    "您的角色不能读取 %s", "your role may not read %s",
		    src->name);
		return (-1);
	}
	if ((rec = resource_get(src, db, ac, id, a, e)) == NULL) {
		snprintf(e->field, sizeof(e->field), "source_id");
		return (-1);
	}
	*child = strcmp(src->name, "children") == 0 ? id :
	    json_integer_value(json_object_get(rec, "child_id"));
	*project = json_incref(json_object_get(rec, "project_id"));
	json_decref(rec);
	return (0);
}

static int
link_source(struct store *db, int64_t id, const char *src, int64_t src_id,
    struct err *e)
{
	struct stmt	*st;
	int		 rc;

	if ((st = store_prepare(db, "UPDATE mandatory_reports SET "
	    "source_resource = ?, source_id = ? WHERE id = ?", e)) == NULL)
		return (-1);
	stmt_bind_text(st, 1, src);
	stmt_bind_int64(st, 2, src_id);
	stmt_bind_int64(st, 3, id);
	rc = stmt_step(st, e);
	stmt_finalize(st);
	return (rc == -1 ? -1 : 0);
}

json_t *
reports_raise(struct store *db, const struct actor *ac, const char *source,
    int64_t source_id, json_t *in, struct arena *a, struct err *e)
{
	const struct resource	*src;
	json_t			*body, *rec = NULL, *project = NULL;
	int64_t			 child, id;

	if (source == NULL || (src = resource_find(source)) == NULL) {
		err_setl(e, ERR_INVALID, "source_resource",
		    "没有名为 %s 的记录类型", "there is no resource %s",
		    source != NULL ? source : "(none)");
		return (NULL);
	}
	if (json_object_get(in, "child_id") != NULL) {
		err_setl(e, ERR_INVALID, "child_id",
		    "%s 取自来源记录，不能另行填写",
		    "%s comes from the source record", "child_id");
		return (NULL);
	}
	if (source_child(src, db, ac, source_id, &child, &project, a,
	    e) == -1)
		return (NULL);
	body = json_deep_copy(in);
	json_object_set_new(body, "child_id", json_integer(child));
	if (project != NULL && !json_is_null(project) &&
	    json_object_get(body, "project_id") == NULL)
		json_object_set(body, "project_id", project);
	json_decref(project);
	if (store_begin(db, e) == -1)
		goto out;
	if ((rec = resource_create(&res_mandatory_reports, db, ac, body, a,
	    e)) == NULL)
		goto rollback;
	id = json_integer_value(json_object_get(rec, "id"));
	json_decref(rec);
	if (link_source(db, id, src->name, source_id, e) == -1 ||
	    (rec = resource_transition(&res_mandatory_reports, db, ac, id, 1,
	    "report", NULL, NULL, a, e)) == NULL)
		goto rollback;
	if (store_commit(db, e) == -1) {
		json_decref(rec);
		rec = NULL;
		goto rollback;
	}
	goto out;
rollback:
	store_rollback(db);
out:
	json_decref(body);
	return (rec);
}
