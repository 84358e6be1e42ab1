/*
 * res_family.c - parents, entrusted caregivers and parent-child contact
 * (res_family.h).  Rules a field cannot say live in the derive hooks:
 * no date in the future, a deceased parent is not away working.
 */
#include <string.h>

#include "../core/util.h"
#include "consent.h"
#include "declare.h"
#include "enums_family.h"
#include "res_family.h"
#include "roles.h"

#define FAMILY_WRITE	(ROLE_WORKER | ROLE_SUPERVISOR | ROLE_LEAD | \
			ROLE_DIRECTOR | ROLE_TOWNSHIP)

static const struct field parent_fields[] = {
	REF("child_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "children",
	    "儿童", "Child"),
	ENUM("role", FF_REQUIRED | FF_FILTER, enum_parent_role, "父/母",
	    "Father or mother"),
	TEXT("name", FF_IDENTIFYING, 0, 50, NULL, "姓名", "Name"),
	BOOL("alive", 0, "在世", "Alive"),
	BOOL("migrant", FF_FILTER, "外出务工", "Away working"),
	TEXT("work_province", 0, 0, 50, NULL, "务工省份", "Works in province"),
	TEXT("work_city", 0, 0, 50, NULL, "务工城市", "Works in city"),
	DATE("away_since", 0, "外出时间", "Away since"),
	TEXT("phone", FF_SENSITIVE | FF_IDENTIFYING, 0, 30, NULL, "联系电话",
	    "Phone"),
	ENUM("capacity", FF_FILTER, enum_parent_capacity, "监护能力",
	    "Guardianship capacity"),
	TEXT("notes", FF_SENSITIVE | FF_IDENTIFYING, 0, 2000, NULL, "备注",
	    "Notes"),
};

/* The date field f of v, if set, is not after today. */
static int
not_future(const struct resource *r, const struct value *v, const char *f,
    struct err *e)
{
	const struct value	*d = &v[resource_field_index(r, f)];
	char			 today[11];

	time_today(today);
	if (d->set && !d->isnull && d->s != NULL && strcmp(d->s, today) > 0) {
		err_setl(e, ERR_INVALID, f, "%s 的日期 %s 晚于今天 (%s)",
		    "%s, %s, is later than today (%s)", f, d->s, today);
		return (-1);
	}
	return (0);
}

static int
is_false(const struct value *v)
{
	return (v->set && !v->isnull && v->i == 0);
}

static int
is_true(const struct value *v)
{
	return (v->set && !v->isnull && v->i != 0);
}

/*
 * A parent who has died has capacity DECEASED (set when left empty) and
 * is not away working; a living parent is not DECEASED.
 */
static int
parent_derive(const struct resource *r, struct value *v,
    const struct value *old, struct arena *a, struct err *e)
{
	struct value	*alive = &v[resource_field_index(r, "alive")];
	struct value	*cap = &v[resource_field_index(r, "capacity")];
	struct value	*mig = &v[resource_field_index(r, "migrant")];

	if (not_future(r, v, "away_since", e) == -1)
		return (-1);
	if (is_false(alive)) {
		if (cap->s == NULL || cap->isnull)
			*cap = (struct value){ 1, 0, 0, "DECEASED" };
		else if (strcmp(cap->s, "DECEASED") != 0) {
			err_setl(e, ERR_INVALID, "capacity",
			    "已故父母的监护能力应为 DECEASED，不能为 %s",
			    "a parent who has died has capacity DECEASED, "
			    "not %s", cap->s);
			return (-1);
		}
		if (is_true(mig)) {
			err_setl(e, ERR_INVALID, "migrant",
			    "已故父母不能为外出务工",
			    "a parent who has died cannot be away working");
			return (-1);
		}
	} else if (cap->s != NULL && !cap->isnull &&
	    strcmp(cap->s, "DECEASED") == 0) {
		err_setl(e, ERR_INVALID, "alive",
		    "监护能力为 %s 时 alive 须为 false",
		    "capacity %s needs alive to be false", cap->s);
		return (-1);
	}
	return (0);
}

const struct resource res_parents = {
	"parents", "父母", "Parents", FIELDS(parent_fields),
	ROLE_FIELD, FAMILY_WRITE,
	/* scoped through the child: scope_ref.c */ "child_id",
	/* audit reads */ 1, parent_derive, NULL
};

/* 未保法 Art. 22 (DOMAIN.md §2.4): any ticked item disqualifies. */
const struct enum_value caregiver_disqualifications[CAREGIVER_NDQ] = {
	{ "dq_harm", "曾实施性侵害、虐待、遗弃、拐卖、暴力伤害等违法犯罪行为",
	    "past sexual assault, abuse, abandonment, trafficking or "
	    "violence" },
	{ "dq_vice", "有吸毒、酗酒、赌博等恶习",
	    "drug use, heavy drinking or gambling" },
	{ "dq_neglect", "曾拒不履行或者长期怠于履行监护、照护职责",
	    "past refusal or long neglect of care duties" },
	{ "dq_other", "其他不适宜担任被委托人的情形",
	    "otherwise unsuitable to be entrusted" },
};

static const struct field caregiver_fields[] = {
	REF("child_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "children",
	    "儿童", "Child"),
	TEXT("name", FF_REQUIRED | FF_IDENTIFYING, 1, 50, NULL, "姓名",
	    "Name"),
	ENUM("relation", FF_REQUIRED | FF_FILTER, enum_caregiver_relation,
	    "与儿童关系", "Relation to the child"),
	TEXT("phone", FF_SENSITIVE | FF_IDENTIFYING, 0, 30, NULL, "联系电话",
	    "Phone"),
	/* 具有照护能力: adult, able in body and mind to care for the child. */
	BOOL("capable", 0, "具有照护能力（已核查）",
	    "Able to care (checked)"),
	BOOL("dq_harm", 0,
	    "曾实施性侵害、虐待、遗弃、拐卖、暴力伤害等违法犯罪行为",
	    "Past sexual assault, abuse, abandonment, trafficking or "
	    "violence"),
	BOOL("dq_vice", 0, "有吸毒、酗酒、赌博等恶习",
	    "Drug use, heavy drinking or gambling"),
	BOOL("dq_neglect", 0, "曾拒不履行或者长期怠于履行监护、照护职责",
	    "Past refusal or long neglect of care duties"),
	BOOL("dq_other", 0, "其他不适宜担任被委托人的情形",
	    "Otherwise unsuitable to be entrusted"),
	DATE("agreement_signed_on", 0, "委托监护责任确认书签订日期",
	    "Entrustment agreement signed on"),
	DATE("school_notice_on", 0, "书面告知学校日期",
	    "School notified in writing on"),
	DATE("village_notice_on", 0, "书面告知村(居)委会日期",
	    "Village committee notified in writing on"),
	TEXT("notes", FF_SENSITIVE | FF_IDENTIFYING, 0, 2000, NULL, "备注",
	    "Notes"),
};

static int
caregiver_derive(const struct resource *r, struct value *v,
    const struct value *old, struct arena *a, struct err *e)
{
	if (not_future(r, v, "agreement_signed_on", e) == -1 ||
	    not_future(r, v, "school_notice_on", e) == -1 ||
	    not_future(r, v, "village_notice_on", e) == -1)
		return (-1);
	return (0);
}

const struct resource res_caregivers = {
	"caregivers", "受委托监护人", "Entrusted caregivers",
	FIELDS(caregiver_fields),
	ROLE_FIELD, FAMILY_WRITE,
	/* scoped through the child: scope_ref.c */ "child_id",
	/* audit reads */ 1, caregiver_derive, NULL
};

static const struct field contact_fields[] = {
	REF("child_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "children",
	    "儿童", "Child"),
	DATE("contact_on", FF_REQUIRED, "联系日期", "Date of contact"),
	ENUM("who", FF_REQUIRED | FF_FILTER, enum_contact_who, "联系人",
	    "Who"),
	ENUM("how", FF_REQUIRED | FF_FILTER, enum_contact_how, "联系方式",
	    "How"),
	INT("minutes", 0, 0, 24 * 60, "时长（分钟）", "Minutes"),
	TEXT("notes", FF_SENSITIVE | FF_IDENTIFYING, 0, 2000, NULL, "备注",
	    "Notes"),
};

static int
contact_derive(const struct resource *r, struct value *v,
    const struct value *old, struct arena *a, struct err *e)
{
	return (not_future(r, v, "contact_on", e));
}

const struct resource res_contact_logs = {
	"contact_logs", "亲子联系记录", "Parent-child contact",
	FIELDS(contact_fields),
	ROLE_FIELD, FAMILY_WRITE,
	/* scoped through the child: scope_ref.c */ "child_id",
	/* audit reads */ 1, contact_derive, NULL
};
