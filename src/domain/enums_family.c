/*
 * enums_family.c - value tables of enums_family.h.
 */
#include "enums_family.h"

static const struct enum_value parent_role_values[] = {
	{ "FATHER", "父亲", "Father" },
	{ "MOTHER", "母亲", "Mother" },
};

/* 无监护能力 and its local grounds (DOMAIN.md §2.1). */
static const struct enum_value parent_capacity_values[] = {
	{ "CAPABLE", "有监护能力", "Capable" },
	{ "ILLNESS", "重病", "Serious illness" },
	{ "DISABILITY", "重残", "Serious disability" },
	{ "PRISON", "服刑", "In prison" },
	{ "MISSING", "失联", "Missing or unreachable" },
	{ "DECEASED", "死亡", "Deceased" },
	{ "OTHER", "其他无监护能力情形", "Other incapacity" },
};

static const struct enum_value caregiver_relation_values[] = {
	{ "GRANDPARENT_P", "祖父母", "Paternal grandparent" },
	{ "GRANDPARENT_M", "外祖父母", "Maternal grandparent" },
	{ "SIBLING", "兄姐", "Adult sibling" },
	{ "RELATIVE", "其他亲属", "Other relative" },
	{ "FRIEND", "朋友", "Friend" },
	{ "INSTITUTION", "机构", "Institution" },
};

static const struct enum_value contact_who_values[] = {
	{ "FATHER", "父亲", "Father" },
	{ "MOTHER", "母亲", "Mother" },
	{ "BOTH_PARENTS", "父母双方", "Both parents" },
};

static const struct enum_value contact_how_values[] = {
	{ "PHONE", "电话", "Phone call" },
	{ "VIDEO", "视频", "Video call" },
	{ "VISIT_HOME", "父母回家探望", "Parent visits home" },
	{ "CHILD_VISITS", "儿童探望父母", "Child visits the parent" },
	{ "OTHER", "其他", "Other" },
};

/* 家庭主要经济来源 (2016 摸底排查). */
static const struct enum_value income_source_values[] = {
	{ "MIGRANT_WAGES", "外出务工收入", "Migrant wages" },
	{ "FARMING", "务农", "Farming" },
	{ "BUSINESS", "经营收入", "Own business" },
	{ "ASSISTANCE", "政府救助", "Public assistance" },
	{ "PENSION_RELATIVES", "养老金或亲友资助",
	    "Pension or relatives' support" },
	{ "OTHER", "其他", "Other" },
};

static const struct enum_value guardianship_state_values[] = {
	{ "PARENT_CARE", "父母监护", "Parental care" },
	{ "ENTRUSTMENT_PENDING", "委托监护办理中", "Entrustment pending" },
	{ "ENTRUSTED", "委托监护", "Entrusted care" },
	{ "UNSUPERVISED", "无人监护", "Unsupervised" },
	{ "TEMP_CUSTODY", "临时监护", "Temporary custody" },
	{ "COURT_APPOINTED", "另行指定监护人", "Guardian appointed by court" },
};

static const struct enum_value alert_kind_values[] = {
	{ "MANDATORY_REPORT_DUE", "须强制报告", "Mandatory report due" },
	{ "ENTRUSTMENT_REVIEW", "委托监护须重新评估",
	    "Entrusted care to be reviewed" },
};

const struct enum_decl enum_parent_role =
    ENUM_DECL("parent_role", parent_role_values);
const struct enum_decl enum_parent_capacity =
    ENUM_DECL("parent_capacity", parent_capacity_values);
const struct enum_decl enum_caregiver_relation =
    ENUM_DECL("caregiver_relation", caregiver_relation_values);
const struct enum_decl enum_contact_who =
    ENUM_DECL("contact_who", contact_who_values);
const struct enum_decl enum_contact_how =
    ENUM_DECL("contact_how", contact_how_values);
const struct enum_decl enum_income_source =
    ENUM_DECL("income_source", income_source_values);
const struct enum_decl enum_guardianship_state =
    ENUM_DECL("guardianship_state", guardianship_state_values);
const struct enum_decl enum_alert_kind =
    ENUM_DECL("alert_kind", alert_kind_values);
