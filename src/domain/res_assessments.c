/*
 * res_assessments.c - needs assessments as a declared resource: a
 * child's ten needs dimensions (DOMAIN.md §7) rated 0-3, the risk level
 * the rule table below derives from them, and a worker's override with
 * its reason.  Rows are scoped through the child, like consents.
 */
#include <string.h>

#include "enums.h"
#include "res_assessments.h"
#include "declare.h"
#include "roles.h"

/* A needs dimension: 0 无需求, 1 轻度, 2 中度, 3 重度. */
#define NEED(n, zh, en) \
	{ n, FT_INT, FF_REQUIRED, 0, NEEDS_MAX, NULL, NULL, NULL, zh, en }

static const struct enum_value kind_values[] = {
	{ "INITIAL", "初评", "Initial assessment" },
	{ "REASSESSMENT", "复评", "Reassessment" },
	{ "CLOSING", "结案评估", "Closing assessment" },
};
const struct enum_decl enum_assessment_kind =
    ENUM_DECL("assessment_kind", kind_values);

const struct enum_value needs_dimensions[NEEDS_NDIMS] = {
	{ "safety_guardianship", "安全与监护", "Safety and guardianship" },
	{ "physical_health", "身体健康", "Physical health" },
	{ "mental_emotional", "心理情绪", "Mental and emotional" },
	{ "parent_contact", "亲子联系", "Parent contact" },
	{ "schooling", "学业", "Schooling" },
	{ "peers", "同伴人际", "Peers" },
	{ "behaviour", "行为", "Behaviour" },
	{ "self_protection", "自我保护", "Self-protection" },
	{ "family_finances", "家庭经济/救助",
	    "Family finances and assistance" },
	{ "hukou_schooling_status", "户籍/就学", "Hukou and schooling status" },
};

/* The NEED() lines repeat needs_dimensions: a field needs literals. */
static const struct field assessment_fields[] = {
	REF("child_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "children",
	    "儿童", "Child"),
	DATE("assessed_on", FF_REQUIRED, "评估日期", "Assessed on"),
	ENUM("kind", FF_REQUIRED | FF_FILTER, enum_assessment_kind,
	    "评估类型", "Kind"),
	NEED("safety_guardianship", "安全与监护", "Safety and guardianship"),
	NEED("physical_health", "身体健康", "Physical health"),
	NEED("mental_emotional", "心理情绪", "Mental and emotional"),
	NEED("parent_contact", "亲子联系", "Parent contact"),
	NEED("schooling", "学业", "Schooling"),
	NEED("peers", "同伴人际", "Peers"),
	NEED("behaviour", "行为", "Behaviour"),
	NEED("self_protection", "自我保护", "Self-protection"),
	NEED("family_finances", "家庭经济/救助",
	    "Family finances and assistance"),
	NEED("hukou_schooling_status", "户籍/就学",
	    "Hukou and schooling status"),
	TEXT("notes", FF_SENSITIVE | FF_IDENTIFYING, 0, 4000, NULL, "评估记录",
	    "Notes"),
	ENUM("risk_level", FF_READONLY | FF_FILTER, enum_risk_level,
	    "风险等级(按规则)", "Risk level (by the rule)"),
	ENUM("risk_override", 0, enum_risk_level, "调整后风险等级",
	    "Risk level set by the worker"),
	TEXT("override_reason", FF_IDENTIFYING, 0, 500, NULL, "调整理由",
	    "Reason for the override"),
	DATE("next_review_on", 0, "下次复评日期", "Next review on"),
	/* Who overrode the rule, and when (domain/field_rules.c). */
	INT("override_by", FF_READONLY, 0, INT64_MAX, "调整人",
	    "Overridden by (user)"),
	TEXT("override_at", FF_READONLY, 0, 32, NULL, "调整时间",
	    "Overridden at"),
};

/*
 * The risk rule, as data: the first row that matches gives the level.
 * This is a configurable default for a project to adjust, not policy:
 * DOMAIN.md §10 marks risk_level "configurable", and no national rule
 * maps ratings to levels.
 *
 *   row  test                                   level
 *   1    safety_guardianship = 3                CRITICAL
 *   2    any dimension = 3                      HIGH
 *   3    sum of the ten ratings >= 12           HIGH
 *   4    any dimension >= 2                     MEDIUM
 *   5    otherwise                              LOW
 */
enum risk_test {
	RISK_DIM_AT_LEAST,	/* the named dimension >= n */
	RISK_ANY_AT_LEAST,	/* some dimension >= n */
	RISK_SUM_AT_LEAST,	/* the sum of all ratings >= n */
	RISK_ALWAYS
};

static const struct risk_rule {
	enum risk_test	 test;
	const char	*dim;
	int64_t		 n;
	const char	*level;
} risk_rules[] = {
	{ RISK_DIM_AT_LEAST, "safety_guardianship", 3, "CRITICAL" },
	{ RISK_ANY_AT_LEAST, NULL, 3, "HIGH" },
	{ RISK_SUM_AT_LEAST, NULL, 12, "HIGH" },
	{ RISK_ANY_AT_LEAST, NULL, 2, "MEDIUM" },
	{ RISK_ALWAYS, NULL, 0, "LOW" },
};

static int
risk_rule_matches(const struct risk_rule *rr, const int64_t r[NEEDS_NDIMS])
{
	int64_t	sum = 0, max = 0;
	size_t	i;

	for (i = 0; i < NEEDS_NDIMS; i++) {
		sum += r[i];
		if (r[i] > max)
			max = r[i];
		if (rr->test == RISK_DIM_AT_LEAST &&
		    strcmp(needs_dimensions[i].code, rr->dim) == 0)
			return (r[i] >= rr->n);
	}
	switch (rr->test) {
	case RISK_ANY_AT_LEAST:
		return (max >= rr->n);
	case RISK_SUM_AT_LEAST:
		return (sum >= rr->n);
	case RISK_ALWAYS:
		return (1);
	default:
		return (0);	/* a dimension the table misnames */
	}
}

const char *
assessments_risk(const int64_t r[NEEDS_NDIMS])
{
	size_t	i;

	for (i = 0; i < sizeof(risk_rules) / sizeof(risk_rules[0]); i++)
		if (risk_rule_matches(&risk_rules[i], r))
			return (risk_rules[i].level);
	return ("LOW");
}

static int
is_set(const struct value *v)
{
	return (v->set && !v->isnull && v->s != NULL && v->s[0] != '\0');
}

/*
 * The risk level follows the ratings (on update too: absent fields keep
 * their old values in v); an override needs its reason; the next review
 * comes after the assessment.  Dates are YYYY-MM-DD: text order is date
 * order.
 */
static int
assessment_derive(const struct resource *r, struct value *v,
    const struct value *old, struct arena *a, struct err *e)
{
	const struct value	*on, *next;
	int64_t			 rating[NEEDS_NDIMS];
	size_t			 i;

	for (i = 0; i < NEEDS_NDIMS; i++)
		rating[i] = v[resource_field_index(r,
		    needs_dimensions[i].code)].i;
	v[resource_field_index(r, "risk_level")] = (struct value){ 1, 0, 0,
	    assessments_risk(rating) };
	if (is_set(&v[resource_field_index(r, "risk_override")]) &&
	    !is_set(&v[resource_field_index(r, "override_reason")])) {
		err_setl(e, ERR_INVALID, "override_reason",
		    "调整风险等级为 %s 时须填写调整理由",
		    "risk_override %s needs an override_reason",
		    v[resource_field_index(r, "risk_override")].s);
		return (-1);
	}
	on = &v[resource_field_index(r, "assessed_on")];
	next = &v[resource_field_index(r, "next_review_on")];
	if (is_set(next) && on->s != NULL && strcmp(next->s, on->s) <= 0) {
		err_setl(e, ERR_INVALID, "next_review_on",
		    "下次复评日期 %s 须晚于评估日期 %s",
		    "next_review_on %s must be after assessed_on %s", next->s,
		    on->s);
		return (-1);
	}
	return (0);
}

const struct resource res_assessments = {
	"assessments", "需求评估", "Needs assessments",
	FIELDS(assessment_fields),
	ROLE_FIELD,
	ROLE_WORKER | ROLE_SUPERVISOR | ROLE_LEAD | ROLE_DIRECTOR |
	    ROLE_TOWNSHIP,
	/* scoped through the child: scope_ref.c */ "child_id",
	/* audit reads */ 1, assessment_derive, NULL
};
