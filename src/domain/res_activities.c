/*
 * res_activities.c - community activities (DOMAIN.md §6 community work):
 * what was held where and when, with whom, and how many took part, by
 * age band and sex; registered children who took part are linked one by
 * one.  An activity is scoped by its village; a participant through the
 * activity.
 */
#include "checks.h"
#include "declare.h"
#include "groups.h"
#include "roles.h"

static const struct enum_value activity_type_values[] = {
	{ "FESTIVAL", "节日活动", "Festival" },
	{ "EDUCATION", "知识教育", "Education" },
	{ "SAFETY", "安全教育", "Safety" },
	{ "SPORTS", "体育活动", "Sports" },
	{ "ARTS", "文艺活动", "Arts" },
	{ "PARENTING", "家庭教育/亲子", "Parenting and family" },
	{ "VOLUNTEER", "志愿服务", "Volunteering" },
	{ "HEALTH", "健康义诊", "Health" },
	{ "READING", "阅读", "Reading" },
	{ "OTHER", "其他", "Other" },
};
static const struct enum_decl enum_activity_type =
    ENUM_DECL("activity_type", activity_type_values);

/* Head counts of people who are not registered children. */
#define COUNT(n, zh, en)	INT(n, 0, 0, 100000, zh, en)

static const struct field activity_fields[] = {
	REF("project_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "projects",
	    "服务项目", "Project"),
	TEXT("title", FF_REQUIRED | FF_SEARCH, 2, 100, NULL, "活动名称",
	    "Title"),
	ENUM("type", FF_REQUIRED | FF_FILTER, enum_activity_type, "活动类型",
	    "Type"),
	DATE("activity_date", FF_REQUIRED | FF_FILTER, "活动日期", "Date"),
	CODEREF("village_code", FF_REQUIRED | FF_PREFIX, "regions",
	    check_region_code, "活动地点（村居）", "Village"),
	TEXT("place", 0, 0, 200, NULL, "具体地点", "Place"),
	TEXT("organizer", 0, 0, 100, NULL, "组织者", "Organizer"),
	TEXT("partners", 0, 0, 500, NULL, "合作方", "Partners"),
	COUNT("volunteers", "志愿者人数", "Volunteers"),
	COUNT("under6_m", "6岁以下男", "Under 6, male"),
	COUNT("under6_f", "6岁以下女", "Under 6, female"),
	COUNT("age6_11_m", "6-11岁男", "6-11, male"),
	COUNT("age6_11_f", "6-11岁女", "6-11, female"),
	COUNT("age12_15_m", "12-15岁男", "12-15, male"),
	COUNT("age12_15_f", "12-15岁女", "12-15, female"),
	COUNT("adult_m", "成人男", "Adults, male"),
	COUNT("adult_f", "成人女", "Adults, female"),
	TEXT("record", 0, 0, 8000, NULL, "活动记录", "Record"),
};

const struct resource res_activities = {
	"activities", "社区活动", "Community activities",
	FIELDS(activity_fields),
	ROLE_FIELD | ROLE_PURCHASER | ROLE_EVALUATOR, ROLE_PROVIDER,
	"village_code", 0, NULL, NULL
};

static const struct field participant_fields[] = {
	REF("activity_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER,
	    "activities", "社区活动", "Activity"),
	REF("child_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "children",
	    "儿童", "Child"),
};

const struct resource res_activity_participants = {
	"activity_participants", "活动参与儿童", "Activity participants",
	FIELDS(participant_fields), ROLE_FIELD, ROLE_PROVIDER, "activity_id",
	1, NULL, NULL
};
