/*
 * cmd_purge.c - `lbcare purge [--dry-run]`: apply the retention rules
 * (domain/retention.c) in one transaction and say, per rule, how many
 * rows it changed, or with --dry-run would change.
 */
#include <stdio.h>
#include <string.h>

#include "../app.h"
#include "../core/util.h"
#include "../domain/retention.h"
#include "cmd.h"

int
cmd_purge_exec(struct app *app, int argc, char **argv)
{
	struct retention_result	 res[16];
	const struct retention_rule *ru;
	struct store		*db;
	struct err		 e;
	size_t			 i;
	int			 dry = 0, rc;

	if (argc == 2 && strcmp(argv[1], "--dry-run") == 0)
		dry = 1;
	else if (argc != 1) {
		fprintf(stderr, "usage: lbcare purge [--dry-run]\n");
		return (2);
	}
	if (retention_nrules > nitems(res)) {
		fprintf(stderr, "lbcare purge: too many rules\n");
		return (1);
	}
	db = store_pool_acquire(app->pool);
	rc = retention_run(db, &app->conf, dry, res, &e);
	store_pool_release(app->pool, db);
	if (rc == -1) {
		fprintf(stderr, "lbcare purge: %s%s\n", e.msg_en,
		    dry ? "" : " (nothing was changed)");
		return (1);
	}
	for (i = 0; i < retention_nrules; i++) {
		ru = &retention_rules[i];
		printf("%-20s %s %lld (kept %lld %s, %s): %s\n", ru->name,
		    ru->action == RETAIN_DELETE ?
		    (dry ? "would delete" : "deleted") :
		    (dry ? "would anonymize" : "anonymized"),
		    (long long)res[i].rows, (long long)res[i].keep,
		    retention_unit_name(ru->unit, res[i].keep), res[i].source,
		    ru->en);
	}
	if (dry)
		printf("dry run: nothing was changed\n");
	return (0);
}
