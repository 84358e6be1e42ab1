/*
 * cmd_case.c - `lbcare case list [--worker LOGIN] [--stage STAGE]`: the
 * caseloads at a glance, for the project lead at the console.  Ids,
 * stages, people's logins and dates only: no child's name, no notes.
 */
#include <stdio.h>
#include <string.h>

#include "../app.h"
#include "../core/buf.h"
#include "../domain/res_cases.h"
#include "cli.h"
#include "cmd.h"

static int
usage(void)
{
	fprintf(stderr, "usage: lbcare case list [--worker LOGIN] "
	    "[--stage STAGE]\n");
	return (2);
}

static int
case_list(struct app *app, struct store *db, int argc, char **argv,
    struct err *e)
{
	const char	*worker = NULL, *stage = NULL;
	struct stmt	*st;
	struct buf	 b;
	int		 i, k = 1, rc, n = 0;

	(void)app;

	for (i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--worker") == 0)
			worker = argv[i + 1];
		else if (strcmp(argv[i], "--stage") == 0)
			stage = argv[i + 1];
		else
			return (usage());
	}
	if (i != argc)
		return (usage());
	if (stage != NULL && enum_find(&enum_case_stage, stage) == NULL) {
		fprintf(stderr, "lbcare case: no stage '%s'\n", stage);
		return (2);
	}
	buf_init(&b, 0);
	buf_puts(&b, "SELECT c.id, c.stage, c.child_id, c.opened_on, "
	    "COALESCE(w.login, '-'), COALESCE(s.login, '-') FROM cases c "
	    "LEFT JOIN users w ON w.id = c.worker_user_id "
	    "LEFT JOIN users s ON s.id = c.supervisor_user_id WHERE 1 = 1");
	if (worker != NULL)
		buf_puts(&b, " AND w.login = ?");
	if (stage != NULL)
		buf_puts(&b, " AND c.stage = ?");
	buf_puts(&b, " ORDER BY c.id");
	st = store_prepare(db, buf_cstr(&b), e);
	buf_cleanup(&b);
	if (st == NULL)
		return (-1);
	if (worker != NULL)
		stmt_bind_text(st, k++, worker);
	if (stage != NULL)
		stmt_bind_text(st, k++, stage);
	while ((rc = stmt_step(st, e)) == 1) {
		if (n++ == 0)
			printf("%-6s %-12s %-8s %-10s %-16s %s\n", "id",
			    "stage", "child", "opened", "worker",
			    "supervisor");
		printf("%-6lld %-12s %-8lld %-10s %-16s %s\n",
		    (long long)stmt_int64(st, 0), stmt_text(st, 1),
		    (long long)stmt_int64(st, 2), stmt_text(st, 3),
		    stmt_text(st, 4), stmt_text(st, 5));
	}
	stmt_finalize(st);
	if (rc == -1)
		return (-1);
	printf("%d case%s\n", n, n == 1 ? "" : "s");
	return (0);
}

int
cmd_case_exec(struct app *app, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "list") != 0)
		return (usage());
	return (cli_run_db(app, argc, argv, case_list));
}
