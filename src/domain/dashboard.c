/*
 * dashboard.c - home page counts and alerts, in the actor's scope.
 */
#include <string.h>

#include "dashboard.h"
#include "scope_ref.h"
#include "res_visits.h"

/* Recorded as such, or moved there by the state machine (guardianship.c). */
#define UNSUPERVISED	"(guardianship = 'UNSUPERVISED' OR " \
			"guardianship_state = 'UNSUPERVISED')"

static json_t *
count_json(int64_t n, int suppress)
{
	if (suppress && n > 0 && n < SMALL_CELL)
		return (json_null());
	return (json_integer(n));
}

/*
 * The caller's own caseload: their open cases by stage (closed and
 * declined ones are done), {"INTAKE": 2, ...}.
 */
static json_t *
caseload(struct store *db, const struct actor *ac, struct err *e)
{
	struct stmt	*st;
	json_t		*out;
	int		 rc;

	if ((st = store_prepare(db, "SELECT stage, COUNT(*) FROM cases WHERE "
	    "worker_user_id = ? AND stage NOT IN ('CLOSED', 'DECLINED') "
	    "GROUP BY stage", e)) == NULL)
		return (NULL);
	stmt_bind_int64(st, 1, ac->user_id);
	out = json_object();
	while ((rc = stmt_step(st, e)) == 1)
		json_object_set_new(out, stmt_text(st, 0),
		    json_integer(stmt_int64(st, 1)));
	stmt_finalize(st);
	if (rc == -1) {
		json_decref(out);
		return (NULL);
	}
	return (out);
}

json_t *
dashboard_home(struct store *db, const struct actor *ac, struct arena *a,
    struct err *e)
{
	struct stmt	*st;
	json_t		*counts, *alerts, *cl;
	const char	*scope = ac->scope ? ac->scope : "", *pc, *where;
	char		*like;
	int		 rc;

	like = arena_printf(a, "%s%%", scope);
	/* The children of the actor's projects, when they belong to any. */
	pc = scope_ref_project_clause(resource_find("children"), ac, a);
	where = arena_printf(a, "village_code LIKE ? AND merged_into IS NULL%s%s",
	    pc ? " AND " : "",
	    pc ? pc : "");
	if ((st = store_prepare(db, arena_printf(a, "SELECT COUNT(*), "
	    "COALESCE(SUM(CASE WHEN risk_level IN ('HIGH', 'CRITICAL') "
	    "THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN " UNSUPERVISED
	    " THEN 1 ELSE 0 END), 0) FROM children "
	    "WHERE %s", where), e)) == NULL)
		return (NULL);
	arena_defer(a, stmt_finalize_v, st);
	stmt_bind_text(st, 1, like);
	if ((rc = stmt_step(st, e)) != 1)
		return (NULL);
	counts = json_pack("{s:o, s:o, s:o}",
	    "children", count_json(stmt_int64(st, 0), ac->deidentify),
	    "high_risk", count_json(stmt_int64(st, 1), ac->deidentify),
	    "unsupervised", count_json(stmt_int64(st, 2), ac->deidentify));
	stmt_reset(st);
	/* Home visits whose follow-up is past due (res_visits.c). */
	if (ac->roles & res_visits.read_roles) {
		int64_t n = visits_overdue_count(db, ac, a, e);

		if (n == -1) {
			json_decref(counts);
			return (NULL);
		}
		json_object_set_new(counts, "overdue_visits", count_json(n,
		    ac->deidentify));
	}
	alerts = json_array();
	if (!ac->deidentify) {
		/* A child without supervision needs a mandatory report. */
		if ((st = store_prepare(db, arena_printf(a, "SELECT id, "
		    "village_code FROM children WHERE %s AND " UNSUPERVISED
		    " ORDER BY id LIMIT 20", where), e)) == NULL) {
			json_decref(counts);
			json_decref(alerts);
			return (NULL);
		}
		arena_defer(a, stmt_finalize_v, st);
		stmt_bind_text(st, 1, like);
		while ((rc = stmt_step(st, e)) == 1)
			json_array_append_new(alerts, json_pack(
			    "{s:s, s:I, s:s}", "kind", "UNSUPERVISED",
			    "child_id", (json_int_t)stmt_int64(st, 0),
			    "village_code", stmt_text(st, 1)));
		stmt_reset(st);
	}
	if ((cl = caseload(db, ac, e)) == NULL) {
		json_decref(counts);
		json_decref(alerts);
		return (NULL);
	}
	return (json_pack("{s:o, s:o, s:i, s:o}", "counts", counts, "alerts",
	    alerts, "suppressed_below", SMALL_CELL * ac->deidentify,
	    "caseload", cl));
}
