/*
 * cmd_export.c - `lbcare export child ID [--out FILE]`: everything held
 * on one child as one JSON document, for a guardian's request.  The file
 * is created readable by its owner only; the export is audited.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../app.h"
#include "../core/util.h"
#include "../domain/subject_export.h"
#include "cmd.h"

static int
usage(void)
{
	fprintf(stderr, "usage: lbcare export child ID [--out FILE]\n");
	return (2);
}

/* Open FILE for writing, mode 0600 even if it existed. */
static FILE *
open_out(const char *path)
{
	FILE	*f;
	int	 fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) == -1)
		return (NULL);
	if (fchmod(fd, 0600) == -1 || (f = fdopen(fd, "w")) == NULL) {
		close(fd);
		return (NULL);
	}
	return (f);
}

int
cmd_export_exec(struct app *app, int argc, char **argv)
{
	struct actor	 sys = { 0, 0, "", 0, NULL };
	struct store	*db;
	struct arena	*a;
	struct err	 e;
	const char	*out = NULL;
	json_t		*doc;
	FILE		*f = stdout;
	int64_t		 id;
	int		 k, rc = 1;

	/* Spreadsheet exports live in cmd_export_sheet.c. */
	if (argc >= 2 && (strcmp(argv[1], "children") == 0 ||
	    strcmp(argv[1], "needs-profile") == 0))
		return (cmd_export_sheet_exec(app, argc, argv));
	if (argc < 3 || strcmp(argv[1], "child") != 0 ||
	    parse_int64(argv[2], &id) == -1 || id < 1)
		return (usage());
	for (k = 3; k < argc; k++) {
		if (k + 1 < argc && strcmp(argv[k], "--out") == 0)
			out = argv[++k];
		else
			return (usage());
	}
	a = arena_new();
	db = store_pool_acquire(app->pool);
	doc = subject_export_child(db, &sys, id, a, &e);
	store_pool_release(app->pool, db);
	if (doc == NULL) {
		fprintf(stderr, "lbcare export: %s\n", e.msg_en);
		goto done;
	}
	if (out != NULL && (f = open_out(out)) == NULL) {
		fprintf(stderr, "lbcare export: %s: cannot write\n", out);
		goto done;
	}
	if (json_dumpf(doc, f, JSON_INDENT(2)) == -1 || fputc('\n', f) == EOF)
		fprintf(stderr, "lbcare export: write failed\n");
	else
		rc = 0;
	if (f != stdout && fclose(f) == EOF) {
		fprintf(stderr, "lbcare export: %s: write failed\n", out);
		rc = 1;
	}
	if (rc == 0 && out != NULL)
		fprintf(stderr, "lbcare export: child %lld: %zu record kinds "
		    "written to %s\n", (long long)id, json_array_size(
		    json_object_get(doc, "included")), out);
done:
	json_decref(doc);
	arena_free(a);
	return (rc);
}
