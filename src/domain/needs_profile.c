/*
 * needs_profile.c - the regional needs profile: one pass over the
 * region's children (each joined to its latest assessment on or before
 * the date), counted into cells declared by the groups table below, and
 * rendered as JSON or CSV with small cells suppressed the same way.
 */
#include <string.h>

#include "../core/lang.h"
#include "../core/util.h"
#include "checks.h"
#include "dashboard.h"
#include "enums.h"
#include "needs_profile.h"
#include "res_assessments.h"

/* Children's columns counted; col is the column of the query below. */
static const struct np_group {
	const char		*name, *zh, *en;
	const struct enum_decl	*values;	/* NULL: the needs dimensions */
	int			 col;
} np_groups[] = {
	{ "sex", "性别", "Sex", &enum_sex, 0 },
	{ "left_behind_type", "留守类型", "Left-behind type",
	    &enum_left_behind_type, 1 },
	{ "guardianship", "监护状况", "Guardianship", &enum_guardianship, 2 },
	{ "schooling", "就学情况", "Schooling", &enum_schooling, 3 },
	{ "risk_level", "风险等级", "Risk level", &enum_risk_level, -1 },
	{ "needs", "中度及以上需求", "Moderate or severe need", NULL, -1 },
};
#define NP_NGROUPS	(sizeof(np_groups) / sizeof(np_groups[0]))

/* Columns 5.. of the query: the latest assessment, or NULLs. */
#define COL_CHILD_RISK	4
#define COL_ASSESSMENT	5
#define COL_RISK	6
#define COL_OVERRIDE	7
#define COL_DIMS	8

static const char *
profile_sql(struct arena *a)
{
	char	*dims = "";
	size_t	 i;

	for (i = 0; i < NEEDS_NDIMS; i++)
		dims = arena_printf(a, "%s, a.%s", dims,
		    needs_dimensions[i].code);
	/* Latest: the last date, and of one day the last entered. */
	return (arena_printf(a, "SELECT c.sex, c.left_behind_type, "
	    "c.guardianship, c.schooling, c.risk_level, a.id, a.risk_level, "
	    "a.risk_override%s FROM children c LEFT JOIN assessments a ON "
	    "a.id = (SELECT x.id FROM assessments x WHERE x.child_id = c.id "
	    "AND x.assessed_on <= ? ORDER BY x.assessed_on DESC, x.id DESC "
	    "LIMIT 1) WHERE c.village_code LIKE ? AND c.village_code LIKE ? "
	    "AND c.merged_into IS NULL",
	    dims));
}

/* The cells in output order: each group's values, then UNRECORDED. */
static void
profile_cells(struct needs_profile *np, struct arena *a)
{
	const struct np_group	*g;
	size_t			 i, k, n = 0;

	for (i = 0; i < NP_NGROUPS; i++)
		n += np_groups[i].values ? np_groups[i].values->nvalues + 1 :
		    NEEDS_NDIMS;
	np->cells = arena_alloc(a, n * sizeof(*np->cells));
	memset(np->cells, 0, n * sizeof(*np->cells));
	for (i = 0; i < NP_NGROUPS; i++) {
		g = &np_groups[i];
		if (g->values == NULL) {
			for (k = 0; k < NEEDS_NDIMS; k++)
				np->cells[np->ncells++] = (struct np_cell){
				    g->name, needs_dimensions[k].code,
				    needs_dimensions[k].zh,
				    needs_dimensions[k].en, 0, 0 };
			continue;
		}
		for (k = 0; k < g->values->nvalues; k++)
			np->cells[np->ncells++] = (struct np_cell){ g->name,
			    g->values->values[k].code, g->values->values[k].zh,
			    g->values->values[k].en, 0, 0 };
		np->cells[np->ncells++] = (struct np_cell){ g->name,
		    NP_UNRECORDED, "未填写", "Not recorded", 0, 0 };
	}
}

/* Count one child under code (NULL or unknown: UNRECORDED) in group. */
static void
profile_add(struct needs_profile *np, const char *group, const char *code)
{
	struct np_cell	*unrec = NULL;
	size_t		 i;

	for (i = 0; i < np->ncells; i++) {
		if (strcmp(np->cells[i].group, group) != 0)
			continue;
		if (code != NULL && strcmp(np->cells[i].value, code) == 0) {
			np->cells[i].count++;
			return;
		}
		if (strcmp(np->cells[i].value, NP_UNRECORDED) == 0)
			unrec = &np->cells[i];
	}
	if (unrec != NULL)
		unrec->count++;
}

/* One child's row: its groups, its effective risk, its serious needs. */
static void
profile_row(struct needs_profile *np, struct stmt *st)
{
	const char	*risk;
	size_t		 i;

	np->total++;
	for (i = 0; i < NP_NGROUPS; i++)
		if (np_groups[i].col >= 0)
			profile_add(np, np_groups[i].name,
			    stmt_text(st, np_groups[i].col));
	if (stmt_isnull(st, COL_ASSESSMENT)) {
		profile_add(np, "risk_level", stmt_text(st, COL_CHILD_RISK));
		return;
	}
	risk = stmt_text(st, COL_OVERRIDE);
	if (risk == NULL || risk[0] == '\0')
		risk = stmt_text(st, COL_RISK);
	profile_add(np, "risk_level", risk);
	for (i = 0; i < NEEDS_NDIMS; i++)
		if (stmt_int64(st, COL_DIMS + (int)i) >= NEEDS_SERIOUS)
			profile_add(np, "needs", needs_dimensions[i].code);
}

/* The region's name if it exists and lies wholly inside the scope. */
static const char *
profile_region(struct store *db, const struct actor *ac, const char *code,
    char prefix[13], struct arena *a, struct err *e)
{
	struct stmt	*st;
	const char	*scope = ac->scope ? ac->scope : "", *name = NULL;
	int		 rc;

	region_prefix(code, prefix);
	if (strncmp(prefix, scope, strlen(scope)) == 0) {
		if ((st = store_prepare(db, "SELECT name FROM regions WHERE "
		    "code = ?", e)) == NULL)
			return (NULL);
		stmt_bind_text(st, 1, code);
		if ((rc = stmt_step(st, e)) == 1)
			name = arena_strdup(a, stmt_text(st, 0));
		stmt_finalize(st);
		if (rc == -1)
			return (NULL);
	}
	if (name == NULL)
		err_setl(e, ERR_NOTFOUND, "code",
		    "没有区划 %s，或不在您的管辖范围内",
		    "no region %s within your scope", code);
	return (name);
}

static int
small(int64_t n)
{
	return (n > 0 && n < SMALL_CELL);
}

/*
 * Which counts a de-identified viewer may not see.  Primary: 1 to 4.
 * Secondary: the values of a group add up to the shown total, so a group
 * with a single hidden cell would give it away by subtraction; hide its
 * next smallest non-zero cell as well.  The needs group is not a
 * partition (one child counts in several dimensions), so only primary
 * suppression applies to it.
 */
static void
profile_suppress(struct needs_profile *np)
{
	struct np_cell	*c, *next;
	size_t		 g, k;
	int		 nhidden;

	if (!np->deidentify)
		return;
	np->total_hidden = small(np->total);
	for (k = 0; k < np->ncells; k++)
		np->cells[k].hidden = small(np->cells[k].count) ||
		    np->total_hidden;
	for (g = 0; g < NP_NGROUPS; g++) {
		if (np_groups[g].values == NULL)
			continue;
		nhidden = 0;
		next = NULL;
		for (k = 0; k < np->ncells; k++) {
			c = &np->cells[k];
			if (strcmp(c->group, np_groups[g].name) != 0)
				continue;
			if (c->hidden)
				nhidden++;
			else if (c->count > 0 && (next == NULL ||
			    c->count < next->count))
				next = c;
		}
		if (nhidden == 1 && next != NULL)
			next->hidden = 1;
	}
}

int
needs_profile_count(struct store *db, const struct actor *ac,
    const char *code, const char *on, struct needs_profile *np,
    struct arena *a, struct err *e)
{
	struct stmt	*st;
	char		 prefix[13];
	int		 rc;

	memset(np, 0, sizeof(*np));
	if (check_region_code(code, "code", e) == -1)
		return (-1);
	if (date_valid(on) == -1) {
		err_setl(e, ERR_INVALID, "on", "on=%s 不是有效日期 (YYYY-MM-DD)",
		    "on=%s is not a valid date (YYYY-MM-DD)", on);
		return (-1);
	}
	if ((np->region_name = profile_region(db, ac, code, prefix, a,
	    e)) == NULL)
		return (-1);
	np->region = arena_strdup(a, code);
	np->on = arena_strdup(a, on);
	np->deidentify = ac->deidentify;
	profile_cells(np, a);
	if ((st = store_prepare(db, profile_sql(a), e)) == NULL)
		return (-1);
	arena_defer(a, stmt_finalize_v, st);
	stmt_bind_text(st, 1, on);
	stmt_bind_text(st, 2, arena_printf(a, "%s%%", prefix));
	stmt_bind_text(st, 3, arena_printf(a, "%s%%", ac->scope ? ac->scope :
	    ""));
	while ((rc = stmt_step(st, e)) == 1)
		profile_row(np, st);
	stmt_reset(st);
	if (rc == -1)
		return (-1);
	profile_suppress(np);
	return (0);
}

/* count / total to four places, or -1 when there is no share to give. */
static double
profile_share(const struct needs_profile *np, int64_t count, int hidden)
{
	if (np->total == 0 || hidden)
		return (-1);
	return ((double)((count * 10000 + np->total / 2) / np->total) /
	    10000.0);
}

static json_t *
cell_json(const struct needs_profile *np, const char *zh, const char *en,
    int64_t count, int hidden)
{
	int	shown = !hidden;
	double	share = profile_share(np, count, hidden);

	json_t	*o = json_pack("{s:o, s:o, s:b}",
	    "count", shown ? json_integer(count) : json_null(), "share",
	    share < 0 ? json_null() : json_real(share), "suppressed",
	    !shown);

	lang_put(o, zh, en);
	return (o);
}

json_t *
needs_profile_json(const struct needs_profile *np)
{
	json_t	*groups, *g, *vals = NULL;
	size_t	 i, k;

	groups = json_object();
	for (i = 0; i < NP_NGROUPS; i++) {
		vals = json_object();
		g = json_pack("{s:o}", "values", vals);
		lang_put(g, np_groups[i].zh, np_groups[i].en);
		json_object_set_new(groups, np_groups[i].name, g);
		for (k = 0; k < np->ncells; k++)
			if (strcmp(np->cells[k].group, np_groups[i].name) == 0)
				json_object_set_new(vals, np->cells[k].value,
				    cell_json(np, np->cells[k].zh,
				    np->cells[k].en, np->cells[k].count,
				    np->cells[k].hidden));
	}
	return (json_pack("{s:s, s:s, s:s, s:i, s:o, s:o}", "region",
	    np->region, "region_name", np->region_name, "on", np->on,
	    "suppressed_below", np->deidentify ? SMALL_CELL : 0, "total",
	    cell_json(np, "儿童总数", "Children", np->total,
	    np->total_hidden), "groups",
	    groups));
}

static void
csv_row(const struct needs_profile *np, struct buf *b, const char *group,
    const char *value, const char *zh, const char *en, int64_t count,
    int hidden)
{
	double	share = profile_share(np, count, hidden);

	buf_put_csv(b, group);
	buf_putc(b, ',');
	buf_put_csv(b, value);
	buf_putc(b, ',');
	buf_put_csv(b, zh);
	buf_putc(b, ',');
	buf_put_csv(b, en);
	buf_putc(b, ',');
	if (!hidden)
		buf_appendf(b, "%lld", (long long)count);
	buf_putc(b, ',');
	if (share >= 0)
		buf_appendf(b, "%.4f", share);
	buf_puts(b, "\r\n");
}

void
needs_profile_csv(const struct needs_profile *np, struct buf *b)
{
	size_t	i;

	/* The BOM makes Excel read the Chinese labels as UTF-8. */
	buf_puts(b, "\xEF\xBB\xBFgroup,value,label_zh,label_en,count,share\r\n");
	csv_row(np, b, "total", "", "儿童总数", "Children", np->total,
	    np->total_hidden);
	for (i = 0; i < np->ncells; i++)
		csv_row(np, b, np->cells[i].group, np->cells[i].value,
		    np->cells[i].zh, np->cells[i].en, np->cells[i].count,
		    np->cells[i].hidden);
}
