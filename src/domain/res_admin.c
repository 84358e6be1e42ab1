/*
 * res_admin.c - social administration (社会行政; DOMAIN.md §10
 * service_method ADMIN): resources mobilized (donations) and where each
 * went (allocations, down to the child who got a donated phone),
 * partnerships, and trainings with who attended for how long.  All
 * belong to a project and are scoped through it; an allocation through
 * its donation, an attendee through the training.
 */
#include <string.h>

#include "declare.h"
#include "groups.h"
#include "roles.h"

#define ADMIN_READ	(ROLE_PROVIDER | ROLE_FINANCE | ROLE_PURCHASER | \
			ROLE_EVALUATOR)
#define ADMIN_WRITE	(ROLE_PROVIDER | ROLE_FINANCE)
#define FEN_MAX		INT64_C(100000000000)

static const struct enum_value donation_kind_values[] = {
	{ "CASH", "资金", "Cash" },
	{ "IN_KIND", "物资", "In kind" },
};
static const struct enum_decl enum_donation_kind =
    ENUM_DECL("donation_kind", donation_kind_values);

static const struct field donation_fields[] = {
	REF("project_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "projects",
	    "服务项目", "Project"),
	ENUM("kind", FF_REQUIRED | FF_FILTER, enum_donation_kind, "类别",
	    "Kind"),
	TEXT("description", FF_REQUIRED, 1, 500, NULL, "内容", "Description"),
	INT("value_fen", FF_REQUIRED, 1, FEN_MAX, "价值（分）",
	    "Value (fen)"),
	TEXT("donor_name", FF_REQUIRED | FF_SEARCH, 1, 100, NULL, "捐赠方",
	    "Donor"),
	DATE("received_on", FF_REQUIRED, "接收日期", "Received on"),
};

const struct resource res_donations = {
	"donations", "资源链接（捐赠）", "Donations", FIELDS(donation_fields),
	ADMIN_READ, ADMIN_WRITE, "project_id", 0, NULL, NULL
};

static const struct field allocation_fields[] = {
	REF("donation_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "donations",
	    "捐赠", "Donation"),
	REF("child_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "children",
	    "受益儿童", "Child"),
	TEXT("item", FF_REQUIRED, 1, 200, NULL, "物品/用途", "Item"),
	INT("value_fen", FF_REQUIRED, 1, FEN_MAX, "价值（分）",
	    "Value (fen)"),
	DATE("given_on", FF_REQUIRED, "发放日期", "Given on"),
};

const struct resource res_donation_allocations = {
	"donation_allocations", "捐赠发放", "Donation allocations",
	FIELDS(allocation_fields), ROLE_PROVIDER | ROLE_FINANCE, ADMIN_WRITE,
	"donation_id", 1, NULL, NULL
};

static const struct enum_value partner_kind_values[] = {
	{ "GOVERNMENT", "政府部门", "Government department" },
	{ "SCHOOL", "学校", "School" },
	{ "VILLAGE_COMMITTEE", "村（居）委会", "Village committee" },
	{ "MEDICAL", "医疗机构", "Medical" },
	{ "ENTERPRISE", "企业", "Enterprise" },
	{ "SOCIAL_ORG", "社会组织", "Social organization" },
	{ "VOLUNTEER_TEAM", "志愿者团队", "Volunteer team" },
	{ "WOMENS_FEDERATION", "妇联", "Women's Federation" },
	{ "OTHER", "其他", "Other" },
};
static const struct enum_decl enum_partner_kind =
    ENUM_DECL("partner_kind", partner_kind_values);

static const struct field partnership_fields[] = {
	REF("project_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "projects",
	    "服务项目", "Project"),
	TEXT("partner_name", FF_SEARCH, 0, 100, NULL, "合作方名称",
	    "Partner"),
	REF("partner_org_id", FF_FILTER, "organizations", "合作机构",
	    "Partner organization"),
	ENUM("kind", FF_REQUIRED | FF_FILTER, enum_partner_kind, "合作方类别",
	    "Kind"),
	DATE("since", FF_REQUIRED, "合作起始", "Since"),
	TEXT("notes", 0, 0, 2000, NULL, "合作内容", "Notes"),
};

/* A partner is named, or is a registered organization. */
static int
partnership_derive(const struct resource *r, struct value *v,
    const struct value *old, struct arena *a, struct err *e)
{
	const struct value *n = &v[resource_field_index(r, "partner_name")];
	const struct value *o = &v[resource_field_index(r, "partner_org_id")];

	if ((n->s == NULL || *n->s == '\0') && (!o->set || o->isnull)) {
		err_setl(e, ERR_INVALID, "partner_name",
		    "须填写合作方名称 %s 或机构 partner_org_id",
		    "give the %s or a partner_org_id", "partner_name");
		return (-1);
	}
	return (0);
}

const struct resource res_partnerships = {
	"partnerships", "合作伙伴", "Partnerships", FIELDS(partnership_fields),
	ADMIN_READ, ADMIN_WRITE, "project_id", 0, partnership_derive, NULL
};

static const struct enum_value audience_values[] = {
	{ "CHILD_DIRECTOR", "儿童主任", "Child directors" },
	{ "TEACHER", "教师", "Teachers" },
	{ "VOLUNTEER", "志愿者", "Volunteers" },
	{ "CAREGIVER", "监护人", "Caregivers" },
	{ "SOCIAL_WORKER", "社会工作者", "Social workers" },
};
static const struct enum_decl enum_training_audience =
    ENUM_DECL("training_audience", audience_values);

static const struct field training_fields[] = {
	REF("project_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "projects",
	    "服务项目", "Project"),
	ENUM("audience", FF_REQUIRED | FF_FILTER, enum_training_audience,
	    "培训对象", "Audience"),
	TEXT("topic", FF_REQUIRED | FF_SEARCH, 1, 200, NULL, "培训主题",
	    "Topic"),
	DATE("training_date", FF_REQUIRED | FF_FILTER, "培训日期", "Date"),
	INT("hours", FF_REQUIRED, 1, 200, "学时", "Hours"),
	TEXT("trainer", 0, 0, 100, NULL, "培训讲师", "Trainer"),
};

const struct resource res_trainings = {
	"trainings", "培训", "Trainings", FIELDS(training_fields),
	ADMIN_READ, ADMIN_WRITE, "project_id", 0, NULL, NULL
};

static const struct field attendee_fields[] = {
	REF("training_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "trainings",
	    "培训", "Training"),
	TEXT("name", FF_REQUIRED | FF_IDENTIFYING, 1, 50, NULL, "姓名",
	    "Name"),
	TEXT("role", 0, 0, 50, NULL, "身份/职务", "Role"),
	TEXT("organization", 0, 0, 100, NULL, "单位", "Organization"),
	INT("hours_attended", FF_REQUIRED, 0, 200, "参训学时",
	    "Hours attended"),
};

const struct resource res_training_attendees = {
	"training_attendees", "参训人员", "Training attendees",
	FIELDS(attendee_fields), ADMIN_READ, ADMIN_WRITE, "training_id", 0,
	NULL, NULL
};
