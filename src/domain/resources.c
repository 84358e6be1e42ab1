/*
 * resources.c - the declared resources.  Each is data: its fields, their
 * types, bounds, enumerations and flags, and who may read and write it.
 * Rules a declaration cannot say live in its derive hook, below it.
 */
#include <string.h>

#include "../core/util.h"
#include "checks.h"
#include "consent.h"
#include "declare.h"
#include "enums.h"
#include "groups.h"
#include "pinyin.h"
#include "res_assessments.h"
#include "res_cases.h"
#include "enums_family.h"
#include "guardianship.h"
#include "pinyin.h"
#include "res_assessments.h"
#include "res_alerts.h"
#include "res_consents.h"
#include "res_family.h"
#include "res_projects.h"
#include "res_referrals.h"
#include "res_reports.h"
#include "res_visits.h"
#include "resource.h"
#include "roles.h"

/* Regions: 12-digit statistical division codes, province to village. */
static const struct field region_fields[] = {
	TEXT("code", FF_REQUIRED | FF_IMMUTABLE | FF_UNIQUE | FF_PREFIX, 12, 12,
	    check_region_code, "区划代码", "Division code"),
	TEXT("name", FF_REQUIRED | FF_SEARCH, 1, 100, NULL, "名称", "Name"),
	ENUM("level", FF_READONLY | FF_FILTER, enum_region_level, "层级",
	    "Level"),
	TEXT("parent_code", FF_READONLY | FF_FILTER, 0, 12, NULL, "上级代码",
	    "Parent code"),
};

static int
region_derive(const struct resource *r, struct value *v,
    const struct value *old, struct arena *a, struct err *e)
{
	char	parent[13];
	int	code = resource_field_index(r, "code");

	region_parent(v[code].s, parent);
	v[resource_field_index(r, "level")] = (struct value){ 1, 0, 0,
	    region_level_code(region_level(v[code].s)) };
	v[resource_field_index(r, "parent_code")] = (struct value){ 1, 0, 0,
	    arena_strdup(a, parent) };
	return (0);
}

static const struct field org_fields[] = {
	TEXT("name", FF_REQUIRED | FF_SEARCH, 2, 100, NULL, "名称", "Name"),
	TEXT("uscc", FF_UNIQUE | FF_FILTER, 18, 18, check_uscc,
	    "统一社会信用代码", "Unified social credit code"),
	ENUM("org_type", FF_REQUIRED | FF_FILTER, enum_org_type, "类别",
	    "Kind"),
	ENUM("org_form", 0, enum_org_form, "组织形式", "Legal form"),
	CODEREF("region_code", FF_REQUIRED | FF_PREFIX, "regions",
	    check_region_code, "所在区划", "Region"),
	ENUM("rating", 0, enum_org_rating, "评估等级", "Rating"),
	TEXT("phone", 0, 0, 30, NULL, "联系电话", "Phone"),
	TEXT("address", 0, 0, 200, NULL, "地址", "Address"),
};

/* The child's basic registry record (DOMAIN.md §10). */
static const struct field child_fields[] = {
	TEXT("name", FF_REQUIRED | FF_IDENTIFYING | FF_SEARCH, 1, 50, NULL,
	    "姓名", "Name"),
	TEXT("name_bo", FF_IDENTIFYING | FF_SEARCH, 0, 100, NULL, "藏文姓名",
	    "Name in Tibetan"),
	/* "zhang meng qi|zhangmengqi|zmq", from name (domain/pinyin.h). */
	TEXT("name_pinyin", FF_READONLY | FF_IDENTIFYING | FF_SEARCH | FF_LOWER,
	    0, 1000, NULL, "姓名拼音", "Name in pinyin"),
	ENUM("sex", FF_REQUIRED | FF_FILTER, enum_sex, "性别", "Sex"),
	DATE("birth_date", FF_REQUIRED | FF_IDENTIFYING, "出生日期",
	    "Date of birth"),
	ENUM("ethnicity", FF_FILTER, enum_ethnicity, "民族", "Ethnicity"),
	TEXT("id_number", FF_UNIQUE | FF_SENSITIVE | FF_IDENTIFYING | FF_FILTER,
	    18, 18, check_id_number, "公民身份号码", "ID number"),
	CODEREF("village_code", FF_REQUIRED | FF_PREFIX, "regions",
	    check_region_code, "居住村(居)", "Village of residence"),
	TEXT("address", FF_SENSITIVE | FF_IDENTIFYING, 0, 200, NULL,
	    "居住地址", "Address"),
	ENUM("hukou_type", 0, enum_hukou_type, "户口性质", "Hukou"),
	ENUM("schooling", FF_FILTER, enum_schooling, "就学情况", "Schooling"),
	TEXT("school_name", FF_SEARCH, 0, 100, NULL, "学校", "School"),
	INT("grade", 0, 0, 12, "年级", "Grade"),
	BOOL("boarding", 0, "寄宿", "Boarding"),
	ENUM("health", FF_FILTER, enum_health, "健康状况", "Health"),
	INT("disability_grade", 0, 0, 4, "残疾等级", "Disability grade"),
	ENUM("left_behind_type", FF_FILTER, enum_left_behind_type, "留守类型",
	    "Left-behind type"),
	ENUM("guardianship", FF_FILTER, enum_guardianship, "监护状况",
	    "Guardianship"),
	ENUM("risk_level", FF_FILTER, enum_risk_level, "风险等级",
	    "Risk level"),
	TEXT("notes", FF_SENSITIVE | FF_IDENTIFYING, 0, 2000, NULL, "备注",
	    "Notes"),
	REF("project_id", FF_FILTER, "projects", "服务项目", "Project"),
	/* The fuller record (DOMAIN.md §10): categories and econ as a set. */
	BOOL("cat_left_behind", FF_FILTER, "留守儿童", "Left-behind child"),
	BOOL("cat_difficult", FF_FILTER, "困境儿童", "Child in difficulty"),
	BOOL("cat_de_facto_unsupported", FF_FILTER, "事实无人抚养儿童",
	    "De facto unsupported child"),
	BOOL("cat_orphan", FF_FILTER, "孤儿", "Orphan"),
	BOOL("econ_dibao", FF_FILTER, "低保", "Minimum allowance (dibao)"),
	BOOL("econ_tekun", FF_FILTER, "特困", "Extreme-poverty support"),
	BOOL("econ_poverty_reg", FF_FILTER, "建档立卡", "Registered poor"),
	BOOL("has_hukou", FF_FILTER, "已登记户口", "Has hukou"),
	ENUM("income_source", FF_FILTER, enum_income_source, "家庭主要经济来源",
	    "Main family income"),
	TEXT("confirmed_by", FF_IDENTIFYING, 0, 50, NULL, "信息确认人",
	    "Confirmed by (parent or caregiver)"),
	DATE("confirmed_on", 0, "确认日期", "Confirmed on"),
	/* The §11.5 state machine (guardianship.c); moved by transitions. */
	ENUM("guardianship_state", FF_READONLY | FF_FILTER,
	    enum_guardianship_state, "监护状态", "Guardianship state"),
	/* Set by a merge (dedupe.c): the record this one duplicated. */
	REF("merged_into", FF_READONLY | FF_FILTER, "children", "已合并至",
	    "Merged into"),
};

/*
 * Hukou: has_hukou false goes with hukou_type NONE (or none given), and
 * NONE with has_hukou false; the form is confirmed by someone, on a day
 * not after today.
 */
static int
child_record_rules(const struct resource *r, const struct value *v,
    struct err *e)
{
	const struct value	*has = &v[resource_field_index(r, "has_hukou")];
	const struct value	*ht = &v[resource_field_index(r, "hukou_type")];
	const struct value	*by, *on;
	char			 today[11];
	int			 none;

	none = ht->set && !ht->isnull && ht->s != NULL &&
	    strcmp(ht->s, "NONE") == 0;
	if (has->set && !has->isnull && ht->set && !ht->isnull &&
	    ht->s != NULL && (has->i != 0) == none) {
		err_setl(e, ERR_INVALID, "has_hukou",
		    "has_hukou 与户口性质 %s 不一致",
		    "has_hukou does not agree with hukou_type %s", ht->s);
		return (-1);
	}
	by = &v[resource_field_index(r, "confirmed_by")];
	on = &v[resource_field_index(r, "confirmed_on")];
	time_today(today);
	if (on->set && !on->isnull && on->s != NULL) {
		if (strcmp(on->s, today) > 0) {
			err_setl(e, ERR_INVALID, "confirmed_on",
			    "确认日期 %s 晚于今天 (%s)",
			    "confirmed_on %s is later than today (%s)", on->s,
			    today);
			return (-1);
		}
		if (!by->set || by->isnull || by->s == NULL || *by->s == '\0') {
			err_setl(e, ERR_INVALID, "confirmed_by",
			    "填写确认日期 %s 时须填写确认人",
			    "confirmed_on %s needs confirmed_by", on->s);
			return (-1);
		}
	}
	return (0);
}

/*
 * The name's pinyin, for search; the ID number's birth date and sex must
 * agree with the record.
 */
static int
child_derive(const struct resource *r, struct value *v,
    const struct value *old, struct arena *a, struct err *e)
{
	const struct value	*id = &v[resource_field_index(r, "id_number")];
	const struct value	*bd = &v[resource_field_index(r, "birth_date")];
	const struct value	*sx = &v[resource_field_index(r, "sex")];
	const struct value	*nm = &v[resource_field_index(r, "name")];
	char			 birth[11], *py;
	int			 sex;

	if (child_record_rules(r, v, e) == -1)
		return (-1);
	py = nm->s != NULL ? pinyin_search_key(nm->s, a) : NULL;
	v[resource_field_index(r, "name_pinyin")] = (struct value){ 1,
	    py == NULL, 0, py };
	if (!id->set || id->isnull || id->s == NULL)
		return (0);
	id_number_birth(id->s, birth);
	if (bd->s != NULL && strcmp(birth, bd->s) != 0) {
		err_setl(e, ERR_INVALID, "id_number",
		    "身份证号中的出生日期 %s 与出生日期 %s 不一致",
		    "the birth date in the ID number, %s, does not match the "
		    "date of birth %s", birth, bd->s);
		return (-1);
	}
	sex = id_number_sex(id->s);
	if (sx->s != NULL && ((sex == 1) != (strcmp(sx->s, "M") == 0))) {
		err_setl(e, ERR_INVALID, "id_number",
		    "身份证号第17位表示的性别与记录的性别 %s 不一致",
		    "the sex encoded in digit 17 of the ID number does not "
		    "match the recorded sex %s", sx->s);
		return (-1);
	}
	return (0);
}

static const struct resource res_regions = {
	"regions", "行政区划", "Regions", FIELDS(region_fields),
	ROLE_ANY, ROLE_ADMIN, NULL, 0, region_derive, NULL
};

static const struct resource res_organizations = {
	"organizations", "组织机构", "Organizations", FIELDS(org_fields),
	ROLE_ANY, ROLE_ADMIN, NULL, 0, NULL, NULL
};

static const struct resource res_children = {
	"children", "儿童", "Children", FIELDS(child_fields),
	ROLE_FIELD | ROLE_PURCHASER | ROLE_EVALUATOR,
	ROLE_WORKER | ROLE_SUPERVISOR | ROLE_LEAD | ROLE_DIRECTOR |
	    ROLE_TOWNSHIP,
	"village_code", 1, child_derive, &guardianship_workflow
};

const struct resource *const resources[] = {
	&res_regions,
	&res_organizations,
	&res_children,
	&res_consents,
	&res_assessments,
	&res_projects,
	&res_memberships,
	&res_cases,
	&res_case_goals,
	&res_case_notes,
	&res_visits,
	&res_partners,
	&res_referrals,
	&res_mandatory_reports,
	&res_groups,
	&res_group_members,
	&res_group_sessions,
	&res_attendance,
	&res_activities,
	&res_activity_participants,
	&res_donations,
	&res_donation_allocations,
	&res_partnerships,
	&res_trainings,
	&res_training_attendees,
	&res_parents,
	&res_caregivers,
	&res_contact_logs,
	&res_alerts,
	NULL
};
