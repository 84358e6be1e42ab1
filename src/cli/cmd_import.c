/*
 * cmd_import.c - `lbcare import children FILE [--dry-run] [--json]`: a
 * roster (CSV or XLSX) into the registry, all or nothing, as the system
 * (no scope).  Prints the report (domain/roster_import.h); exits 1 when
 * the import was refused and nothing was written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app.h"
#include "../core/util.h"
#include "../domain/roster_import.h"
#include "cmd.h"

/* Largest file read, as the API's import limit. */
#define IMPORT_FILE_MAX	(512L * 1024 * 1024)

static int
usage(void)
{
	fprintf(stderr, "usage: lbcare import children FILE [--dry-run] "
	    "[--json]\n");
	return (2);
}

char *
cli_read_file(const char *path, size_t *len, long max)
{
	FILE	*f;
	char	*p;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return (NULL);
	if (fseek(f, 0, SEEK_END) == -1 || (n = ftell(f)) < 0 || n > max ||
	    fseek(f, 0, SEEK_SET) == -1) {
		fclose(f);
		return (NULL);
	}
	p = xmalloc((size_t)n + 1);
	if (fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		fclose(f);
		return (NULL);
	}
	fclose(f);
	p[n] = '\0';
	*len = (size_t)n;
	return (p);
}

static void
print_report(json_t *rp)
{
	json_t	*p;
	size_t	 i;

	json_array_foreach(json_object_get(rp, "problems"), i, p) {
		if (json_integer_value(json_object_get(p, "line")) > 0)
			printf("line %lld", json_integer_value(
			    json_object_get(p, "line")));
		else
			printf("file");
		if (*json_string_value(json_object_get(p, "column")))
			printf(", column %s (%s)", json_string_value(
			    json_object_get(p, "column")), json_string_value(
			    json_object_get(p, "header")));
		if (json_is_string(json_object_get(p, "value")))
			printf(", value \"%s\"", json_string_value(
			    json_object_get(p, "value")));
		printf(": %s\n    %s\n", json_string_value(json_object_get(p,
		    "en")), json_string_value(json_object_get(p, "zh")));
	}
	printf("%s: %lld rows, %lld created, %lld updated, %lld unchanged, "
	    "%lld rejected%s\n", json_is_true(json_object_get(rp, "committed"))
	    ? "committed" : json_is_true(json_object_get(rp, "ok")) ?
	    "dry run, nothing written" : "refused, nothing written",
	    json_integer_value(json_object_get(rp, "rows")),
	    json_integer_value(json_object_get(rp, "created")),
	    json_integer_value(json_object_get(rp, "updated")),
	    json_integer_value(json_object_get(rp, "unchanged")),
	    json_integer_value(json_object_get(rp, "rejected")),
	    json_is_true(json_object_get(rp, "problems_truncated")) ?
	    " (problem list truncated)" : "");
}

int
cmd_import_exec(struct app *app, int argc, char **argv)
{
	struct actor	 sys = { 0, 0, "", 0, NULL };
	struct store	*db;
	struct err	 e;
	json_t		*rp;
	char		*data;
	size_t		 len;
	int		 k, dry = 0, js = 0, rc;

	if (argc < 3 || strcmp(argv[1], "children") != 0)
		return (usage());
	for (k = 3; k < argc; k++) {
		if (strcmp(argv[k], "--dry-run") == 0)
			dry = 1;
		else if (strcmp(argv[k], "--json") == 0)
			js = 1;
		else
			return (usage());
	}
	if ((data = cli_read_file(argv[2], &len, IMPORT_FILE_MAX)) == NULL) {
		fprintf(stderr, "lbcare import: %s: cannot read (or larger "
		    "than %ld bytes)\n", argv[2], IMPORT_FILE_MAX);
		return (1);
	}
	db = store_pool_acquire(app->pool);
	rp = roster_import(db, &sys, data, len, dry, &e);
	store_pool_release(app->pool, db);
	free(data);
	if (rp == NULL) {
		fprintf(stderr, "lbcare import: %s (nothing was written)\n",
		    e.msg_en);
		return (1);
	}
	if (js) {
		json_dumpf(rp, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
		printf("\n");
	} else
		print_report(rp);
	rc = json_is_true(json_object_get(rp, "ok")) ? 0 : 1;
	json_decref(rp);
	return (rc);
}
