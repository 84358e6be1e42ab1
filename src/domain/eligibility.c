/*
 * eligibility.c - the left-behind rule (eligibility.h), computed from the
 * child's birth date and its parents' rows; the grounds are a table.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/lang.h"
#include "../core/util.h"
#include "consent.h"
#include "eligibility.h"

const struct ground eligibility_grounds[] = {
	{ "BOTH_AWAY", NULL, "父母双方外出务工", "both parents are away" },
	{ "OTHER_ILLNESS", "ILLNESS", "一方外出，另一方重病",
	    "one parent is away, the other seriously ill" },
	{ "OTHER_DISABILITY", "DISABILITY", "一方外出，另一方重残",
	    "one parent is away, the other seriously disabled" },
	{ "OTHER_PRISON", "PRISON", "一方外出，另一方服刑",
	    "one parent is away, the other in prison" },
	{ "OTHER_MISSING", "MISSING", "一方外出，另一方失联",
	    "one parent is away, the other missing" },
	{ "OTHER_DECEASED", "DECEASED", "一方外出，另一方死亡",
	    "one parent is away, the other has died" },
	{ "OTHER_INCAPABLE", "OTHER", "一方外出，另一方因其他原因无监护能力",
	    "one parent is away, the other without capacity for another "
	    "reason" },
};
const size_t eligibility_ngrounds = nitems(eligibility_grounds);

static const struct ground *
ground_find(const char *code, size_t len)
{
	size_t	i;

	for (i = 0; i < eligibility_ngrounds; i++)
		if (strlen(eligibility_grounds[i].code) == len &&
		    strncmp(eligibility_grounds[i].code, code, len) == 0)
			return (&eligibility_grounds[i]);
	return (NULL);
}

/* Whether the space-separated list holds code. */
static int
admitted(const char *list, const char *code)
{
	const char	*p, *q;

	for (p = list; *p != '\0'; p = q + strspn(q, " ,")) {
		q = p + strcspn(p, " ,");
		if ((size_t)(q - p) == strlen(code) &&
		    strncmp(p, code, (size_t)(q - p)) == 0)
			return (1);
	}
	return (0);
}

int
eligibility_check_grounds(const char *list, struct err *e)
{
	const char	*p, *q;

	for (p = list + strspn(list, " ,"); *p != '\0';
	    p = q + strspn(q, " ,")) {
		q = p + strcspn(p, " ,");
		if (ground_find(p, (size_t)(q - p)) == NULL) {
			err_setl(e, ERR_INTERNAL, "left-behind-grounds",
			    "配置 left-behind-grounds 含有未知依据 %.*s",
			    "left-behind-grounds names an unknown ground %.*s",
			    (int)(q - p), p);
			return (-1);
		}
	}
	return (0);
}

/* Whole years from birth to on (both YYYY-MM-DD); negative if later. */
static int
age_on(const char *birth, const char *on)
{
	int	years = atoi(on) - atoi(birth);

	if (strcmp(on + 4, birth + 4) < 0)
		years--;
	return (years);
}

struct parent {
	int		 known;
	int		 away;
	const char	*capacity;	/* at home: NULL = capable */
};

static void
reason(json_t *reasons, const char *zh, const char *en)
{
	json_t	*o = json_object();

	lang_put(o, zh, en);
	json_array_append_new(reasons, o);
}

/* A reason composed with arguments, in the three languages of m. */
static void
reason_msg(json_t *reasons, const struct err *m)
{
	json_t	*o = json_pack("{s:s, s:s}", "zh", m->msg_zh, "en", m->msg_en);

	if (m->msg_bo[0] != '\0')
		json_object_set_new(o, "bo", json_string(m->msg_bo));
	json_array_append_new(reasons, o);
}

/* What is known of a parent: unknown, away, home and incapable, capable. */
static const struct said {
	const char	*zh, *en;
} parent_said[2][4] = {
	{ { "未登记父亲信息", "no record of the father" },
	  { "父亲外出务工", "the father is away" },
	  { "父亲在家，无监护能力", "the father is at home and without capacity" },
	  { "父亲在家，有监护能力", "the father is at home and capable" } },
	{ { "未登记母亲信息", "no record of the mother" },
	  { "母亲外出务工", "the mother is away" },
	  { "母亲在家，无监护能力", "the mother is at home and without capacity" },
	  { "母亲在家，有监护能力", "the mother is at home and capable" } },
};

/* The latest row per role (a merge may leave two). */
static int
load_parents(struct store *db, int64_t id, struct parent p[2],
    struct arena *a, struct err *e)
{
	struct stmt	*st;
	const char	*cap;
	int		 rc, k;

	memset(p, 0, 2 * sizeof(*p));
	if ((st = store_prepare(db, "SELECT role, alive, migrant, capacity "
	    "FROM parents WHERE child_id = ? ORDER BY id", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, id);
	while ((rc = stmt_step(st, e)) == 1) {
		k = strcmp(stmt_text(st, 0), "MOTHER") == 0;
		p[k].known = 1;
		cap = stmt_isnull(st, 3) ? NULL : stmt_text(st, 3);
		if (!stmt_isnull(st, 1) && stmt_int64(st, 1) == 0)
			cap = "DECEASED";
		p[k].away = !stmt_isnull(st, 2) && stmt_int64(st, 2) != 0 &&
		    (cap == NULL || strcmp(cap, "DECEASED") != 0);
		p[k].capacity = cap != NULL && strcmp(cap, "CAPABLE") != 0 ?
		    arena_strdup(a, cap) : NULL;
	}
	stmt_finalize(st);
	return (rc == -1 ? -1 : 0);
}

/* The ground the parents' situation matches, or NULL. */
static json_t *
ground_json(const struct ground *g)
{
	json_t	*o = json_pack("{s:s}", "code", g->code);

	lang_put(o, g->zh, g->en);
	return (o);
}

static const struct ground *
match_ground(const struct parent p[2])
{
	const struct parent	*home;
	size_t			 i;

	if (!p[0].known || !p[1].known)
		return (NULL);
	if (p[0].away && p[1].away)
		return (&eligibility_grounds[0]);
	if (p[0].away == p[1].away)
		return (NULL);
	home = p[0].away ? &p[1] : &p[0];
	for (i = 1; i < eligibility_ngrounds && home->capacity != NULL; i++)
		if (strcmp(eligibility_grounds[i].capacity,
		    home->capacity) == 0)
			return (&eligibility_grounds[i]);
	return (NULL);
}

json_t *
eligibility_of(struct store *db, const struct actor *ac, int64_t id,
    const struct eligibility_rules *rules, struct arena *a, struct err *e)
{
	const struct resource	*rc = resource_find("children");
	const struct ground	*g;
	struct parent		 p[2];
	struct err		 m;		/* a reason in three languages */
	json_t			*child, *reasons, *grounds, *out;
	const char		*birth, *cutoff;
	char			 today[11];
	int			 age, under, k;
	const struct said	*said;

	if (eligibility_check_grounds(rules->grounds, e) == -1)
		return (NULL);
	time_today(today);
	cutoff = rules->cutoff != NULL && *rules->cutoff ? rules->cutoff :
	    today;
	if (date_valid(cutoff) == -1) {
		err_setl(e, ERR_INTERNAL, "left-behind-cutoff",
		    "配置 left-behind-cutoff 不是有效日期：%s",
		    "left-behind-cutoff is not a valid date: %s", cutoff);
		return (NULL);
	}
	/* Scope, existence and the audited read, as for GET. */
	if ((child = resource_get(rc, db, ac, id, a, e)) == NULL)
		return (NULL);
	birth = json_string_value(json_object_get(child, "birth_date"));
	birth = birth != NULL ? arena_strdup(a, birth) : NULL;
	json_decref(child);
	if (birth == NULL) {
		/* A de-identified view has the year only. */
		err_setl(e, ERR_FORBIDDEN, "birth_date",
		    "无权查看出生日期，无法判断是否为留守儿童",
		    "the date of birth is withheld from you, so eligibility "
		    "cannot be judged");
		return (NULL);
	}
	if (load_parents(db, id, p, a, e) == -1)
		return (NULL);
	reasons = json_array();
	age = age_on(birth, cutoff);
	under = age < rules->age;
	if (under)
		err_setl(&m, ERR_OK, "", "截至 %s 为 %d 周岁，未满 %d 周岁",
		    "at %s aged %d: under %d", cutoff, age, rules->age);
	else
		err_setl(&m, ERR_OK, "", "截至 %s 为 %d 周岁，已满 %d 周岁",
		    "at %s aged %d: not under %d", cutoff, age, rules->age);
	reason_msg(reasons, &m);
	for (k = 0; k < 2; k++) {
		said = &parent_said[k][!p[k].known ? 0 : p[k].away ? 1 :
		    p[k].capacity ? 2 : 3];
		reason(reasons, said->zh, said->en);
	}
	grounds = json_array();
	g = match_ground(p);
	if (g != NULL && !admitted(rules->grounds, g->code)) {
		err_setl(&m, ERR_OK, "", "依据「%s」未列入认定口径",
		    "the ground \"%s\" is not admitted by the configured rule",
		    g->zh);
		snprintf(m.msg_en, sizeof(m.msg_en), "the ground \"%s\" is not "
		    "admitted by the configured rule", g->en);
		err_bo_label(&m, g->zh);
		reason_msg(reasons, &m);
		g = NULL;
	} else if (g != NULL)
		json_array_append_new(grounds, ground_json(g));
	else
		reason(reasons, "父母外出及监护能力情况不符合留守儿童认定条件",
		    "the parents' situation matches no admitted ground");
	out = json_pack("{s:b, s:s, s:o, s:o, s:i, s:{s:i, s:s, s:s}}",
	    "eligible", under && g != NULL,
	    "left_behind_type", !under || g == NULL ? "NOT_LEFT_BEHIND" :
	    g->capacity == NULL ? "BOTH_AWAY" : "ONE_AWAY_INCAPABLE",
	    "grounds", grounds, "reasons", reasons, "age_at_cutoff", age,
	    "rules", "age", rules->age, "cutoff", cutoff, "grounds",
	    rules->grounds);
	return (out);
}
