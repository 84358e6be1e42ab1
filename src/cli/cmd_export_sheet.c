/*
 * cmd_export_sheet.c - spreadsheet exports, as the system (no scope):
 *
 *	lbcare export children --format csv|xlsx -o FILE [--region CODE]
 *	lbcare export needs-profile --region CODE [--on DATE]
 *	    --format csv|xlsx -o FILE
 *
 * The children roster is in LBCare's own layout, which `lbcare import
 * children` reads back.  Files are written beside FILE and renamed over
 * it, mode 0600.  cmd_export.c hands these two kinds here.
 */
#include <stdio.h>
#include <string.h>

#include "../app.h"
#include "../core/util.h"
#include "../core/sheet_write.h"
#include "../domain/consent.h"
#include "../domain/needs_profile.h"
#include "../domain/roster_export.h"
#include "cmd.h"

static int
usage(void)
{
	fprintf(stderr, "usage: lbcare export children --format csv|xlsx "
	    "-o FILE [--region CODE]\n"
	    "       lbcare export needs-profile --region CODE [--on DATE] "
	    "--format csv|xlsx -o FILE\n");
	return (2);
}

int
cmd_export_sheet_exec(struct app *app, int argc, char **argv)
{
	struct actor		 sys = { 0, 0, "", 0, NULL };
	struct needs_profile	 np;
	struct sheet		 sh;
	struct store		*db;
	struct arena		*a;
	struct err		 e;
	const char		*fmt = NULL, *out = NULL, *region = NULL;
	const char		*on = NULL;
	char			 today[11];
	int			 k, rc, profile;

	profile = strcmp(argv[1], "needs-profile") == 0;
	for (k = 2; k < argc; k++) {
		if (k + 1 >= argc)
			return (usage());
		if (strcmp(argv[k], "--format") == 0)
			fmt = argv[++k];
		else if (strcmp(argv[k], "-o") == 0 ||
		    strcmp(argv[k], "--out") == 0)
			out = argv[++k];
		else if (strcmp(argv[k], "--region") == 0)
			region = argv[++k];
		else if (profile && strcmp(argv[k], "--on") == 0)
			on = argv[++k];
		else
			return (usage());
	}
	if (fmt == NULL || out == NULL || (strcmp(fmt, "csv") != 0 &&
	    strcmp(fmt, "xlsx") != 0) || (profile && region == NULL))
		return (usage());
	if (on == NULL) {
		time_today(today);
		on = today;
	}
	a = arena_new();
	db = store_pool_acquire(app->pool);
	if (profile) {
		rc = needs_profile_count(db, &sys, region, on, &np, a, &e);
		if (rc == 0)
			rc = roster_profile_sheet(&np, &sh, &e);
	} else
		rc = roster_export_children(db, &sys, region, &sh, &e);
	store_pool_release(app->pool, db);
	if (rc == 0) {
		rc = strcmp(fmt, "csv") == 0 ? sheet_write_csv_file(&sh, out,
		    &e) : sheet_write_xlsx(&sh, out, profile ? "profile" :
		    "children", profile ? PROFILE_NUMERIC : 0, &e);
		if (rc == 0)
			fprintf(stderr, "lbcare export: %zu rows written to "
			    "%s\n", sh.nrows > 0 ? sh.nrows - 1 : 0, out);
		sheet_free(&sh);
	}
	arena_free(a);
	if (rc == -1) {
		fprintf(stderr, "lbcare export: %s\n", e.msg_en);
		return (1);
	}
	return (0);
}
