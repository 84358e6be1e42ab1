/*
 * cmd_migrate.c - `lbcare migrate`.  Opening the app applies pending
 * migrations (cli.c); this reports the version the database is now at.
 */
#include <stdio.h>

#include "../app.h"
#include "cmd.h"

int
cmd_migrate_exec(struct app *app, int argc, char **argv)
{
	struct store	*db;
	struct err	 e;
	int		 v;

	db = store_pool_acquire(app->pool);
	v = store_schema_version(db, &e);
	store_pool_release(app->pool, db);
	if (v == -1) {
		fprintf(stderr, "lbcare migrate: %s\n", e.msg_en);
		return (1);
	}
	printf("schema at version %d (this binary knows %d)\n", v,
	    store_schema_latest());
	return (0);
}
