/*
 * cmd_audit.c - `lbcare audit verify`: walk the hash chain and say
 * where it breaks.
 */
#include <stdio.h>
#include <string.h>

#include "../app.h"
#include "../domain/audit.h"
#include "cmd.h"

int
cmd_audit_exec(struct app *app, int argc, char **argv)
{
	struct store	*db;
	struct err	 e;
	int64_t		 bad, n;
	int		 rc;

	if (argc != 2 || strcmp(argv[1], "verify") != 0) {
		fprintf(stderr, "usage: lbcare audit verify\n");
		return (2);
	}
	db = store_pool_acquire(app->pool);
	rc = audit_verify(db, &bad, &n, &e);
	store_pool_release(app->pool, db);
	if (rc == -1) {
		fprintf(stderr, "lbcare audit verify: %s\n", e.msg_en);
		return (2);
	}
	if (rc == 1) {
		printf("audit chain BROKEN at entry %lld (%lld entries before "
		    "it verify)\n", (long long)bad, (long long)n);
		return (1);
	}
	printf("audit chain intact: %lld entries\n", (long long)n);
	return (0);
}
