/*
 * cmd_demo.c - `lbcare demo`: fill an empty database with the fictional
 * demo project and print how to sign in.
 */
#include <stdio.h>
#include <string.h>

#include "../app.h"
#include "../core/util.h"
#include "../domain/demo.h"
#include "cmd.h"

int
cmd_demo_exec(struct app *app, int argc, char **argv)
{
	struct store	*db;
	struct err	 e;
	int64_t		 n = DEMO_CHILDREN, seed = 2016;
	size_t		 i;
	int		 k, rc;

	for (k = 1; k < argc; k++) {
		if (k + 1 < argc && strcmp(argv[k], "--children") == 0 &&
		    parse_int64(argv[k + 1], &n) == 0 && n > 0 &&
		    n <= DEMO_CHILDREN_MAX)
			k++;
		else if (k + 1 < argc && strcmp(argv[k], "--seed") == 0 &&
		    parse_int64(argv[k + 1], &seed) == 0 && seed >= 0)
			k++;
		else {
			fprintf(stderr, "usage: lbcare demo [--children 1..%d] "
			    "[--seed N]\n", DEMO_CHILDREN_MAX);
			return (2);
		}
	}
	db = store_pool_acquire(app->pool);
	rc = demo_seed(db, (unsigned)seed, (int)n, app_pwcost(app), &e);
	store_pool_release(app->pool, db);
	if (rc == -1) {
		fprintf(stderr, "lbcare demo: %s%s\n", e.msg_en,
		    e.code == ERR_CONFLICT ? " (is the database empty? the "
		    "demo only fills a new one)" : "");
		return (1);
	}
	printf("Demo project created: %lld children in 西宁市城北区 "
	    "(fictional).\nSign in with password %s as:\n", (long long)n,
	    DEMO_PASSWORD);
	for (i = 0; i < demo_nlogins; i++)
		printf("  %-12s %s / %s — %s\n", demo_logins[i].login,
		    demo_logins[i].role_zh, demo_logins[i].role_en,
		    demo_logins[i].scope_en);
	return (0);
}
