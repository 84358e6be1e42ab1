/*
 * res_projects.c - the purchase project (DOMAIN.md §4, §10): who buys,
 * who provides, from which funds, for which area and period, moving
 * through the state machine of DOMAIN.md §11.2; and the memberships that
 * give a person a role in a project.  A project is scoped by its service
 * area; a membership through its project.
 */
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "declare.h"
#include "res_projects.h"
#include "roles.h"
#include "workflow.h"

static const struct enum_value fund_values[] = {
	{ "CENTRAL", "中央财政", "Central budget" },
	{ "PROVINCIAL", "省级", "Provincial budget" },
	{ "MUNICIPAL", "市级", "Municipal budget" },
	{ "COUNTY", "县级", "County budget" },
	{ "LOTTERY", "彩票公益金", "Lottery welfare fund" },
	{ "DONATION", "社会募集", "Donations" },
	{ "OWN", "自有", "Provider's own funds" },
};
static const struct enum_decl enum_fund_source =
    ENUM_DECL("fund_source", fund_values);

static const struct enum_value procurement_values[] = {
	{ "OPEN_TENDER", "公开招标", "Open tender" },
	{ "INVITED", "邀请招标", "Invited tender" },
	{ "NEGOTIATION", "竞争性谈判", "Competitive negotiation" },
	{ "CONSULTATION", "竞争性磋商", "Competitive consultation" },
	{ "SINGLE_SOURCE", "单一来源", "Single source" },
	{ "INQUIRY", "询价", "Request for quotation" },
	{ "FRAMEWORK", "框架协议", "Framework agreement" },
	{ "GRANT", "项目申报评审", "Grant by application and review" },
};
static const struct enum_decl enum_procurement =
    ENUM_DECL("procurement_method", procurement_values);

static const struct enum_value status_values[] = {
	{ "NEED_SURVEY", "需求调查", "Needs survey" },
	{ "DESIGN", "项目设计", "Design" },
	{ "EX_ANTE_REVIEW", "事前评估", "Ex-ante review" },
	{ "BUDGETED", "已列预算", "Budgeted" },
	{ "PROCUREMENT", "采购中", "Procurement" },
	{ "AWARDED", "已中标", "Awarded" },
	{ "CONTRACTED", "已签约", "Contracted" },
	{ "IN_SERVICE", "服务中", "In service" },
	{ "MIDTERM_REVIEW", "中期评估", "Midterm review" },
	{ "RECTIFICATION", "整改", "Rectification" },
	{ "FINAL_REVIEW", "末期评估", "Final review" },
	{ "ACCEPTANCE", "验收", "Acceptance" },
	{ "SETTLEMENT", "结算", "Settlement" },
	{ "ARCHIVED", "已归档", "Archived" },
	{ "TERMINATED", "已终止", "Terminated" },
};
static const struct enum_decl enum_project_status =
    ENUM_DECL("project_status", status_values);

#define BUYER	(ROLE_PURCHASER | ROLE_ADMIN)
#define REVIEW	(ROLE_PURCHASER | ROLE_EVALUATOR | ROLE_ADMIN)

/* DOMAIN.md §11.2, one line a step. */
static const struct transition project_steps[] = {
	{ "design", "NEED_SURVEY", "DESIGN", BUYER, 0, { NULL },
	    "进入项目设计", "Start the design" },
	{ "review", "DESIGN", "EX_ANTE_REVIEW", BUYER, 0, { NULL },
	    "提交事前评估", "Submit for ex-ante review" },
	{ "budget", "EX_ANTE_REVIEW", "BUDGETED", BUYER, 0,
	    { "budget_fen", NULL }, "列入预算", "Put in the budget" },
	{ "procure", "BUDGETED", "PROCUREMENT", BUYER, 0,
	    { "procurement_method", NULL }, "开始采购", "Start procurement" },
	{ "fail_bid", "PROCUREMENT", "PROCUREMENT", BUYER, TF_REASON,
	    { NULL }, "流标重新采购", "Procurement failed; procure again" },
	{ "award", "PROCUREMENT", "AWARDED", BUYER, 0,
	    { "provider_org_id", NULL }, "确定承接方", "Award" },
	{ "contract", "AWARDED", "CONTRACTED", BUYER, 0,
	    { "contract_no", "start_date", "end_date", NULL }, "签订合同",
	    "Sign the contract" },
	{ "start", "CONTRACTED", "IN_SERVICE", BUYER | ROLE_LEAD, 0,
	    { NULL }, "首笔拨付，开始服务", "First instalment; start service" },
	{ "midterm", "IN_SERVICE", "MIDTERM_REVIEW", REVIEW, 0, { NULL },
	    "中期评估", "Midterm review" },
	{ "pass_midterm", "MIDTERM_REVIEW", "IN_SERVICE", REVIEW, 0,
	    { NULL }, "中期通过", "Midterm passed" },
	{ "rectify", "MIDTERM_REVIEW ACCEPTANCE", "RECTIFICATION", REVIEW,
	    TF_REASON, { NULL }, "责令整改", "Order rectification" },
	{ "recheck", "RECTIFICATION", "MIDTERM_REVIEW", REVIEW, 0, { NULL },
	    "整改后复查", "Review after rectification" },
	{ "final", "IN_SERVICE", "FINAL_REVIEW", REVIEW, 0, { NULL },
	    "末期评估", "Final review" },
	{ "accept_review", "FINAL_REVIEW", "ACCEPTANCE", REVIEW, 0, { NULL },
	    "进入验收", "Go to acceptance" },
	{ "settle", "ACCEPTANCE", "SETTLEMENT", BUYER, 0, { NULL },
	    "验收通过，结算", "Accepted; settle" },
	{ "archive", "SETTLEMENT", "ARCHIVED", BUYER, 0, { NULL },
	    "归档", "Archive" },
	{ "terminate", "CONTRACTED IN_SERVICE MIDTERM_REVIEW RECTIFICATION "
	    "ACCEPTANCE", "TERMINATED", BUYER, TF_REASON, { NULL },
	    "终止合同", "Terminate" },
};

static const struct workflow project_workflow = {
	"status", &enum_project_status, "NEED_SURVEY",
	TRANSITIONS(project_steps), NULL, NULL
};

static const struct field project_fields[] = {
	TEXT("name", FF_REQUIRED | FF_SEARCH, 2, 200, NULL, "项目名称",
	    "Project name"),
	CODEREF("region_code", FF_REQUIRED | FF_PREFIX, "regions",
	    check_region_code, "服务区域", "Service area"),
	REF("purchaser_org_id", FF_REQUIRED | FF_FILTER, "organizations",
	    "购买方", "Purchaser"),
	REF("provider_org_id", FF_FILTER, "organizations", "承接方",
	    "Provider"),
	ENUM("fund_source", FF_REQUIRED, enum_fund_source, "资金来源",
	    "Fund source"),
	ENUM("procurement_method", 0, enum_procurement, "采购方式",
	    "Procurement method"),
	INT("budget_fen", 0, 0, INT64_C(100000000000), "预算（分）",
	    "Budget (fen)"),
	INT("matching_fen", 0, 0, INT64_C(100000000000), "配套资金（分）",
	    "Matching funds (fen)"),
	TEXT("contract_no", 0, 0, 100, NULL, "合同编号", "Contract number"),
	DATE("start_date", 0, "服务开始日期", "Service starts"),
	DATE("end_date", 0, "服务结束日期", "Service ends"),
	TEXT("target_population", 0, 0, 500, NULL, "服务对象",
	    "Target population"),
	ENUM("status", FF_READONLY | FF_FILTER, enum_project_status,
	    "项目状态", "Status"),
};

/* The service period: ends after it starts, and lasts at most 3 years. */
static int
project_derive(const struct resource *r, struct value *v,
    const struct value *old, struct arena *a, struct err *e)
{
	const struct value	*s = &v[resource_field_index(r, "start_date")];
	const struct value	*f = &v[resource_field_index(r, "end_date")];

	if (s->s == NULL || f->s == NULL)
		return (0);
	if (strcmp(f->s, s->s) < 0) {
		err_setl(e, ERR_INVALID, "end_date",
		    "服务结束日期 %s 早于开始日期 %s",
		    "end_date %s is before start_date %s", f->s, s->s);
		return (-1);
	}
	/* Term ≤ 1 year, ≤ 3 when stable (DOMAIN.md §11.2). */
	if (atoi(f->s) - atoi(s->s) > 3 || (atoi(f->s) - atoi(s->s) == 3 &&
	    strcmp(f->s + 4, s->s + 4) > 0)) {
		err_setl(e, ERR_INVALID, "end_date",
		    "服务期超过三年（%s 至 %s）",
		    "the service period is longer than three years (%s to %s)",
		    s->s, f->s);
		return (-1);
	}
	return (0);
}

const struct resource res_projects = {
	"projects", "购买服务项目", "Purchase projects", FIELDS(project_fields),
	ROLE_ANY, ROLE_PURCHASER | ROLE_ADMIN, "region_code", 0,
	project_derive, &project_workflow
};

/* A person's role within one project (DESIGN.md §2). */
static const struct enum_value member_role_values[] = {
	{ "WORKER", "一线社工", "Social worker" },
	{ "SUPERVISOR", "督导", "Supervisor" },
	{ "LEAD", "项目主管", "Project lead" },
	{ "FINANCE", "财务", "Finance officer" },
	{ "PURCHASER", "购买方", "Purchaser officer" },
	{ "EVALUATOR", "第三方评估", "Evaluator" },
};
const struct enum_decl enum_member_role =
    ENUM_DECL("member_role", member_role_values);

static const struct field membership_fields[] = {
	REF("user_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "users",
	    "人员", "Person"),
	REF("project_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "projects",
	    "项目", "Project"),
	ENUM("role", FF_REQUIRED | FF_FILTER, enum_member_role, "项目角色",
	    "Role in the project"),
	DATE("since", FF_REQUIRED, "起始日期", "Since"),
	DATE("until", 0, "结束日期", "Until"),
};

static int
membership_derive(const struct resource *r, struct value *v,
    const struct value *old, struct arena *a, struct err *e)
{
	const struct value	*s = &v[resource_field_index(r, "since")];
	const struct value	*u = &v[resource_field_index(r, "until")];

	if (s->s != NULL && u->s != NULL && strcmp(u->s, s->s) < 0) {
		err_setl(e, ERR_INVALID, "until", "结束日期 %s 早于起始日期 %s",
		    "until %s is before since %s", u->s, s->s);
		return (-1);
	}
	return (0);
}

const struct resource res_memberships = {
	"memberships", "项目成员", "Project memberships",
	FIELDS(membership_fields),
	ROLE_ADMIN | ROLE_LEAD | ROLE_SUPERVISOR | ROLE_PURCHASER,
	ROLE_ADMIN | ROLE_LEAD, "project_id", 0, membership_derive, NULL
};
