/*
 * cmd_export.c - `lbcare export child ID [--out FILE]`: everything held
 * on one child as one JSON document, for a guardian's request.  The file
 * is created readable by its owner only; the export is audited.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../app.h"
#include "../core/util.h"
#include "../domain/hsds.h"
#include "../domain/subject_export.h"
#include "cmd.h"

static int
usage(void)
{
	fprintf(stderr, "usage: lbcare export child ID [--out FILE]\n"
	    "       lbcare export hsds -o DIR\n");
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

/* One record a file: DIR/<kind>/<id>.json, as HSDS's API serves them. */
static int
write_records(const char *dir, const char *kind, json_t *recs)
{
	json_t	*rec;
	char	*sub, *path;
	size_t	 i;
	int	 rc = 0;

	sub = xstrdup_printf("%s/%s", dir, kind);
	if (mkdir(sub, 0755) == -1 && errno != EEXIST) {
		fprintf(stderr, "lbcare export: %s: cannot create\n", sub);
		free(sub);
		return (-1);
	}
	json_array_foreach(recs, i, rec) {
		path = xstrdup_printf("%s/%s.json", sub, json_string_value(
		    json_object_get(rec, "id")));
		if (json_dump_file(rec, path, JSON_INDENT(2) |
		    JSON_SORT_KEYS) == -1) {
			fprintf(stderr, "lbcare export: %s: cannot write\n",
			    path);
			rc = -1;
		}
		free(path);
	}
	free(sub);
	return (rc);
}

/* The partner directory (public contact data) as HSDS 3.0 records. */
static int
export_hsds(struct app *app, const char *dir)
{
	struct actor	 sys = { 0, 0, "", 0, "local" };
	struct store	*db;
	struct arena	*a = arena_new();
	struct err	 e;
	json_t		*doc;
	int		 rc = 1;

	db = store_pool_acquire(app->pool);
	doc = hsds_export(db, &sys, a, &e);
	store_pool_release(app->pool, db);
	if (doc == NULL)
		fprintf(stderr, "lbcare export: %s\n", e.msg_en);
	else if (mkdir(dir, 0755) == -1 && errno != EEXIST)
		fprintf(stderr, "lbcare export: %s: cannot create\n", dir);
	else if (write_records(dir, "organizations", json_object_get(doc,
	    "organizations")) == 0 && write_records(dir, "services",
	    json_object_get(doc, "services")) == 0 && write_records(dir,
	    "locations", json_object_get(doc, "locations")) == 0) {
		fprintf(stderr, "lbcare export: %zu partners written to %s as "
		    "HSDS 3.0\n", json_array_size(json_object_get(doc,
		    "organizations")), dir);
		rc = 0;
	}
	json_decref(doc);
	arena_free(a);
	return (rc);
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
	if (argc == 4 && strcmp(argv[1], "hsds") == 0 &&
	    (strcmp(argv[2], "-o") == 0 || strcmp(argv[2], "--out") == 0))
		return (export_hsds(app, argv[3]));
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
