/*
 * import.c - `bench_import [ROWS] [DIR]`: the roster import against raw
 * SQLite inserts of the same rows, in one run on this machine.
 *
 * Generates a roster of ROWS children (default 100,000; 90% with an ID
 * number) in LBCare's CSV layout, then times, on a fresh SQLite file in
 * DIR: a dry run, the committed import (validation, ICU pinyin, sealing
 * and blind index, matching, audit chain: everything the API does), and
 * a re-import that changes nothing; and, on a second file, the same rows
 * inserted raw (one prepared INSERT in one transaction, no checks).
 * With SEARCH=1 it also times name and pinyin searches and the needs
 * profile on what was imported.  Prints one line per step.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "app.h"
#include "core/buf.h"
#include "core/util.h"
#include "domain/checks.h"
#include "domain/needs_profile.h"
#include "domain/resource.h"
#include "domain/roster_import.h"

static const char *const villages[] = {
	"630105100201", "630105100202", "630105100203", "630105100204",
	"630105101201", "630105101202", "630105101203", "630105101204",
};
static const char *const regions[] = {
	"630000000000", "630100000000", "630105000000", "630105100000",
	"630105101000",
};
/* 50 characters: three of them name 125,000 children apart. */
static const char given[] = "梅明华丽军强伟芳娜敏静秀英杰涛磊洋勇艳超"
    "霞平刚桂兰红鹏飞宇欣怡浩然子轩梓涵佳琪雨萱博文思源嘉乐诗晨阳";
static const char *const surnames[] = { "王", "李", "张", "刘", "陈",
	"杨", "赵", "黄", "周", "吴", "马", "韩" };

static double
secs(int64_t t0)
{
	return ((double)(time_mono_ms() - t0) / 1000.0);
}

/* One UTF-8 CJK character (3 bytes) of given[]. */
static void
put_char(struct buf *b, int k)
{
	buf_append(b, given + 3 * (k % 50), 3);
}

/* Row i's cells: name, sex, birth, id (maybe ""), village, schooling. */
static void
row(int i, char name[32], char sex[2], char birth[11], char id[19],
    const char **village, const char **school)
{
	static const char *const sch[] = { "PRESCHOOL", "PRIMARY", "JUNIOR" };
	struct buf	b;
	unsigned	u = (unsigned)i, seq = u / 3360, y = 2008 + u % 10,
			m = 1 + u / 10 % 12, d = 1 + u / 120 % 28;

	buf_init(&b, 0);
	buf_puts(&b, surnames[i % 12]);
	put_char(&b, i);
	put_char(&b, i / 50);
	put_char(&b, i / 2500);
	snprintf(name, 32, "%s", buf_cstr(&b));
	buf_cleanup(&b);
	snprintf(birth, 11, "%04u-%02u-%02u", y, m, d);
	sex[0] = seq % 2 ? 'M' : 'F';
	sex[1] = '\0';
	id[0] = '\0';
	if (i % 10 != 0) {
		snprintf(id, 19, "630105%04u%02u%02u%03u", y, m, d, seq % 1000);
		id[17] = id_number_check_char(id);
		id[18] = '\0';
	}
	*village = villages[i % 8];
	*school = sch[i % 3];
}

static char *
roster(int n, size_t *len)
{
	struct buf	 b;
	const char	*v, *s;
	char		 name[32], sex[2], birth[11], id[19];
	int		 i;

	buf_init(&b, 0);
	buf_puts(&b, "name,sex,birth_date,ethnicity,id_number,village_code,"
	    "schooling,boarding\r\n");
	for (i = 0; i < n; i++) {
		row(i, name, sex, birth, id, &v, &s);
		buf_appendf(&b, "%s,%s,%s,01,%s,%s,%s,%s\r\n", name, sex, birth,
		    id, v, s, i % 4 ? "false" : "true");
	}
	*len = b.len;
	return (b.data);
}

/* The same rows, inserted raw into a table of the same columns. */
static double
raw_sqlite(const char *path, int n, double *cpu)
{
	clock_t		 c0;
	sqlite3		*db;
	sqlite3_stmt	*st;
	const char	*v, *s;
	char		 name[32], sex[2], birth[11], id[19];
	int64_t		 t0;
	int		 i;

	unlink(path);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		fatalx("raw: open %s", path);
	sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = "
	    "NORMAL; CREATE TABLE children (id INTEGER PRIMARY KEY, name "
	    "TEXT, sex TEXT, birth_date TEXT, ethnicity TEXT, id_number "
	    "TEXT, village_code TEXT, schooling TEXT, boarding INTEGER)",
	    NULL, NULL, NULL);
	t0 = time_mono_ms();
	c0 = clock();
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO children (name, sex, birth_date, "
	    "ethnicity, id_number, village_code, schooling, boarding) VALUES "
	    "(?, ?, ?, '01', ?, ?, ?, ?)", -1, &st, NULL);
	for (i = 0; i < n; i++) {
		row(i, name, sex, birth, id, &v, &s);
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, sex, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, birth, -1, SQLITE_TRANSIENT);
		if (*id)
			sqlite3_bind_text(st, 4, id, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(st, 4);
		sqlite3_bind_text(st, 5, v, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, s, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 7, i % 4 == 0);
		if (sqlite3_step(st) != SQLITE_DONE)
			fatalx("raw: insert: %s", sqlite3_errmsg(db));
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
	*cpu = (double)(clock() - c0) / CLOCKS_PER_SEC;
	return (secs(t0));
}

static void
seed_regions(struct store *db)
{
	const struct resource	*r = resource_find("regions");
	struct actor		 sys = { 0, 0, "", 0, NULL };
	struct arena		*a = arena_new();
	struct err		 e;
	json_t			*in, *rec;
	size_t			 i;

	for (i = 0; i < nitems(regions) + nitems(villages); i++) {
		in = json_pack("{s:s, s:s}", "code", i < nitems(regions) ?
		    regions[i] : villages[i - nitems(regions)], "name", "区");
		if ((rec = resource_create(r, db, &sys, in, a, &e)) == NULL)
			fatalx("region: %s", e.msg_en);
		json_decref(rec);
		json_decref(in);
	}
	arena_free(a);
}

static json_t *
run_import(struct store *db, const char *csv, size_t len, int dry,
    const char *what, int n)
{
	struct actor	 sys = { 0, 0, "", 0, NULL };
	struct err	 e;
	json_t		*rp;
	int64_t		 t0 = time_mono_ms();
	clock_t		 c0 = clock();
	double		 s, cpu;

	if ((rp = roster_import(db, &sys, csv, len, dry, &e)) == NULL)
		fatalx("import: %s", e.msg_en);
	s = secs(t0);
	cpu = (double)(clock() - c0) / CLOCKS_PER_SEC;
	if (!json_is_true(json_object_get(rp, "ok")))
		fatalx("import refused: %s", json_string_value(json_object_get(
		    json_array_get(json_object_get(rp, "problems"), 0), "en")));
	printf("%-28s %8.2f s %10.0f rows/s (CPU %.2f s, %.0f rows/s)  "
	    "created %lld updated %lld unchanged %lld\n", what, s, n / s, cpu,
	    n / cpu,
	    json_integer_value(json_object_get(rp, "created")),
	    json_integer_value(json_object_get(rp, "updated")),
	    json_integer_value(json_object_get(rp, "unchanged")));
	fflush(stdout);
	return (rp);
}

/* Median latency of fn over k runs, in ms. */
static void
search_latency(struct store *db, int n)
{
	const struct resource	*r = resource_find("children");
	struct actor		 ac = { 1, 0, "630105100", 0, NULL };
	struct list_query	 lq;
	struct needs_profile	 np;
	struct arena		*a = arena_new();
	struct err		 e;
	json_t			*out;
	const char		*qs[] = { "王梅", "wang", "zhang mei", "wmh" };
	int64_t			 t0;
	size_t			 i;
	int			 k;

	for (i = 0; i < nitems(qs); i++) {
		t0 = time_mono_ms();
		for (k = 0; k < 5; k++) {
			memset(&lq, 0, sizeof(lq));
			lq.limit = 50;
			lq.q = qs[i];
			if ((out = resource_list(r, db, &ac, &lq, a, &e)) ==
			    NULL)
				fatalx("search: %s", e.msg_en);
			json_decref(out);
			arena_reset(a);
		}
		printf("search q=%-12s (scoped, %d children) %8.1f ms\n", qs[i],
		    n, (double)(time_mono_ms() - t0) / 5);
	}
	t0 = time_mono_ms();
	if (needs_profile_count(db, &ac, "630105100000", "2026-01-01", &np, a,
	    &e) == -1)
		fatalx("profile: %s", e.msg_en);
	printf("needs profile 630105100000 (%lld children)     %8.1f ms\n",
	    (long long)np.total, (double)(time_mono_ms() - t0));
	arena_free(a);
}

/*
 * Copies of the imported rows (no ID number, same names and pinyin) by
 * SQL until there are scale children: search and profile latency depend
 * on how many rows there are, not on how they came.
 */
static int
scale_up(struct store *db, int n, int scale)
{
	struct err	e;
	int64_t		t0 = time_mono_ms();
	int		have = n;
	char		sql[512];

	snprintf(sql, sizeof(sql), "INSERT INTO children (revision, "
	    "created_at, created_by, updated_at, updated_by, name, name_pinyin, "
	    "sex, birth_date, ethnicity, village_code, schooling, boarding) "
	    "SELECT 1, created_at, 0, updated_at, 0, name, name_pinyin, sex, "
	    "birth_date, ethnicity, village_code, schooling, boarding FROM "
	    "children ORDER BY id LIMIT %d", n);
	while (have + n <= scale) {
		if (store_exec(db, sql, &e) == -1)
			fatalx("scale: %s", e.msg_en);
		have += n;
	}
	printf("scaled to %d children by SQL copies in %.1f s\n", have,
	    secs(t0));
	return (have);
}

int
main(int argc, char **argv)
{
	struct app	 app;
	struct store	*db;
	struct store_stmt_stats ss;
	struct err	 e;
	const char	*dir = argc > 2 ? argv[2] : "/tmp";
	char		*csv, path[512], rawpath[512];
	size_t		 len;
	double		 raw;
	json_t		*rp;
	int		 n = argc > 1 ? atoi(argv[1]) : 100000;
	int64_t		 t0;
	clock_t		 c0;
	double		 imp, impcpu, rawcpu;

	snprintf(path, sizeof(path), "%s/bench-import.db", dir);
	snprintf(rawpath, sizeof(rawpath), "%s/bench-raw.db", dir);
	unlink(path);
	memset(&app, 0, sizeof(app));
	conf_init(&app.conf);
	conf_set(&app.conf, "db", path, SRC_FLAG, &e);
	conf_set(&app.conf, "log-level", "error", SRC_FLAG, &e);
	if (app_open(&app, 1, 0, &e) == -1)
		fatalx("open: %s", e.msg_en);
	db = store_pool_acquire(app.pool);
	seed_regions(db);
	t0 = time_mono_ms();
	csv = roster(n, &len);
	printf("roster of %d rows, %.1f MB, generated in %.2f s\n", n,
	    (double)len / 1e6, secs(t0));
	if (getenv("NO_DRY_RUN") == NULL)
		json_decref(run_import(db, csv, len, 1, "dry run", n));
	t0 = time_mono_ms();
	c0 = clock();
	rp = run_import(db, csv, len, 0, "import (commit)", n);
	imp = secs(t0);
	impcpu = (double)(clock() - c0) / CLOCKS_PER_SEC;
	json_decref(rp);
	json_decref(run_import(db, csv, len, 0, "re-import (no change)", n));
	store_stmt_cache_stats(db, &ss);
	printf("statements so far: %lld parsed, %lld taken from the cache\n",
	    (long long)ss.prepared, (long long)ss.reused);
	raw = raw_sqlite(rawpath, n, &rawcpu);
	printf("%-28s %8.2f s %10.0f rows/s (CPU %.2f s, %.0f rows/s)\n",
	    "raw SQLite inserts", raw, n / raw, rawcpu, n / rawcpu);
	printf("import / raw: %.1fx the wall time, %.1fx the CPU time\n",
	    imp / raw, impcpu / rawcpu);
	if (getenv("SCALE") != NULL)
		n = scale_up(db, n, atoi(getenv("SCALE")));
	if (getenv("SEARCH") != NULL)
		search_latency(db, n);
	store_pool_release(app.pool, db);
	free(csv);
	app_close(&app);
	unlink(rawpath);
	return (0);
}
