/*
 * demo_services.c - the service delivery of the demo project, so a
 * person exploring it sees full screens: consents, needs assessments,
 * families and contact logs for about a third of the children; the
 * worker's cases at every stage; two groups, three activities, two
 * donations, a partnership and a training; home visits, two referrals
 * and a mandatory report.  Deterministic from the demo's seed, written
 * through the declared resources and their state machines as the demo
 * users who would do it, inside demo_seed()'s transaction.  Dates are
 * fixed in the project's period and before 2026-11-29, so held sessions
 * and visits lie in the past.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../core/arena.h"
#include "../core/util.h"
#include "demo.h"
#include "res_assessments.h"
#include "res_reports.h"
#include "resource.h"
#include "roles.h"
#include "workflow.h"

#define MAX_KIDS	300	/* services are drawn from the first 300 */
#define WORKER_TOWN	"630105100"
#define DIRECTOR_VILLAGE "630105100201"
/* The roster counts as registered at the project's start. */
#define REGISTERED_AT	"2026-03-16T09:00:00.000Z"

struct kid {
	int64_t		 id;
	char		 village[13];
	char		 risk[10];
	char		 guardianship[24];
	char		 lbt[24];
	char		 name[64];
	int		 bo;		/* Tibetan: no surname */
	int		 served;
	int		 cs, ga, ds;	/* consents beyond REGISTRY */
	int		 busy;		/* taken by a case or a group */
	int64_t		 rating[NEEDS_NDIMS];
};

struct ds {
	struct store	*db;
	struct arena	*a;
	uint64_t	 s;
	int64_t		 project;
	struct actor	 sys, worker, supervisor, lead, director, township;
	struct kid	 k[MAX_KIDS];
	size_t		 n;
};

static unsigned
below(struct ds *d, unsigned n)
{
	d->s ^= d->s >> 12;
	d->s ^= d->s << 25;
	d->s ^= d->s >> 27;
	return ((unsigned)(((d->s * 0x2545f4914f6cdd1dULL) >> 32) % n));
}

static int64_t
mk(struct ds *d, const struct actor *ac, const char *name, json_t *in,
    struct err *e)
{
	const struct resource	*r = resource_find(name);
	json_t			*row;
	int64_t			 id = -1;

	if (in == NULL || r == NULL) {
		err_set(e, ERR_INTERNAL, "", "demo: cannot build a %s row",
		    name);
		json_decref(in);
		return (-1);
	}
	row = resource_create(r, d->db, ac, in, d->a, e);
	json_decref(in);
	if (row != NULL) {
		id = json_integer_value(json_object_get(row, "id"));
		json_decref(row);
	}
	arena_reset(d->a);
	return (id);
}

/* One step of a state machine; fields is JSON text or NULL. */
static int
step(struct ds *d, const struct actor *ac, const char *name, int64_t id,
    const char *action, const char *reason, const char *fields,
    struct err *e)
{
	const struct resource	*r = resource_find(name);
	json_t			*f = NULL, *row, *cur;
	int64_t			 rev;

	if ((cur = resource_get(r, d->db, &d->sys, id, d->a, e)) == NULL)
		return (-1);
	rev = json_integer_value(json_object_get(cur, "revision"));
	json_decref(cur);
	if (fields != NULL && (f = json_loads(fields, 0, NULL)) == NULL) {
		err_set(e, ERR_INTERNAL, "", "demo: bad fields for %s",
		    action);
		return (-1);
	}
	row = resource_transition(r, d->db, ac, id, rev, action, reason, f,
	    d->a, e);
	json_decref(f);
	json_decref(row);
	arena_reset(d->a);
	return (row == NULL ? -1 : 0);
}

static int64_t
user_id(struct ds *d, const char *login, struct err *e)
{
	struct stmt	*st;
	int64_t		 id = -1;

	if ((st = store_prepare(d->db, "SELECT id FROM users WHERE login = ?",
	    e)) == NULL)
		return (-1);
	stmt_bind_text(st, 1, login);
	if (stmt_step(st, e) == 1)
		id = stmt_int64(st, 0);
	stmt_finalize(st);
	return (id);
}

static int64_t
partner_id(struct ds *d, const char *name, struct err *e)
{
	struct stmt	*st;
	int64_t		 id = -1;

	if ((st = store_prepare(d->db, "SELECT id FROM partners WHERE "
	    "name = ?", e)) == NULL)
		return (-1);
	stmt_bind_text(st, 1, name);
	if (stmt_step(st, e) == 1)
		id = stmt_int64(st, 0);
	stmt_finalize(st);
	return (id);
}

static void
copy(char *dst, size_t n, const char *s)
{
	snprintf(dst, n, "%s", s != NULL ? s : "");
}

/*
 * The first children of the roster, registered at the project's start:
 * a session's attendance must not predate the child's registration.
 */
static int
load_kids(struct ds *d, struct err *e)
{
	struct stmt	*st;
	struct kid	*k;
	int		 rc;

	if ((st = store_prepare(d->db, "UPDATE children SET created_at = ?, "
	    "updated_at = ? WHERE project_id = ?", e)) == NULL)
		return (-1);
	stmt_bind_text(st, 1, REGISTERED_AT);
	stmt_bind_text(st, 2, REGISTERED_AT);
	stmt_bind_int64(st, 3, d->project);
	rc = stmt_step(st, e);
	stmt_finalize(st);
	if (rc == -1)
		return (-1);
	if ((st = store_prepare(d->db, "SELECT id, village_code, risk_level, "
	    "guardianship, left_behind_type, name, ethnicity FROM children "
	    "WHERE project_id = ? ORDER BY id", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, d->project);
	while (d->n < MAX_KIDS && (rc = stmt_step(st, e)) == 1) {
		k = &d->k[d->n++];
		k->id = stmt_int64(st, 0);
		copy(k->village, sizeof(k->village), stmt_text(st, 1));
		copy(k->risk, sizeof(k->risk), stmt_text(st, 2));
		copy(k->guardianship, sizeof(k->guardianship),
		    stmt_text(st, 3));
		copy(k->lbt, sizeof(k->lbt), stmt_text(st, 4));
		copy(k->name, sizeof(k->name), stmt_text(st, 5));
		k->bo = strcmp(stmt_text(st, 6), "04") == 0;
	}
	stmt_finalize(st);
	return (rc == -1 ? -1 : 0);
}

static int
in_town(const struct kid *k)
{
	return (strncmp(k->village, WORKER_TOWN, strlen(WORKER_TOWN)) == 0);
}

static int
dim(const char *code)
{
	size_t	i;

	for (i = 0; i < NEEDS_NDIMS; i++)
		if (strcmp(needs_dimensions[i].code, code) == 0)
			return ((int)i);
	return (0);
}

/*
 * Ratings the risk rule maps to the child's recorded level: a few mild
 * needs (contact with the parents among them for a left-behind child),
 * then a moderate, severe or safety need as the level asks.
 */
static void
draw_ratings(struct ds *d, struct kid *k)
{
	int64_t	*r = k->rating;
	int	 i, n;

	memset(r, 0, sizeof(k->rating));
	for (i = 0, n = 1 + (int)below(d, 3); i < n; i++)
		r[1 + below(d, NEEDS_NDIMS - 1)] = 1;
	if (strcmp(k->lbt, "NOT_LEFT_BEHIND") != 0)
		r[dim("parent_contact")] = 1;
	if (strcmp(k->risk, "MEDIUM") == 0)
		r[dim(below(d, 2) ? "mental_emotional" : "parent_contact")] =
		    2;
	else if (strcmp(k->risk, "HIGH") == 0) {
		r[dim("safety_guardianship")] = 2;
		r[dim(below(d, 2) ? "parent_contact" : "mental_emotional")] =
		    3;
	} else if (strcmp(k->risk, "CRITICAL") == 0) {
		r[dim("safety_guardianship")] = 3;
		r[dim("self_protection")] = 2;
	}
}

static const char *const bo_adults[] = { "才让卓玛", "多杰才旦", "拉毛措",
    "索南本", "卓玛吉", "更登" };
static const char *const given_old_f[] = { "桂兰", "秀英", "玉梅", "凤英" };
static const char *const given_old_m[] = { "德福", "永福", "占元", "有财" };
static const char *const places[][2] = { { "广东", "深圳" },
    { "广东", "东莞" }, { "浙江", "宁波" }, { "江苏", "苏州" },
    { "新疆", "乌鲁木齐" }, { "青海", "格尔木" }, { "西藏", "拉萨" } };

/* A guardian's (invented) name: the child's surname, an older name. */
static const char *
adult_name(struct ds *d, const struct kid *k, int male)
{
	if (k->bo)
		return (bo_adults[below(d, nitems(bo_adults))]);
	return (arena_printf(d->a, "%.3s%s", k->name, male ?
	    given_old_m[below(d, nitems(given_old_m))] :
	    given_old_f[below(d, nitems(given_old_f))]));
}

/* The worker serves her town; the township supervisor the other. */
static const struct actor *
field(struct ds *d, const struct kid *k)
{
	return (in_town(k) ? &d->worker : &d->township);
}

static int
consent(struct ds *d, struct kid *k, const char *scope, const char *who,
    const char *rel, const char *on, struct err *e)
{
	return (mk(d, field(d, k), "consents", json_pack("{s:I, s:s, s:s, s:s,"
	    " s:s, s:s}", "child_id", (json_int_t)k->id, "scope", scope,
	    "given_by_name", who, "relation", rel, "given_on", on, "evidence",
	    strcmp(rel, "OTHER") == 0 ? "VERBAL_WITNESSED" : "SIGNED_FORM"),
	    e) == -1 ? -1 : 0);
}

static int
family(struct ds *d, struct kid *k, int day, struct err *e)
{
	const char *const *p;
	const char	*who;
	int		 both = strcmp(k->lbt, "BOTH_AWAY") == 0, i;
	int64_t		 id;

	if (strcmp(k->lbt, "NOT_LEFT_BEHIND") == 0)
		return (0);
	for (i = 0; i < 2; i++) {
		p = places[below(d, nitems(places))];
		if (i == 0 || both)
			id = mk(d, field(d, k), "parents", json_pack("{s:I, s:s,"
			    " s:b, s:b, s:s, s:s, s:s, s:s}", "child_id",
			    (json_int_t)k->id, "role", i ? "MOTHER" : "FATHER",
			    "alive", 1, "migrant", 1, "work_province", p[0],
			    "work_city", p[1], "away_since",
			    arena_printf(d->a, "20%02u-0%u-01", 18 + below(d, 7),
			    2 + below(d, 7)), "capacity", "CAPABLE"), e);
		else
			id = mk(d, field(d, k), "parents", json_pack("{s:I, s:s,"
			    " s:b, s:b, s:s}", "child_id", (json_int_t)k->id,
			    "role", "MOTHER", "alive", 1, "migrant", 0,
			    "capacity", strcmp(k->lbt, "ONE_AWAY_INCAPABLE") == 0 ?
			    "ILLNESS" : "CAPABLE"), e);
		if (id == -1)
			return (-1);
	}
	if (strncmp(k->guardianship, "ENTRUSTED", 9) == 0) {
		who = adult_name(d, k, below(d, 2));
		if (mk(d, field(d, k), "caregivers", json_pack("{s:I, s:s, s:s,"
		    " s:b, s:b, s:b, s:b, s:b, s:s, s:s}", "child_id",
		    (json_int_t)k->id, "name", who, "relation",
		    strcmp(k->guardianship, "ENTRUSTED_GRANDPARENT") == 0 ?
		    "GRANDPARENT_P" : "RELATIVE", "capable", 1, "dq_harm", 0,
		    "dq_vice", 0, "dq_neglect", 0, "dq_other", 0,
		    "agreement_signed_on", arena_printf(d->a, "2026-03-%02d",
		    day), "village_notice_on", arena_printf(d->a,
		    "2026-03-%02d", day + 1)), e) == -1)
			return (-1);
	}
	/* Calls home, more often from both parents away. */
	for (i = 0; i < 1 + (int)below(d, 3); i++)
		if (mk(d, field(d, k), "contact_logs", json_pack("{s:I, s:s, s:s,"
		    " s:s, s:i}", "child_id", (json_int_t)k->id, "contact_on",
		    arena_printf(d->a, "2026-%02d-%02u", 5 + i * 2,
		    1 + below(d, 28)), "who", both ? (below(d, 2) ?
		    "BOTH_PARENTS" : "MOTHER") : "FATHER", "how",
		    below(d, 3) ? "VIDEO" : "PHONE", "minutes",
		    5 + (int)below(d, 25)), e) == -1)
			return (-1);
	return (0);
}

/* The initial needs assessment, in April; its review due in January. */
static int
assess(struct ds *d, struct kid *k, int day, struct err *e)
{
	json_t	*in;
	size_t	 i;

	in = json_pack("{s:I, s:s, s:s, s:s}", "child_id", (json_int_t)k->id,
	    "assessed_on", arena_printf(d->a, "2026-04-%02d", day), "kind",
	    "INITIAL", "next_review_on",
	    /* a few reviews are overdue, most are due after today */
	    arena_printf(d->a, k->id % 15 == 0 ? "2026-11-%02d" :
	    "2027-01-%02d", day));
	for (i = 0; in != NULL && i < NEEDS_NDIMS; i++)
		json_object_set_new(in, needs_dimensions[i].code,
		    json_integer(k->rating[i]));
	return (mk(d, field(d, k), "assessments", in, e) == -1 ? -1 : 0);
}

/* Consents, an initial assessment and the family of a served child. */
static int
serve(struct ds *d, struct kid *k, struct err *e)
{
	const char	*rel;
	char		 who[64], on[11];
	int		 day = 10 + (int)below(d, 15);

	if (strcmp(k->guardianship, "ENTRUSTED_GRANDPARENT") == 0)
		rel = "GRANDPARENT_P";
	else if (strcmp(k->guardianship, "ENTRUSTED_OTHER") == 0)
		rel = "RELATIVE";
	else if (strcmp(k->guardianship, "PARENT_AT_HOME") == 0 ||
	    strcmp(k->guardianship, "PARENT_CARE") == 0)
		rel = "MOTHER";
	else if (strcmp(k->guardianship, "UNSUPERVISED") == 0)
		rel = "FATHER";
	else
		rel = "OTHER";
	copy(who, sizeof(who), adult_name(d, k, strcmp(rel, "FATHER") == 0));
	snprintf(on, sizeof(on), "2026-03-%02d", day % 100);
	k->cs = below(d, 100) < 80;
	k->ga = below(d, 100) < 75;
	k->ds = below(d, 100) < 50;
	if (consent(d, k, "REGISTRY", who, rel, on, e) == -1 ||
	    (k->cs && consent(d, k, "CASE_SERVICE", who, rel, on, e) == -1) ||
	    (k->ga && consent(d, k, "GROUP_ACTIVITY", who, rel, on, e) == -1) ||
	    (k->ds && consent(d, k, "DATA_SHARING", who, rel, on, e) == -1))
		return (-1);
	draw_ratings(d, k);
	if (strcmp(assessments_risk(k->rating), k->risk) != 0) {
		err_set(e, ERR_INTERNAL, "", "demo: ratings give %s, not %s",
		    assessments_risk(k->rating), k->risk);
		return (-1);
	}
	if (assess(d, k, day, e) == -1)
		return (-1);
	return (family(d, k, day, e));
}

/* Which children are served: about a third, drawn from the seed. */
static int
serve_all(struct ds *d, struct err *e)
{
	size_t	i;

	for (i = 0; i < d->n; i++) {
		/* The director's village and the worker's town come first. */
		d->k[i].served = below(d, 100) < (strncmp(d->k[i].village,
		    DIRECTOR_VILLAGE, 12) == 0 ? 70 : in_town(&d->k[i]) ?
		    40 : 20);
		if (d->k[i].served && serve(d, &d->k[i], e) == -1)
			return (-1);
	}
	return (0);
}

/* The next served child in the worker's town meeting the test. */
static struct kid *
pick(struct ds *d, size_t *from, int need_cs, int need_ga, int need_ds)
{
	struct kid	*k;

	for (; *from < d->n; (*from)++) {
		k = &d->k[*from];
		if (!k->served || k->busy || !in_town(k) ||
		    (need_cs && !k->cs) || (need_ga && !k->ga) ||
		    (need_ds && !k->ds))
			continue;
		k->busy = 1;
		(*from)++;
		return (k);
	}
	return (NULL);
}

/* The highest-rated need other than the one given, -1 for none. */
static int
top_need(const struct kid *k, int not)
{
	int	i, best = -1;

	for (i = 0; i < (int)NEEDS_NDIMS; i++)
		if (i != not && k->rating[i] >= 1 &&
		    (best == -1 || k->rating[i] > k->rating[best]))
			best = i;
	return (best);
}

/* How far each case goes (the last step taken), one a case. */
static const char *const case_ends[] = {
	"", "accept", "assess", "plan", "plan", "approve_plan",
	"approve_plan", "approve_plan", "evaluate", "suspend", "goals_met",
	"sign_off",
};
static const char *const case_path[] = { "accept", "assess", "plan",
	"approve_plan", "evaluate", "goals_met", "sign_off" };

static const struct {
	const char	*kind, *facts, *next;
} notes[] = {
	{ "INTAKE", "接案面谈：与祖母及儿童面谈，了解家庭情况与主要困难（示例数据）",
	    "完成需求评估" },
	{ "ASSESSMENT", "预估：结合需求评估量表，明确亲子联系与情绪方面的需要（示例数据）",
	    "拟定服务计划，提交督导" },
	{ "SESSION", "个案面谈：儿童能说出近期的烦恼，情绪较上次平稳（示例数据）",
	    "下周继续面谈，联系班主任" },
	{ "HOME_VISIT", "家访：与照料人讨论作息安排，照料人愿意配合（示例数据）",
	    "两周后电话回访" },
};

static int
case_goals(struct ds *d, struct kid *k, int64_t c, struct err *e)
{
	int	g1 = top_need(k, -1), g2 = top_need(k, g1), i;
	int	g[2] = { g1, g2 };

	for (i = 0; i < 2 && g[i] != -1; i++)
		if (mk(d, &d->worker, "case_goals", json_pack("{s:I, s:s, s:s,"
		    " s:s, s:s}", "case_id", (json_int_t)c, "need_dimension",
		    needs_dimensions[g[i]].code, "goal", arena_printf(d->a,
		    "改善「%s」方面的需要（示例数据）", needs_dimensions[g[i]].zh),
		    "interventions", "个案面谈、家访与链接资源（示例数据）",
		    "target_date", "2027-01-31"), e) == -1)
			return (-1);
	return (0);
}

static int
rate_goals(struct ds *d, int64_t c, const char *action, struct err *e)
{
	struct stmt	*st;
	int64_t		 g[4];
	int		 n = 0, i, rc;

	if ((st = store_prepare(d->db, "SELECT id FROM case_goals WHERE "
	    "case_id = ? ORDER BY id", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, c);
	while (n < 4 && (rc = stmt_step(st, e)) == 1)
		g[n++] = stmt_int64(st, 0);
	stmt_finalize(st);
	for (i = 0; i < n; i++)
		if (step(d, &d->worker, "case_goals", g[i], action,
		    "督导会议上评定（示例数据）", NULL, e) == -1)
			return (-1);
	return (0);
}

static int
one_case(struct ds *d, struct kid *k, const char *end, int i, struct err *e)
{
	const char	*fields;
	int64_t		 c;
	size_t		 s;
	int		 nn = 0;

	c = mk(d, &d->worker, "cases", json_pack("{s:I, s:I, s:I, s:I, s:s,"
	    " s:s, s:s}", "child_id", (json_int_t)k->id, "project_id",
	    (json_int_t)d->project, "worker_user_id",
	    (json_int_t)d->worker.user_id, "supervisor_user_id",
	    (json_int_t)d->supervisor.user_id, "opened_on", arena_printf(d->a,
	    "2026-%02d-%02d", 5 + i / 4, 3 + i * 2), "source", i % 3 == 0 ?
	    "DIRECTOR" : i % 3 == 1 ? "OUTREACH" : "SCHOOL", "referral_reason",
	    "留守儿童，照料人反映孩子情绪低落、与父母联系少（示例数据）"), e);
	if (c == -1)
		return (-1);
	for (s = 0; end[0] != '\0' && s < nitems(case_path); s++) {
		if (strcmp(end, "suspend") == 0 && s == 4) {
			if (step(d, &d->worker, "cases", c, "suspend",
			    "儿童随父母外出过暑假，暂停服务（示例数据）", NULL,
			    e) == -1)
				return (-1);
			break;
		}
		fields = NULL;
		if (strcmp(case_path[s], "assess") == 0)
			fields = "{\"presenting_problem\": \"与父母联系少，"
			    "情绪低落，学习动力不足（示例数据）\"}";
		else if (strcmp(case_path[s], "approve_plan") == 0)
			fields = arena_printf(d->a, "{\"supervisor_user_id\": "
			    "%lld}", (long long)d->supervisor.user_id);
		else if (strcmp(case_path[s], "sign_off") == 0)
			fields = arena_printf(d->a, "{\"supervisor_user_id\": "
			    "%lld, \"closure_summary\": \"服务目标均已达成，"
			    "儿童与父母每周视频联系，情绪稳定；转由儿童主任日常关注"
			    "（示例数据）\"}", (long long)d->supervisor.user_id);
		else if (strcmp(case_path[s], "goals_met") == 0)
			fields = "{\"closure_reason\": \"GOALS_MET\"}";
		if (strcmp(case_path[s], "goals_met") == 0 &&
		    rate_goals(d, c, "achieved", e) == -1)
			return (-1);
		if (step(d, strcmp(case_path[s], "approve_plan") == 0 ||
		    strcmp(case_path[s], "sign_off") == 0 ? &d->supervisor :
		    &d->worker, "cases", c, case_path[s], NULL, fields,
		    e) == -1)
			return (-1);
		if (strcmp(case_path[s], "plan") == 0 &&
		    case_goals(d, k, c, e) == -1)
			return (-1);
		if (strcmp(case_path[s], "approve_plan") == 0 &&
		    rate_goals(d, c, "rate_some", e) == -1)
			return (-1);
		if (nn < (int)nitems(notes) && mk(d, &d->worker, "case_notes",
		    json_pack("{s:I, s:s, s:s, s:i, s:s, s:s}", "case_id",
		    (json_int_t)c, "noted_on", arena_printf(d->a,
		    "2026-%02d-%02d", 6 + i / 4 + nn, 5 + i), "kind",
		    notes[nn].kind, "minutes", 30 + 15 * nn, "facts",
		    notes[nn].facts, "next_steps", notes[nn].next), e) == -1)
			return (-1);
		nn++;
		if (strcmp(case_path[s], end) == 0)
			break;
	}
	return (0);
}

static int
cases(struct ds *d, struct err *e)
{
	struct kid	*k;
	size_t		 from = 0, i;

	for (i = 0; i < nitems(case_ends); i++) {
		if ((k = pick(d, &from, 1, 0, 0)) == NULL)
			break;
		if (one_case(d, k, case_ends[i], (int)i, e) == -1)
			return (-1);
	}
	return (0);
}

/* present 80%, absent 12%, excused 8% */
static const char *
attend(struct ds *d)
{
	unsigned	r = below(d, 100);

	return (r < 80 ? "PRESENT" : r < 92 ? "ABSENT" : "EXCUSED");
}

static int
group(struct ds *d, const char *name, const char *type, const char *purpose,
    const char *joined, const char *const *dates, int held,
    const char *const *steps,
    struct err *e)
{
	struct kid	*m[10];
	size_t		 from = 0;
	int64_t		 g, s;
	int		 n = 0, i, j, want = 8 + (int)below(d, 3);

	g = mk(d, &d->worker, "groups", json_pack("{s:I, s:s, s:s, s:s, s:s,"
	    " s:s, s:i, s:I}", "project_id", (json_int_t)d->project,
	    "region_code", "630105100000", "name", name, "type", type,
	    "purpose", purpose, "target_members", "8-12岁留守儿童",
	    "planned_sessions", 6, "facilitator_id",
	    (json_int_t)d->worker.user_id), e);
	if (g == -1)
		return (-1);
	while (n < want && (m[n] = pick(d, &from, 0, 1, 0)) != NULL)
		if (mk(d, &d->worker, "group_members", json_pack("{s:I, s:I, "
		    "s:s}", "group_id", (json_int_t)g, "child_id",
		    (json_int_t)m[n++]->id, "joined_on", joined), e) == -1)
			return (-1);
	for (i = 0; i < 6; i++) {
		s = mk(d, &d->worker, "group_sessions", json_pack("{s:I, s:i, "
		    "s:s, s:s, s:s, s:s, s:s, s:s, s:s*, s:s*}", "group_id",
		    (json_int_t)g, "number", i + 1, "planned_date",
		    dates[i], "start_time", "09:30", "end_time", "11:00", "place",
		    "大堡子镇儿童之家", "plan", arena_printf(d->a,
		    "第 %d 节活动计划（示例数据）", i + 1), "status",
		    i < held ? "HELD" : "PLANNED", "record", i < held ?
		    "按计划开展，组员参与积极（示例数据）" : NULL, "held_on",
		    i < held ? dates[i] : NULL), e);
		if (s == -1)
			return (-1);
		for (j = 0; i < held && j < n; j++)
			if (mk(d, &d->worker, "attendance", json_pack("{s:I, "
			    "s:I, s:s}", "session_id", (json_int_t)s,
			    "child_id", (json_int_t)m[j]->id, "status",
			    attend(d)), e) == -1)
				return (-1);
	}
	for (i = 0; steps[i] != NULL; i++)
		if (step(d, strcmp(steps[i], "evaluate") == 0 ?
		    &d->supervisor : &d->worker, "groups", g, steps[i], NULL,
		    strcmp(steps[i], "form") == 0 ? arena_printf(d->a,
		    "{\"facilitator_id\": %lld}",
		    (long long)d->worker.user_id) : NULL, e) == -1)
			return (-1);
	return (0);
}

static const char *const group_a_steps[] = { "form", "transition", "mature",
	"end", "evaluate", NULL };
static const char *const group_a_dates[] = { "2026-09-05", "2026-09-12",
	"2026-09-19", "2026-09-26", "2026-10-10", "2026-10-17" };
static const char *const group_b_steps[] = { "form", NULL };
static const char *const group_b_dates[] = { "2026-11-21", "2026-12-05",
	"2026-12-12", "2026-12-19", "2026-12-26", "2027-01-09" };

static int
groups(struct ds *d, struct err *e)
{
	if (group(d, "“心连心”留守儿童成长小组", "GROWTH",
	    "提升组员情绪表达与亲子沟通能力（示例数据）", "2026-08-25",
	    group_a_dates, 6, group_a_steps, e) == -1)
		return (-1);
	return (group(d, "“安全小卫士”自护小组", "EDUCATIONAL",
	    "学习防溺水、防性侵与求助方法（示例数据）", "2026-11-10",
	    group_b_dates, 1, group_b_steps, e));
}

static const struct {
	const char	*title, *type, *date, *village, *place;
	int		 vol, c[8];
} acts[] = {
	{ "六一儿童节游园会", "FESTIVAL", "2026-06-01", "630105100201",
	    "陶家寨村文化广场", 6, { 8, 7, 14, 12, 6, 5, 10, 16 } },
	{ "暑期防溺水安全教育", "SAFETY", "2026-07-10", "630105100202",
	    "吧浪村村委会", 3, { 0, 0, 11, 9, 7, 6, 3, 5 } },
	{ "中秋亲情视频连线", "PARENTING", "2026-09-25", "630105100203",
	    "宋家寨村儿童之家", 4, { 2, 3, 9, 10, 4, 5, 6, 12 } },
};

static int
activities(struct ds *d, struct err *e)
{
	size_t	i, j, from;
	int64_t	a;
	struct kid *k;

	for (i = 0; i < nitems(acts); i++) {
		a = mk(d, &d->worker, "activities", json_pack("{s:I, s:s, s:s, "
		    "s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:i, s:i, s:i, "
		    "s:i, s:i, s:s}", "project_id", (json_int_t)d->project,
		    "title", acts[i].title, "type", acts[i].type,
		    "activity_date", acts[i].date, "village_code",
		    acts[i].village, "place", acts[i].place, "organizer",
		    "青海守望社会工作服务中心", "volunteers", acts[i].vol,
		    "under6_m", acts[i].c[0], "under6_f", acts[i].c[1],
		    "age6_11_m", acts[i].c[2], "age6_11_f", acts[i].c[3],
		    "age12_15_m", acts[i].c[4], "age12_15_f", acts[i].c[5],
		    "adult_m", acts[i].c[6], "adult_f", acts[i].c[7], "record",
		    "活动按计划开展（示例数据）"), e);
		if (a == -1)
			return (-1);
		/* Registered children of the town who took part. */
		for (j = 0, from = i; j < 6 + i * 2 && from < d->n; from += 3) {
			k = &d->k[from];
			if (!k->served || !k->ga || !in_town(k))
				continue;
			if (mk(d, &d->worker, "activity_participants",
			    json_pack("{s:I, s:I}", "activity_id",
			    (json_int_t)a, "child_id", (json_int_t)k->id),
			    e) == -1)
				return (-1);
			j++;
		}
	}
	return (0);
}

/* Two donations (cash, phones given to children), a partner, a training. */
static int
administration(struct ds *d, struct err *e)
{
	static const char *const directors[][2] = { { "吧浪村", "马成林" },
	    { "宋家寨村", "宋玉珍" }, { "乙其寨村", "李德明" },
	    { "晋家湾村", "晋海英" } };
	int64_t	phones, t;
	size_t	i, n = 0;

	if (mk(d, &d->lead, "donations", json_pack("{s:I, s:s, s:s, "
	    "s:i, s:s, s:s}", "project_id", (json_int_t)d->project, "kind",
	    "CASH", "description", "留守儿童助学与应急救助资金", "value_fen",
	    2000000, "donor_name", "青海某爱心企业（示例）", "received_on",
	    "2026-05-20"), e) == -1 ||
	    (phones = mk(d, &d->lead, "donations", json_pack("{s:I, s:s, s:s,"
	    " s:i, s:s, s:s}", "project_id", (json_int_t)d->project, "kind",
	    "IN_KIND", "description", "智能手机 10 部（亲情通话用）",
	    "value_fen", 1200000, "donor_name", "某通信营业厅（示例）",
	    "received_on", "2026-09-10"), e)) == -1)
		return (-1);
	for (i = 0; i < d->n && n < 4; i++) {
		if (!d->k[i].served || strcmp(d->k[i].lbt, "BOTH_AWAY") != 0)
			continue;
		if (mk(d, &d->lead, "donation_allocations", json_pack("{s:I, "
		    "s:I, s:s, s:i, s:s}", "donation_id", (json_int_t)phones,
		    "child_id", (json_int_t)d->k[i].id, "item",
		    "智能手机 1 部（与父母视频通话）", "value_fen", 120000,
		    "given_on", "2026-09-18"), e) == -1)
			return (-1);
		n++;
	}
	if (mk(d, &d->lead, "partnerships", json_pack("{s:I, s:s, s:s, s:s,"
	    " s:s}", "project_id", (json_int_t)d->project, "partner_name",
	    "大堡子镇中心小学", "kind", "SCHOOL", "since", "2026-03-20",
	    "notes", "学校心理老师参与个案，班主任反馈学业情况（示例数据）"),
	    e) == -1)
		return (-1);
	if ((t = mk(d, &d->lead, "trainings", json_pack("{s:I, s:s, s:s, "
	    "s:s, s:i, s:s}", "project_id", (json_int_t)d->project,
	    "audience", "CHILD_DIRECTOR", "topic",
	    "儿童主任业务培训：家访、强制报告与委托照护", "training_date",
	    "2026-05-15", "hours", 6, "trainer", "马文清"), e)) == -1)
		return (-1);
	if (mk(d, &d->lead, "training_attendees", json_pack("{s:I, s:s, s:s,"
	    " s:s, s:i}", "training_id", (json_int_t)t, "name", "祁秀兰",
	    "role", "儿童主任", "organization", "陶家寨村村民委员会",
	    "hours_attended", 6), e) == -1)
		return (-1);
	for (i = 0; i < nitems(directors); i++)
		if (mk(d, &d->lead, "training_attendees", json_pack("{s:I, s:s,"
		    " s:s, s:s, s:i}", "training_id", (json_int_t)t, "name",
		    directors[i][1], "role", "儿童主任", "organization",
		    arena_printf(d->a, "%s村民委员会", directors[i][0]),
		    "hours_attended", i == 2 ? 4 : 6), e) == -1)
			return (-1);
	return (0);
}

/*
 * Home visits by the worker (her town) and the director (his village):
 * some follow-ups done, three overdue; one visit found a child alone and
 * raised a mandatory report.
 */
static int
visits(struct ds *d, struct err *e)
{
	const struct actor	*ac;
	struct kid		*k, *alone = NULL;
	json_t			*rep;
	int64_t			 v, alone_visit = 0;
	size_t			 i;
	int			 nw = 0, nd = 0, dir, mo, day;

	for (i = 0; i < d->n && (nw < 10 || nd < 6); i++) {
		k = &d->k[i];
		dir = strncmp(k->village, DIRECTOR_VILLAGE, 12) == 0;
		if (!k->served || (dir ? nd >= 6 : (!in_town(k) || nw >= 10)))
			continue;
		ac = dir ? &d->director : &d->worker;
		mo = 6 + (int)((dir ? nd : nw) % 6);
		day = 2 + (int)below(d, 25);
		v = mk(d, ac, "visits", json_pack("{s:I, s:I, s:s, s:s, s:s, "
		    "s:b, s:b, s:s*, s:s*, s:s*}", "child_id", (json_int_t)k->id,
		    "project_id", (json_int_t)d->project, "visited_on",
		    arena_printf(d->a, "2026-%02d-%02d", mo, day),
		    "village_code", k->village, "observations",
		    "儿童在家写作业，照料人介绍近期情况（示例数据）",
		    "child_present", 1, "caregiver_present",
		    strcmp(k->guardianship, "UNSUPERVISED") != 0,
		    "concerns", strcmp(k->guardianship, "UNSUPERVISED") == 0 ?
		    "UNSUPERVISED,SAFETY" : strcmp(k->risk, "LOW") != 0 ?
		    "EMOTIONAL,PARENT_CONTACT" : NULL,
		    "follow_up_due", strcmp(k->risk, "LOW") != 0 ?
		    arena_printf(d->a, "2026-%02d-28", mo) : NULL,
		    /* the later ones' follow-ups are still open */
		    "follow_up_done_on", strcmp(k->risk, "LOW") != 0 &&
		    mo < 9 ? arena_printf(d->a, "2026-%02d-27", mo) : NULL), e);
		if (v == -1)
			return (-1);
		if (alone == NULL && !dir &&
		    strcmp(k->guardianship, "UNSUPERVISED") == 0) {
			alone = k;
			alone_visit = v;
		}
		dir ? nd++ : nw++;
	}
	if (alone == NULL)
		return (0);
	rep = reports_raise(d->db, &d->worker, "visits", alone_visit,
	    json_pack("{s:s, s:s, s:s, s:s}", "report_trigger",
	    "ALONE_OR_MISSING", "detected_at", "2026-11-12T16:40:00+08:00",
	    "reported_at", "2026-11-12T17:05:00+08:00", "recipients",
	    "POLICE,CIVIL_AFFAIRS"), d->a, e);
	json_decref(rep);
	arena_reset(d->a);
	return (rep == NULL ? -1 : 0);
}

/* One referral to the school answered with feedback, one just sent. */
static int
referrals(struct ds *d, struct err *e)
{
	static const char *const path[] = { "send", "acknowledge", "accept",
	    "start", "feedback" };
	struct kid	*k;
	size_t		 from = 0, i;
	int64_t		 school, wf, r;

	if ((school = partner_id(d, "大堡子镇中心小学", e)) == -1 ||
	    (wf = partner_id(d, "城北区妇联", e)) == -1) {
		err_set(e, ERR_INTERNAL, "", "demo: partners missing");
		return (-1);
	}
	if ((k = pick(d, &from, 0, 0, 1)) == NULL)
		return (0);
	if ((r = mk(d, &d->worker, "referrals", json_pack("{s:I, s:I, s:I, "
	    "s:s, s:s}", "child_id", (json_int_t)k->id, "project_id",
	    (json_int_t)d->project, "partner_id", (json_int_t)school, "reason",
	    "学习跟不上，情绪低落，请学校心理老师跟进（示例数据）", "urgency",
	    "ROUTINE"), e)) == -1)
		return (-1);
	for (i = 0; i < nitems(path); i++)
		if (step(d, &d->worker, "referrals", r, path[i], NULL,
		    i == 4 ? "{\"feedback\": \"心理老师已面谈三次，班主任安排"
		    "同桌互助，学习状态好转（示例数据）\"}" : NULL, e) == -1)
			return (-1);
	if ((k = pick(d, &from, 0, 0, 1)) == NULL)
		return (0);
	if ((r = mk(d, &d->worker, "referrals", json_pack("{s:I, s:I, s:I, "
	    "s:s, s:s}", "child_id", (json_int_t)k->id, "project_id",
	    (json_int_t)d->project, "partner_id", (json_int_t)wf, "reason",
	    "监护人需要家庭教育指导（示例数据）", "urgency", "ROUTINE"),
	    e)) == -1)
		return (-1);
	return (step(d, &d->worker, "referrals", r, "send", NULL, NULL, e));
}

static void
as(struct actor *ac, int64_t uid, unsigned roles, const char *scope)
{
	memset(ac, 0, sizeof(*ac));
	ac->user_id = uid;
	ac->roles = roles;
	ac->scope = scope;
	ac->remote_addr = "local";
}

int
demo_services_seed(struct store *db, unsigned seed, int64_t project,
    struct arena *a, struct err *e)
{
	struct ds	*d;
	int		 rc = -1;

	d = xcalloc(1, sizeof(*d));
	d->db = db;
	d->a = a;
	d->s = ((uint64_t)seed * 0x9e3779b97f4a7c15ULL) ^ 0x5eed5e7c1ceULL;
	d->s |= 1;
	d->project = project;
	as(&d->sys, 0, ROLE_ANY, "");
	as(&d->worker, user_id(d, "worker", e), ROLE_WORKER, WORKER_TOWN);
	as(&d->supervisor, user_id(d, "supervisor", e), ROLE_SUPERVISOR,
	    "630105");
	as(&d->lead, user_id(d, "lead", e), ROLE_LEAD, "630105");
	as(&d->director, user_id(d, "director", e), ROLE_DIRECTOR,
	    DIRECTOR_VILLAGE);
	as(&d->township, user_id(d, "township", e), ROLE_TOWNSHIP,
	    "630105101");
	if (d->worker.user_id <= 0 || d->supervisor.user_id <= 0 ||
	    d->lead.user_id <= 0 || d->director.user_id <= 0 ||
	    d->township.user_id <= 0) {
		err_set(e, ERR_INTERNAL, "", "demo: users missing");
		goto out;
	}
	if (load_kids(d, e) == -1 || serve_all(d, e) == -1 ||
	    cases(d, e) == -1 || groups(d, e) == -1 ||
	    activities(d, e) == -1 || administration(d, e) == -1 ||
	    visits(d, e) == -1 || referrals(d, e) == -1)
		goto out;
	rc = 0;
out:
	free(d);
	return (rc);
}
