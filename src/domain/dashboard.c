/*
 * dashboard.c - home page counts and alerts, in the actor's scope.
 */
#include <string.h>

#include "dashboard.h"

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

json_t *
dashboard_home(struct store *db, const struct actor *ac, struct arena *a,
    struct err *e)
{
	struct stmt	*st;
	json_t		*counts, *alerts;
	const char	*scope = ac->scope ? ac->scope : "";
	char		*like;
	int		 rc;

	like = arena_printf(a, "%s%%", scope);
	if ((st = store_prepare(db, "SELECT COUNT(*), "
	    "COALESCE(SUM(CASE WHEN risk_level IN ('HIGH', 'CRITICAL') "
	    "THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN " UNSUPERVISED
	    " THEN 1 ELSE 0 END), 0) FROM children "
	    "WHERE village_code LIKE ? AND merged_into IS NULL", e)) == NULL)
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
	alerts = json_array();
	if (!ac->deidentify) {
		/* A child without supervision needs a mandatory report. */
		if ((st = store_prepare(db, "SELECT id, village_code FROM "
		    "children WHERE village_code LIKE ? AND " UNSUPERVISED
		    " AND merged_into IS NULL ORDER BY id LIMIT 20", e)) ==
		    NULL) {
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
	return (json_pack("{s:o, s:o, s:i}", "counts", counts, "alerts",
	    alerts, "suppressed_below", SMALL_CELL * ac->deidentify));
}
