/*
 * res_referrals.c - the partner directory and referrals (res_referrals.h).
 * A partner is scoped by its region; a referral through its child.  The
 * state machine is the table below; sending stamps sent_on and the reply
 * date, and a referral unanswered past it is escalated by
 * referrals_escalate() (daily: `lbcare referrals escalate`, or the route).
 * A school contact acts only on referrals to a school in their scope.
 */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "checks.h"
#include "declare.h"
#include "res_referrals.h"
#include "roles.h"
#include "scope_ref.h"
#include "../core/util.h"
#include "values.h"
#include "workflow.h"

static int	reply_days = 7;

void
referrals_configure(int days)
{
	reply_days = days;
}

int
referrals_reply_days(void)
{
	return (reply_days);
}

static const struct enum_value partner_kind_values[] = {
	{ "SCHOOL", "学校", "School" },
	{ "CLINIC", "医疗机构", "Clinic or hospital" },
	{ "POLICE", "公安", "Police" },
	{ "CIVIL_AFFAIRS", "民政", "Civil affairs" },
	{ "WOMENS_FEDERATION", "妇联", "Women's federation" },
	{ "LEGAL_AID", "法律援助", "Legal aid" },
	{ "CHILD_DIRECTOR", "儿童主任", "Village child director" },
	{ "OTHER", "其他", "Other" },
};
const struct enum_decl enum_partner_kind =
    ENUM_DECL("partner_kind", partner_kind_values);

static int
check_postal_code(const char *s, const char *field, struct err *e)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++)
		if (s[i] < '0' || s[i] > '9')
			break;
	if (i != 6 || s[i] != '\0') {
		err_setl(e, ERR_INVALID, field, "%s 应为 6 位数字邮政编码",
		    "%s must be a six-digit postal code", field);
		return (-1);
	}
	return (0);
}

/* local@domain.tld, ASCII, no spaces: what HSDS's email format takes. */
static int
check_email(const char *s, const char *field, struct err *e)
{
	const char	*at = strchr(s, '@'), *p;

	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
			break;
	if (*p != '\0' || at == NULL || at == s || strchr(at + 1, '@') ||
	    strchr(at + 1, '.') == NULL || at[1] == '.' ||
	    s[strlen(s) - 1] == '.') {
		err_setl(e, ERR_INVALID, field, "%s 不是有效的电子邮件地址",
		    "%s is not a valid e-mail address", field);
		return (-1);
	}
	return (0);
}

static const struct field partner_fields[] = {
	ENUM("kind", FF_REQUIRED | FF_FILTER, enum_partner_kind, "类别",
	    "Kind"),
	TEXT("name", FF_REQUIRED | FF_SEARCH, 2, 100, NULL, "名称", "Name"),
	CODEREF("region_code", FF_REQUIRED | FF_PREFIX, "regions",
	    check_region_code, "所在区划", "Region"),
	TEXT("address", 0, 0, 200, NULL, "地址", "Address"),
	TEXT("postal_code", 0, 0, 6, check_postal_code, "邮政编码",
	    "Postal code"),
	TEXT("phone", 0, 0, 30, NULL, "联系电话", "Phone"),
	TEXT("email", 0, 0, 100, check_email, "电子邮件", "E-mail"),
	TEXT("service_name", FF_SEARCH, 0, 100, NULL, "服务名称",
	    "Service"),
	TEXT("service_description", 0, 0, 1000, NULL, "服务内容",
	    "Service description"),
	TEXT("hours", 0, 0, 200, NULL, "服务时间", "Opening hours"),
};

const struct resource res_partners = {
	"partners", "转介合作方", "Referral partners", FIELDS(partner_fields),
	ROLE_ANY, ROLE_SUPERVISOR | ROLE_LEAD | ROLE_TOWNSHIP | ROLE_ADMIN,
	"region_code", 0, NULL, NULL
};

static const struct enum_value urgency_values[] = {
	{ "ROUTINE", "一般", "Routine" },
	{ "URGENT", "紧急", "Urgent" },
	{ "EMERGENCY", "特急", "Emergency" },
};
static const struct enum_decl enum_urgency =
    ENUM_DECL("referral_urgency", urgency_values);

static const struct enum_value status_values[] = {
	{ "DRAFT", "草稿", "Draft" },
	{ "SENT", "已发送", "Sent" },
	{ "ACKNOWLEDGED", "已签收", "Acknowledged" },
	{ "ACCEPTED", "已接收", "Accepted" },
	{ "IN_SERVICE", "服务中", "In service" },
	{ "FEEDBACK", "已反馈", "Feedback given" },
	{ "CLOSED", "已结束", "Closed" },
	{ "REJECTED", "已拒绝", "Rejected" },
	{ "ESCALATED", "已督办", "Escalated" },
};
static const struct enum_decl enum_referral_status =
    ENUM_DECL("referral_status", status_values);

/* The partner's side: recorded by field staff or by the school contact. */
#define SENDER	ROLE_FIELD
#define PARTNER	(ROLE_FIELD | ROLE_SCHOOL)

/* DOMAIN.md §11.3, one line a step. */
static const struct transition referral_steps[] = {
	{ "send", "DRAFT", "SENT", SENDER, 0, { NULL },
	    "发送转介", "Send the referral" },
	{ "acknowledge", "SENT", "ACKNOWLEDGED", PARTNER, 0, { NULL },
	    "签收", "Acknowledge receipt" },
	{ "accept", "ACKNOWLEDGED", "ACCEPTED", PARTNER, 0, { NULL },
	    "接收服务对象", "Accept the child" },
	{ "reject", "ACKNOWLEDGED", "REJECTED", PARTNER, TF_REASON, { NULL },
	    "拒绝接收", "Decline" },
	{ "redraft", "REJECTED", "DRAFT", SENDER, 0, { NULL },
	    "退回修改", "Back to draft" },
	{ "start", "ACCEPTED", "IN_SERVICE", PARTNER, 0, { NULL },
	    "开始服务", "Start the service" },
	{ "feedback", "IN_SERVICE", "FEEDBACK", PARTNER, 0,
	    { "feedback", NULL }, "反馈服务结果", "Give feedback" },
	{ "close", "FEEDBACK", "CLOSED", ROLE_PROVIDER | ROLE_TOWNSHIP, 0,
	    { NULL }, "结束转介", "Close" },
	{ "escalate", "SENT", "ESCALATED", ROLE_SUPERVISOR | ROLE_LEAD |
	    ROLE_TOWNSHIP, 0, { NULL }, "逾期未复，督办", "Escalate: no reply" },
	{ "resend", "ESCALATED", "SENT", SENDER, 0, { NULL },
	    "督办后重新发送", "Send again after escalation" },
};

static int64_t
partner_of(const struct resource *r, const struct value *v)
{
	return (v[resource_field_index(r, "partner_id")].i);
}

/*
 * A school contact acts only for a school in their scope; escalation
 * waits for the reply date to pass.
 */
static int
referral_guard(const struct resource *r, const struct transition *t,
    struct store *db, const struct actor *ac, int64_t id,
    const struct value *v, struct arena *a, struct err *e)
{
	const struct value	*due;
	struct stmt		*st;
	char			 today[11];
	int			 rc, ok = 0;

	if (strcmp(t->action, "escalate") == 0) {
		time_today(today);
		due = &v[resource_field_index(r, "reply_due_on")];
		if (due->isnull || due->s == NULL || strcmp(due->s, today) >= 0) {
			err_setl(e, ERR_CONFLICT, "reply_due_on",
			    "答复期限 %s 尚未过去，不能督办",
			    "the reply is due %s: too early to escalate",
			    due->s != NULL ? due->s : "-");
			return (-1);
		}
		return (0);
	}
	if (ac->user_id == 0 || !(ac->roles & ROLE_SCHOOL) ||
	    (ac->roles & t->roles & ~(unsigned)ROLE_SCHOOL))
		return (0);
	if ((st = store_prepare(db, "SELECT region_code FROM partners WHERE "
	    "id = ? AND kind = 'SCHOOL'", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, partner_of(r, v));
	if ((rc = stmt_step(st, e)) == 1)
		ok = ac->scope == NULL || strncmp(stmt_text(st, 0), ac->scope,
		    strlen(ac->scope)) == 0;
	stmt_finalize(st);
	if (rc == -1)
		return (-1);
	if (!ok) {
		err_setl(e, ERR_FORBIDDEN, "partner_id",
		    "转介 %lld 不是发给您范围内的学校的",
		    "referral %lld is not addressed to a school in your scope",
		    (long long)id);
		return (-1);
	}
	return (0);
}

/* Sending (again) stamps the day and the day the reply is due. */
static int
referral_after(const struct resource *r, const struct transition *t,
    struct store *db, const struct actor *ac, int64_t id,
    const struct value *v, struct arena *a, struct err *e)
{
	struct stmt	*st;
	char		 today[11], due[11];
	int		 rc;

	if (strcmp(t->to, "SENT") != 0)
		return (0);
	time_today(today);
	date_add_days(today, reply_days, due);
	if ((st = store_prepare(db, "UPDATE referrals SET sent_on = ?, "
	    "reply_due_on = ? WHERE id = ?", e)) == NULL)
		return (-1);
	stmt_bind_text(st, 1, today);
	stmt_bind_text(st, 2, due);
	stmt_bind_int64(st, 3, id);
	rc = stmt_step(st, e);
	stmt_finalize(st);
	return (rc == -1 ? -1 : 0);
}

static const struct workflow referral_workflow = {
	"status", &enum_referral_status, "DRAFT",
	TRANSITIONS(referral_steps), referral_guard, referral_after
};

static const struct field referral_fields[] = {
	REF("child_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "children",
	    "儿童", "Child"),
	REF("project_id", FF_FILTER, "projects", "服务项目", "Project"),
	REF("partner_id", FF_REQUIRED | FF_FILTER, "partners", "转介对象",
	    "Referred to"),
	TEXT("reason", FF_REQUIRED | FF_SENSITIVE | FF_IDENTIFYING, 1, 2000,
	    NULL, "转介原因", "Reason for referral"),
	ENUM("urgency", FF_REQUIRED | FF_FILTER, enum_urgency, "紧急程度",
	    "Urgency"),
	ENUM("status", FF_READONLY | FF_FILTER, enum_referral_status,
	    "转介状态", "Status"),
	DATE("sent_on", FF_READONLY, "发送日期", "Sent on"),
	DATE("reply_due_on", FF_READONLY | FF_FILTER, "答复期限",
	    "Reply due on"),
	TEXT("feedback", FF_SENSITIVE | FF_IDENTIFYING, 0, 4000, NULL,
	    "服务反馈", "Feedback"),
};

/* The partner is chosen while drafting; once sent it stays. */
static int
referral_derive(const struct resource *r, struct value *v,
    const struct value *old, struct arena *a, struct err *e)
{
	int	st = resource_field_index(r, "status");
	int	p = resource_field_index(r, "partner_id");

	if (old != NULL && old[st].s != NULL && strcmp(old[st].s, "DRAFT") &&
	    v[p].i != old[p].i) {
		err_setl(e, ERR_INVALID, "partner_id",
		    "转介已处于 %s 状态，不能更换转介对象",
		    "the referral is %s: the partner cannot change",
		    old[st].s);
		return (-1);
	}
	return (0);
}

const struct resource res_referrals = {
	"referrals", "转介", "Referrals", FIELDS(referral_fields),
	ROLE_FIELD,
	ROLE_WORKER | ROLE_SUPERVISOR | ROLE_LEAD | ROLE_DIRECTOR |
	    ROLE_TOWNSHIP,
	/* scoped through the child: scope_ref.c */ "child_id",
	/* audit reads */ 1, referral_derive, &referral_workflow
};

json_t *
referrals_escalate(struct store *db, const struct actor *ac,
    const char *today, struct arena *a, struct err *e)
{
	struct actor	 sys = { 0, ROLE_ANY, "", 0, NULL };
	struct stmt	*st;
	struct err	 te;
	json_t		*done, *rec;
	char		 day[11];
	const char	*scoped;
	int64_t		*ids, *revs;
	size_t		 n = 0, cap = 64, i;
	int		 rc;

	if (today == NULL) {
		time_today(day);
		today = day;
	}
	scoped = ac->scope != NULL && *ac->scope ? arena_printf(a,
	    " AND %s LIKE ?", scope_ref_column(&res_referrals, a)) : "";
	if ((st = store_prepare(db, arena_printf(a, "SELECT id, revision "
	    "FROM referrals WHERE status = 'SENT' AND reply_due_on < ?%s "
	    "ORDER BY id", scoped), e)) == NULL)
		return (NULL);
	stmt_bind_text(st, 1, today);
	if (*scoped)
		stmt_bind_text(st, 2, arena_printf(a, "%s%%", ac->scope));
	ids = arena_alloc(a, cap * sizeof(*ids));
	revs = arena_alloc(a, cap * sizeof(*revs));
	while ((rc = stmt_step(st, e)) == 1 && n < cap) {
		ids[n] = stmt_int64(st, 0);
		revs[n++] = stmt_int64(st, 1);
	}
	stmt_finalize(st);
	if (rc == -1)
		return (NULL);
	done = json_array();
	sys.remote_addr = ac->remote_addr;
	for (i = 0; i < n; i++) {
		rec = resource_transition(&res_referrals, db, &sys, ids[i],
		    revs[i], "escalate", arena_printf(a,
		    "no reply by %s / 答复期限已过", today), NULL, a, &te);
		if (rec == NULL)
			continue;	/* moved meanwhile: next run */
		json_decref(rec);
		json_array_append_new(done, json_integer(ids[i]));
	}
	/* Who ran it: the steps themselves are the system's. */
	if (json_array_size(done) > 0) {
		char *ids_s = json_dumps(done, JSON_COMPACT);

		rc = audit_append_tx(db, ac, "escalate", "referrals", 0,
		    arena_printf(a, "{\"ids\":%s}", ids_s), e);
		free(ids_s);
		if (rc == -1) {
			json_decref(done);
			return (NULL);
		}
	}
	return (json_pack("{s:o, s:I, s:b}", "escalated", done, "count",
	    (json_int_t)json_array_size(done), "more", n == cap));
}

json_t *
referrals_school_inbox(struct store *db, const struct actor *ac,
    struct arena *a, struct err *e)
{
	struct stmt	*st;
	struct err	 ge;
	json_t		*items, *rec;
	int64_t		 ids[200];
	size_t		 n = 0, i;
	int		 rc;

	if ((st = store_prepare(db, "SELECT r.id FROM referrals r JOIN "
	    "partners p ON p.id = r.partner_id WHERE p.kind = 'SCHOOL' AND "
	    "p.region_code LIKE ? AND r.status <> 'DRAFT' ORDER BY r.id DESC",
	    e)) == NULL)
		return (NULL);
	stmt_bind_text(st, 1, arena_printf(a, "%s%%", ac->scope != NULL ?
	    ac->scope : ""));
	while ((rc = stmt_step(st, e)) == 1 && n < sizeof(ids) / sizeof(ids[0]))
		ids[n++] = stmt_int64(st, 0);
	stmt_finalize(st);
	if (rc == -1)
		return (NULL);
	items = json_array();
	for (i = 0; i < n; i++)
		/* The child must be in scope too; if not, it is not shown. */
		if ((rec = resource_get(&res_referrals, db, ac, ids[i], a,
		    &ge)) != NULL)
			json_array_append_new(items, rec);
	return (json_pack("{s:o}", "items", items));
}
