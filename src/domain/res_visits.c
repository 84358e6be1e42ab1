/*
 * res_visits.c - home visits as a declared resource: who visited which
 * child, when and where, what they saw, who was there, the concerns
 * (codes of enum_visit_concern, comma-separated) and the follow-up it
 * calls for.  Rows are scoped through the child.  A follow-up due before
 * today and not done is overdue: computed by query, never stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "declare.h"
#include "res_visits.h"
#include "roles.h"
#include "scope_ref.h"
#include "audit.h"
#include "../core/util.h"
#include "values.h"

static const struct enum_value concern_values[] = {
	{ "SAFETY", "人身安全", "Safety" },
	{ "UNSUPERVISED", "无人监护", "Left without supervision" },
	{ "CAREGIVER_UNFIT", "监护能力不足", "Caregiver unable to care" },
	{ "HEALTH", "健康", "Health" },
	{ "EMOTIONAL", "心理情绪", "Emotional" },
	{ "SCHOOLING", "学业/辍学", "Schooling or dropout" },
	{ "HOUSING", "居住条件", "Housing" },
	{ "FINANCES", "家庭经济", "Family finances" },
	{ "PARENT_CONTACT", "亲子联系", "Contact with parents" },
	{ "HUKOU", "户籍", "Hukou" },
	{ "OTHER", "其他", "Other" },
};
const struct enum_decl enum_visit_concern =
    ENUM_DECL("visit_concern", concern_values);

static const struct field visit_fields[] = {
	REF("child_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "children",
	    "儿童", "Child"),
	REF("project_id", FF_FILTER, "projects", "服务项目", "Project"),
	REF("visitor_user_id", FF_FILTER | FF_CREATOR, "users",
	    "走访人", "Visitor"),
	DATE("visited_on", FF_REQUIRED, "走访日期", "Visited on"),
	CODEREF("village_code", FF_PREFIX, "regions", check_region_code,
	    "走访村(居)", "Village"),
	TEXT("place", FF_IDENTIFYING, 0, 200, NULL, "走访地点", "Place"),
	TEXT("observations", FF_SENSITIVE | FF_IDENTIFYING, 0, 4000, NULL,
	    "走访记录", "Observations"),
	BOOL("child_present", 0, "儿童在场", "Child present"),
	BOOL("caregiver_present", 0, "监护人在场", "Caregiver present"),
	CODES("concerns", 0, enum_visit_concern, 0, 300, "发现的问题",
	    "Concerns (codes, comma-separated)"),
	DATE("follow_up_due", FF_FILTER, "跟进期限", "Follow-up due"),
	DATE("follow_up_done_on", 0, "跟进完成日期", "Follow-up done on"),
};

static const char *
text_of(const struct resource *r, const struct value *v, const char *name)
{
	const struct value	*x = &v[resource_field_index(r, name)];

	return (x->set && !x->isnull && x->s != NULL && *x->s ? x->s : NULL);
}

/*
 * A visit is not in the future; its follow-up is due and done on or
 * after it.  Dates are YYYY-MM-DD: text order is date order.
 */
static int
visit_derive(const struct resource *r, struct value *v,
    const struct value *old, struct arena *a, struct err *e)
{
	const char	*on = text_of(r, v, "visited_on");
	const char	*due = text_of(r, v, "follow_up_due");
	const char	*done = text_of(r, v, "follow_up_done_on");
	char		 today[11];

	time_today(today);
	if (on != NULL && strcmp(on, today) > 0) {
		err_setl(e, ERR_INVALID, "visited_on",
		    "走访日期 %s 晚于今天 (%s)",
		    "visited_on %s is later than today (%s)", on, today);
		return (-1);
	}
	if (on != NULL && due != NULL && strcmp(due, on) < 0) {
		err_setl(e, ERR_INVALID, "follow_up_due",
		    "跟进期限 %s 早于走访日期 %s",
		    "follow_up_due %s is before visited_on %s", due, on);
		return (-1);
	}
	if (on != NULL && done != NULL && strcmp(done, on) < 0) {
		err_setl(e, ERR_INVALID, "follow_up_done_on",
		    "跟进完成日期 %s 早于走访日期 %s",
		    "follow_up_done_on %s is before visited_on %s", done, on);
		return (-1);
	}
	return (0);
}

const struct resource res_visits = {
	"visits", "走访", "Home visits", FIELDS(visit_fields),
	ROLE_FIELD,
	ROLE_WORKER | ROLE_SUPERVISOR | ROLE_LEAD | ROLE_DIRECTOR |
	    ROLE_TOWNSHIP,
	/* scoped through the child: scope_ref.c */ "child_id",
	/* audit reads */ 1, visit_derive, NULL
};

/* The WHERE clause of overdue visits in the actor's scope. */
static const char *
overdue_where(const struct actor *ac, struct arena *a)
{
	return (arena_printf(a, "WHERE follow_up_due < ? AND "
	    "follow_up_done_on IS NULL%s", ac->scope != NULL && *ac->scope ?
	    arena_printf(a, " AND %s LIKE ?", scope_ref_column(&res_visits,
	    a)) : ""));
}

static void
overdue_bind(struct stmt *st, const struct actor *ac, const char *today,
    struct arena *a)
{
	stmt_bind_text(st, 1, today);
	if (ac->scope != NULL && *ac->scope)
		stmt_bind_text(st, 2, arena_printf(a, "%s%%", ac->scope));
}

int64_t
visits_overdue_count(struct store *db, const struct actor *ac,
    struct arena *a, struct err *e)
{
	struct stmt	*st;
	char		 today[11];
	int64_t		 n = -1;

	time_today(today);
	if ((st = store_prepare(db, arena_printf(a, "SELECT COUNT(*) FROM "
	    "visits %s", overdue_where(ac, a)), e)) == NULL)
		return (-1);
	overdue_bind(st, ac, today, a);
	if (stmt_step(st, e) == 1)
		n = stmt_int64(st, 0);
	stmt_finalize(st);
	return (n);
}

/* Whole days from a to b, both YYYY-MM-DD. */
static int
days_between(const char *from, const char *to)
{
	char	a[32], b[32];

	snprintf(a, sizeof(a), "%sT00:00:00Z", from);
	snprintf(b, sizeof(b), "%sT00:00:00Z", to);
	return ((int)((datetime_epoch(b) - datetime_epoch(a)) / 86400));
}

json_t *
visits_overdue(struct store *db, const struct actor *ac, int limit,
    struct arena *a, struct err *e)
{
	struct stmt	*st;
	json_t		*items, *ids;
	char		 today[11], *s;
	int64_t		 n;
	int		 rc;

	if ((n = visits_overdue_count(db, ac, a, e)) == -1)
		return (NULL);
	time_today(today);
	if ((st = store_prepare(db, arena_printf(a, "SELECT id, child_id, "
	    "visited_on, follow_up_due, village_code FROM visits %s "
	    "ORDER BY follow_up_due, id LIMIT %d", overdue_where(ac, a),
	    limit), e)) == NULL)
		return (NULL);
	overdue_bind(st, ac, today, a);
	items = json_array();
	ids = json_array();
	while ((rc = stmt_step(st, e)) == 1) {
		json_array_append_new(items, json_pack(
		    "{s:I, s:I, s:s, s:s, s:i, s:s?}",
		    "visit_id", (json_int_t)stmt_int64(st, 0),
		    "child_id", (json_int_t)stmt_int64(st, 1),
		    "visited_on", stmt_text(st, 2),
		    "follow_up_due", stmt_text(st, 3),
		    "days_overdue", days_between(stmt_text(st, 3), today),
		    "village_code", stmt_text(st, 4)));
		json_array_append_new(ids, json_integer(stmt_int64(st, 0)));
	}
	stmt_finalize(st);
	if (rc == -1)
		goto fail;
	if (json_array_size(ids) > 0) {
		s = json_dumps(ids, JSON_COMPACT);
		rc = audit_append_tx(db, ac, "list", "visits", 0, arena_printf(a,
		    "{\"ids\":%s,\"overdue\":true}", s), e);
		free(s);
		if (rc == -1)
			goto fail;
	}
	json_decref(ids);
	return (json_pack("{s:o, s:I}", "items", items, "count",
	    (json_int_t)n));
fail:
	json_decref(items);
	json_decref(ids);
	return (NULL);
}
