/*
 * cmd_key.c - `lbcare key status|new|rotate`: the data keys that protect
 * sensitive fields.  Rotation re-seals in batches, each its own
 * transaction, so it can run beside the server and be stopped and run
 * again; it goes on until nothing is sealed under an old key.
 */
#include <stdio.h>
#include <string.h>

#include "../app.h"
#include "../core/util.h"
#include "../domain/protect.h"
#include "../domain/resource.h"
#include "cmd.h"

static int
key_status(struct store *db, struct err *e)
{
	struct arena	*a = arena_new();
	json_t		*st;
	char		*s;
	size_t		 i;
	int		 rc = 0;

	printf("newest data key: %d\n", protect_current_key());
	for (i = 0; resources[i] != NULL && rc == 0; i++) {
		if ((st = resource_seal_status(resources[i], db, a, e)) ==
		    NULL) {
			rc = -1;
			break;
		}
		if (json_object_size(st) > 0) {
			s = json_dumps(st, JSON_COMPACT | JSON_SORT_KEYS);
			printf("%s: %s\n", resources[i]->name, s);
			free(s);
		}
		json_decref(st);
	}
	arena_free(a);
	return (rc);
}

static int
key_rotate(struct store *db, int batch, struct err *e)
{
	struct arena	*a;
	size_t		 i;
	long long	 total = 0;
	int		 n;

	for (i = 0; resources[i] != NULL; i++) {
		do {
			a = arena_new();
			n = resource_reseal(resources[i], db, batch, a, e);
			arena_free(a);
			if (n == -1)
				return (-1);
			total += n;
			if (n > 0)
				printf("%s: re-sealed %d values (total %lld)\n",
				    resources[i]->name, n, total);
		} while (n > 0);
	}
	printf("rotation complete: every protected value is under key %d\n",
	    protect_current_key());
	return (0);
}

int
cmd_key_exec(struct app *app, int argc, char **argv)
{
	struct store	*db;
	struct err	 e;
	int64_t		 batch = 500;
	int		 rc = -1, id;

	if (argc < 2 || (argc == 4 && (strcmp(argv[2], "--batch") != 0 ||
	    parse_int64(argv[3], &batch) == -1 || batch < 1 ||
	    batch > 100000)) || (argc != 2 && argc != 4)) {
		fprintf(stderr, "usage: lbcare key status | new | rotate "
		    "[--batch 1..100000]\n");
		return (2);
	}
	err_clear(&e);
	db = store_pool_acquire(app->pool);
	if (strcmp(argv[1], "status") == 0)
		rc = key_status(db, &e);
	else if (strcmp(argv[1], "rotate") == 0)
		rc = key_rotate(db, (int)batch, &e);
	else if (strcmp(argv[1], "new") == 0 && app->key_path != NULL) {
		if ((id = protect_add_key(app->key_path, &e)) != -1 &&
		    protect_check_db(db, &e) == 0) {
			printf("added data key %d to %s; new values use it; run "
			    "`lbcare key rotate` to re-seal the old ones\n", id,
			    app->key_path);
			rc = 0;
		}
	} else
		err_set(&e, ERR_INVALID, "", "unknown key command, or keys "
		    "held only in memory");
	store_pool_release(app->pool, db);
	if (rc == -1) {
		fprintf(stderr, "lbcare key %s: %s\n", argv[1], e.msg_en);
		return (1);
	}
	return (0);
}
