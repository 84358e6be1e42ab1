/*
 * res_groups.c - group work (MZ/T 095-2017; DOMAIN.md §6, §11.6) as
 * declared resources: the group, moving through the stages 筹备 → 形成 →
 * 转折 → 成熟 → 结束 → 评估; its members; its sessions (plan, record);
 * and each member's attendance of a session.  A group is scoped by the
 * region where it meets (within its project's service area); members,
 * sessions and attendance through the group.  Rules that need other
 * rows (dates within the project's period, one child at two sessions at
 * once) are in groups.c.
 */
#include <string.h>

#include "checks.h"
#include "declare.h"
#include "groups.h"
#include "roles.h"
#include "workflow.h"

static const struct enum_value group_type_values[] = {
	{ "EDUCATIONAL", "教育小组", "Educational" },
	{ "SUPPORT", "支持小组", "Support" },
	{ "GROWTH", "成长小组", "Growth" },
	{ "THERAPEUTIC", "治疗小组", "Therapeutic" },
	{ "RECREATIONAL", "兴趣娱乐小组", "Recreational" },
	{ "SOCIALIZATION", "社会化小组", "Socialization" },
	{ "SELF_HELP", "自助互助小组", "Self-help and mutual aid" },
	{ "PARENTING", "亲职（监护人）小组", "Parenting (caregivers)" },
};
static const struct enum_decl enum_group_type =
    ENUM_DECL("group_type", group_type_values);

/* DOMAIN.md §11.6; CANCELLED is for a group that never formed. */
static const struct enum_value stage_values[] = {
	{ "PREPARATION", "筹备", "Preparation" },
	{ "FORMING", "形成", "Forming" },
	{ "TRANSITION", "转折", "Transition" },
	{ "MATURE", "成熟", "Maturity" },
	{ "ENDING", "结束", "Ending" },
	{ "EVALUATED", "已评估", "Evaluated" },
	{ "CANCELLED", "已取消", "Cancelled" },
};
static const struct enum_decl enum_group_stage =
    ENUM_DECL("group_stage", stage_values);

#define SUPERVISE	(ROLE_SUPERVISOR | ROLE_LEAD)

static const struct transition group_steps[] = {
	{ "form", "PREPARATION", "FORMING", ROLE_PROVIDER, 0,
	    { "facilitator_id", NULL }, "小组形成（首次活动）",
	    "The group forms (first session)" },
	{ "transition", "FORMING", "TRANSITION", ROLE_PROVIDER, 0, { NULL },
	    "进入转折期", "Enter the transition stage" },
	{ "mature", "TRANSITION", "MATURE", ROLE_PROVIDER, 0, { NULL },
	    "进入成熟期", "Enter the mature stage" },
	{ "end", "MATURE", "ENDING", ROLE_PROVIDER, 0, { NULL },
	    "进入结束期", "Enter the ending stage" },
	{ "end_early", "FORMING TRANSITION", "ENDING", SUPERVISE, TF_REASON,
	    { NULL }, "提前结束", "End early" },
	{ "evaluate", "ENDING", "EVALUATED", SUPERVISE, 0, { NULL },
	    "完成小组评估", "Evaluated" },
	{ "cancel", "PREPARATION", "CANCELLED", SUPERVISE, TF_REASON,
	    { NULL }, "取消小组", "Cancel the group" },
};

static const struct workflow group_workflow = {
	"stage", &enum_group_stage, "PREPARATION", TRANSITIONS(group_steps),
	groups_guard, NULL
};

static const struct field group_fields[] = {
	REF("project_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "projects",
	    "服务项目", "Project"),
	CODEREF("region_code", FF_REQUIRED | FF_PREFIX, "regions",
	    check_region_code, "开展地点（区划）", "Where it meets (region)"),
	TEXT("name", FF_REQUIRED | FF_SEARCH, 2, 100, NULL, "小组名称",
	    "Group name"),
	ENUM("type", FF_REQUIRED | FF_FILTER, enum_group_type, "小组类型",
	    "Type"),
	TEXT("purpose", FF_REQUIRED, 1, 2000, NULL, "小组目标", "Purpose"),
	TEXT("target_members", 0, 0, 500, NULL, "招募对象",
	    "Members sought"),
	INT("planned_sessions", FF_REQUIRED, 1, 100, "计划节数",
	    "Planned sessions"),
	REF("facilitator_id", FF_FILTER, "users", "带领者", "Facilitator"),
	ENUM("stage", FF_READONLY | FF_FILTER, enum_group_stage, "小组阶段",
	    "Stage"),
};

const struct resource res_groups = {
	"groups", "小组工作", "Groups", FIELDS(group_fields),
	ROLE_FIELD | ROLE_PURCHASER | ROLE_EVALUATOR, ROLE_PROVIDER,
	"region_code", 0, NULL, &group_workflow
};

static const struct field member_fields[] = {
	REF("group_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "groups",
	    "小组", "Group"),
	REF("child_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "children",
	    "儿童", "Child"),
	DATE("joined_on", FF_REQUIRED, "加入日期", "Joined on"),
	DATE("left_on", 0, "退出日期", "Left on"),
};

static int
member_derive(const struct resource *r, struct value *v,
    const struct value *old, struct arena *a, struct err *e)
{
	const struct value	*j = &v[resource_field_index(r, "joined_on")];
	const struct value	*l = &v[resource_field_index(r, "left_on")];

	if (j->s != NULL && l->s != NULL && strcmp(l->s, j->s) < 0) {
		err_setl(e, ERR_INVALID, "left_on",
		    "退出日期 %s 早于加入日期 %s",
		    "left_on %s is before joined_on %s", l->s, j->s);
		return (-1);
	}
	return (0);
}

const struct resource res_group_members = {
	"group_members", "小组成员", "Group members", FIELDS(member_fields),
	ROLE_FIELD, ROLE_PROVIDER, "group_id", 1, member_derive, NULL
};

static const struct enum_value session_status_values[] = {
	{ "PLANNED", "计划中", "Planned" },
	{ "HELD", "已开展", "Held" },
	{ "CANCELLED", "已取消", "Cancelled" },
};
static const struct enum_decl enum_session_status =
    ENUM_DECL("session_status", session_status_values);

static const struct field session_fields[] = {
	REF("group_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "groups",
	    "小组", "Group"),
	INT("number", FF_REQUIRED, 1, 100, "节次", "Session number"),
	DATE("planned_date", FF_REQUIRED | FF_FILTER, "日期", "Date"),
	TEXT("start_time", FF_REQUIRED, 5, 5, check_hhmm, "开始时间",
	    "Starts at (HH:MM)"),
	TEXT("end_time", FF_REQUIRED, 5, 5, check_hhmm, "结束时间",
	    "Ends at (HH:MM)"),
	TEXT("place", 0, 0, 200, NULL, "地点", "Place"),
	TEXT("plan", 0, 0, 4000, NULL, "活动计划", "Plan"),
	ENUM("status", FF_FILTER, enum_session_status, "状态", "Status"),
	TEXT("record", 0, 0, 8000, NULL, "活动记录", "Record"),
	DATE("held_on", 0, "开展日期", "Held on"),
};

/*
 * A session ends after it starts; a held session has its date and its
 * record; a new one is planned unless it says otherwise.
 */
static int
session_derive(const struct resource *r, struct value *v,
    const struct value *old, struct arena *a, struct err *e)
{
	struct value	*st = &v[resource_field_index(r, "status")];
	struct value	*s = &v[resource_field_index(r, "start_time")];
	struct value	*f = &v[resource_field_index(r, "end_time")];
	struct value	*held = &v[resource_field_index(r, "held_on")];

	if (st->s == NULL)
		*st = (struct value){ 1, 0, 0, "PLANNED" };
	if (s->s != NULL && f->s != NULL && strcmp(f->s, s->s) <= 0) {
		err_setl(e, ERR_INVALID, "end_time",
		    "结束时间 %s 应晚于开始时间 %s",
		    "end_time %s must be after start_time %s", f->s, s->s);
		return (-1);
	}
	if (strcmp(st->s, "HELD") == 0 && held->s == NULL) {
		err_setl(e, ERR_INVALID, "held_on",
		    "状态为 %s 时须填写开展日期 held_on",
		    "a session with status %s needs held_on", st->s);
		return (-1);
	}
	if (strcmp(st->s, "HELD") != 0 && held->s != NULL) {
		err_setl(e, ERR_INVALID, "held_on",
		    "状态为 %s 的活动不能有开展日期",
		    "a session with status %s cannot have held_on", st->s);
		return (-1);
	}
	return (0);
}

const struct resource res_group_sessions = {
	"group_sessions", "小组活动节次", "Group sessions",
	FIELDS(session_fields),
	ROLE_FIELD | ROLE_PURCHASER | ROLE_EVALUATOR, ROLE_PROVIDER,
	"group_id", 1, session_derive, NULL
};

static const struct enum_value attendance_values[] = {
	{ "PRESENT", "出席", "Present" },
	{ "ABSENT", "缺席", "Absent" },
	{ "EXCUSED", "请假", "Excused" },
};
static const struct enum_decl enum_attendance =
    ENUM_DECL("attendance_status", attendance_values);

static const struct field attendance_fields[] = {
	REF("session_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER,
	    "group_sessions", "节次", "Session"),
	REF("child_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "children",
	    "儿童", "Child"),
	ENUM("status", FF_REQUIRED | FF_FILTER, enum_attendance, "出勤",
	    "Attendance"),
};

const struct resource res_attendance = {
	"attendance", "出勤", "Attendance", FIELDS(attendance_fields),
	ROLE_FIELD, ROLE_PROVIDER, "session_id", 1, NULL, NULL
};
