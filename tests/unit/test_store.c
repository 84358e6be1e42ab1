/*
 * test_store.c - the store interface, its two backends, the pool and the
 * migrations.  Runs on SQLite (a fresh file per test) by default, and on
 * PostgreSQL when LBCARE_TEST_PG holds a postgresql:// URI: then each test
 * works in a schema of its own, dropped afterwards, since tests run in
 * parallel against one shared database.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/embedded.h"
#include "core/err.h"
#include "store/store.h"

/* Criterion's str and ptr tags want non-const pointers. */
#define T_STR(p)	((char *)(uintptr_t)(p))

static char		 t_uri[1024];	/* this test's database */
static char		 t_schema[64];	/* PostgreSQL: this test's schema */
static struct store	*t_s;		/* open on t_uri during each test */

static const char *
t_pg_uri(void)
{
	const char	*u = getenv("LBCARE_TEST_PG");

	return (u != NULL && *u != '\0' ? u : NULL);
}

static int
t_is_pg(void)
{
	return (t_pg_uri() != NULL);
}

/* Run sql on a short-lived connection to the shared PostgreSQL database. */
static void
t_pg_admin(const char *sql)
{
	struct store	*s;
	struct err	 e;

	s = store_open(t_pg_uri(), &e);
	cr_assert(ne(ptr, s, NULL), "cannot open %s: %s", t_pg_uri(),
	    e.msg_en);
	cr_assert(eq(int, store_exec(s, sql, &e), 0), "%s", e.msg_en);
	store_close(s);
}

static void
t_sqlite_unlink(void)
{
	char	p[1100];

	unlink(t_uri);
	snprintf(p, sizeof(p), "%s-wal", t_uri);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", t_uri);
	unlink(p);
}

static void
t_setup(void)
{
	char		 sql[256];
	const char	*base = t_pg_uri();
	struct err	 e;

	if (base != NULL) {
		snprintf(t_schema, sizeof(t_schema), "lbt_%ld",
		    (long)getpid());
		snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS %s CASCADE; "
		    "CREATE SCHEMA %s", t_schema, t_schema);
		t_pg_admin(sql);
		/* Every connection of this test lands in its schema. */
		snprintf(t_uri, sizeof(t_uri),
		    "%s%coptions=-csearch_path%%3D%s", base,
		    strchr(base, '?') != NULL ? '&' : '?', t_schema);
	} else {
		snprintf(t_uri, sizeof(t_uri), "%s/lbcare-test-store-%ld.db",
		    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp",
		    (long)getpid());
		t_sqlite_unlink();
	}
	t_s = store_open(t_uri, &e);
	cr_assert(ne(ptr, t_s, NULL), "store_open: %s", e.msg_en);
}

static void
t_teardown(void)
{
	char	sql[128];

	store_close(t_s);
	t_s = NULL;
	if (t_is_pg()) {
		snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS %s CASCADE",
		    t_schema);
		t_pg_admin(sql);
	} else
		t_sqlite_unlink();
}

TestSuite(store, .init = t_setup, .fini = t_teardown, .timeout = 60);

/* Expand the dialect tokens in sql and run it on s; fail the test if not. */
static void
t_exec(struct store *s, const char *sql)
{
	struct err	 e;
	char		*x = store_expand_sql(s, sql);
	int		 rc = store_exec(s, x, &e);

	cr_assert(eq(int, rc, 0), "%s: %s", x, e.msg_en);
	free(x);
}

static struct stmt *
t_prepare(struct store *s, const char *sql)
{
	struct stmt	*st;
	struct err	 e;

	st = store_prepare(s, sql, &e);
	cr_assert(ne(ptr, st, NULL), "%s: %s", sql, e.msg_en);
	return (st);
}

/* Step a statement expected to succeed; returns 1 (row) or 0 (done). */
static int
t_step(struct stmt *st)
{
	struct err	 e;
	int		 rc = stmt_step(st, &e);

	cr_assert(ne(int, rc, -1), "stmt_step: %s", e.msg_en);
	return (rc);
}

/* The integer in the first column of the only row of sql. */
static int64_t
t_int(struct store *s, const char *sql)
{
	struct stmt	*st = t_prepare(s, sql);
	int64_t		 v;

	cr_assert(eq(int, t_step(st), 1), "%s: no row", sql);
	v = stmt_int64(st, 0);
	stmt_finalize(st);
	return (v);
}

/* Run a one-text-parameter statement expected to fail; returns the err. */
static struct err
t_fail_text(struct store *s, const char *sql, const char *v)
{
	struct stmt	*st = t_prepare(s, sql);
	struct err	 e;

	memset(&e, 0, sizeof(e));
	stmt_bind_text(st, 1, v);
	cr_assert(eq(int, stmt_step(st, &e), -1), "%s succeeded", sql);
	stmt_finalize(st);
	return (e);
}

/* Error messages must never repeat a bound value: it may be personal. */
static void
t_no_value_in(const struct err *e, const char *v)
{
	cr_assert(eq(ptr, strstr(e->msg_en, v), NULL), "%s", e->msg_en);
	cr_assert(eq(ptr, strstr(e->msg_zh, v), NULL), "%s", e->msg_zh);
}

static int
t_schema_files(void)
{
	const struct embedded	*m;
	int			 n = 0;

	for (m = embedded_schema; m->name != NULL; m++)
		n++;
	return (n);
}

Test(store, uri_is_pg)
{
	cr_assert(eq(int, store_uri_is_pg("postgresql://u@h/db"), 1));
	cr_assert(eq(int, store_uri_is_pg("postgres://h/db"), 1));
	cr_assert(eq(int, store_uri_is_pg("postgresq://h/db"), 0));
	cr_assert(eq(int, store_uri_is_pg("lbcare.db"), 0));
	cr_assert(eq(int, store_uri_is_pg(":memory:"), 0));
	cr_assert(eq(int, store_uri_is_pg(""), 0));
	cr_assert(eq(int, store_kind(t_s), t_is_pg() ? STORE_PG :
	    STORE_SQLITE));
}

Test(store, expand_sql)
{
	char	*x;

	x = store_expand_sql(t_s, "CREATE TABLE t (id @ID@, b @BLOB@, "
	    "c TEXT); -- @ID@");
	if (t_is_pg())
		cr_assert(eq(str, x, "CREATE TABLE t (id BIGSERIAL PRIMARY "
		    "KEY, b BYTEA, c TEXT); -- BIGSERIAL PRIMARY KEY"));
	else
		cr_assert(eq(str, x, "CREATE TABLE t (id INTEGER PRIMARY KEY "
		    "AUTOINCREMENT, b BLOB, c TEXT); -- INTEGER PRIMARY KEY "
		    "AUTOINCREMENT"));
	free(x);
	x = store_expand_sql(t_s, "@ no token @ID");
	cr_assert(eq(str, x, "@ no token @ID"));
	free(x);
	/* A token within a token: @RESOURCE@ holds @ID@. */
	x = store_expand_sql(t_s, "CREATE TABLE r (@RESOURCE@, x TEXT)");
	cr_assert(strstr(x, "@") == NULL, "%s", x);
	cr_assert(strstr(x, t_is_pg() ? "id BIGSERIAL PRIMARY KEY, revision "
	    "BIGINT NOT NULL DEFAULT 1" : "id INTEGER PRIMARY KEY "
	    "AUTOINCREMENT, revision BIGINT NOT NULL DEFAULT 1") != NULL, "%s",
	    x);
	cr_assert(strstr(x, "updated_by BIGINT NOT NULL DEFAULT 0, x TEXT)") !=
	    NULL, "%s", x);
	free(x);
}

Test(store, open_failures)
{
	struct err	 e;

	memset(&e, 0, sizeof(e));
	cr_assert(eq(ptr, store_open("/nonexistent-lbcare/dir/x.db", &e),
	    NULL));
	cr_assert(eq(int, e.code, ERR_STORE));
	memset(&e, 0, sizeof(e));
	cr_assert(eq(ptr, store_open("postgresql://nobody@127.0.0.1:1/x"
	    "?connect_timeout=2", &e), NULL));
	cr_assert(eq(int, e.code, ERR_STORE));
	cr_assert(eq(ptr, store_open("", &e), NULL));
	cr_assert(eq(int, e.code, ERR_INVALID));
}

Test(store, insert_select_columns)
{
	static const char	*names[] = { "alpha", "beta", "gamma" };
	struct stmt		*st;
	int			 i;

	t_exec(t_s, "CREATE TABLE people (id @ID@, name TEXT NOT NULL, "
	    "age BIGINT, note TEXT)");
	st = t_prepare(t_s, "INSERT INTO people (name, age, note) "
	    "VALUES (?, ?, ?)");
	for (i = 0; i < 3; i++) {
		stmt_bind_text(st, 1, names[i]);
		stmt_bind_int64(st, 2, 10 + i);
		stmt_bind_text(st, 3, "n");
		cr_assert(eq(int, t_step(st), 0));
		cr_assert(eq(int, stmt_reset(st), 0));
	}
	stmt_finalize(st);

	st = t_prepare(t_s, "SELECT id, name, age, note FROM people "
	    "WHERE age >= ? ORDER BY id");
	stmt_bind_int64(st, 1, 11);
	cr_assert(eq(int, t_step(st), 1));
	cr_assert(eq(int, stmt_ncols(st), 4));
	cr_assert(eq(str, T_STR(stmt_colname(st, 0)), "id"));
	cr_assert(eq(str, T_STR(stmt_colname(st, 3)), "note"));
	cr_assert(eq(i64, stmt_int64(st, 0), 2));
	cr_assert(eq(str, T_STR(stmt_text(st, 1)), "beta"));
	cr_assert(eq(i64, stmt_int64(st, 2), 11));
	cr_assert(eq(str, T_STR(stmt_text(st, 2)), "11"));
	cr_assert(eq(int, t_step(st), 1));
	cr_assert(eq(str, T_STR(stmt_text(st, 1)), "gamma"));
	cr_assert(eq(int, t_step(st), 0));
	cr_assert(eq(int, t_step(st), 0), "done stays done");

	/* Reset runs it again, with the bindings it had. */
	cr_assert(eq(int, stmt_reset(st), 0));
	cr_assert(eq(int, t_step(st), 1));
	cr_assert(eq(i64, stmt_int64(st, 0), 2));
	/* Binding between steps starts over with the new value. */
	stmt_bind_int64(st, 1, 12);
	cr_assert(eq(int, t_step(st), 1));
	cr_assert(eq(i64, stmt_int64(st, 0), 3));
	cr_assert(eq(int, t_step(st), 0));
	stmt_finalize(st);
}

Test(store, nulls)
{
	struct stmt	*st;

	t_exec(t_s, "CREATE TABLE n (id BIGINT, a TEXT, b BIGINT, c TEXT, "
	    "d TEXT)");
	st = t_prepare(t_s, "INSERT INTO n VALUES (1, ?, ?, ?, ?)");
	stmt_bind_null(st, 1);
	stmt_bind_null(st, 2);
	stmt_bind_text(st, 3, NULL);	/* NULL text is SQL NULL */
	stmt_bind_text(st, 4, "");	/* the empty string is not */
	cr_assert(eq(int, t_step(st), 0));
	stmt_finalize(st);

	/* An unbound parameter is NULL too. */
	st = t_prepare(t_s, "INSERT INTO n (id, a) VALUES (2, ?)");
	cr_assert(eq(int, t_step(st), 0));
	stmt_finalize(st);

	st = t_prepare(t_s, "SELECT a, b, c, d FROM n WHERE id = 1");
	cr_assert(eq(int, t_step(st), 1));
	cr_assert(eq(int, stmt_isnull(st, 0), 1));
	cr_assert(eq(ptr, T_STR(stmt_text(st, 0)), NULL));
	cr_assert(eq(int, stmt_isnull(st, 1), 1));
	cr_assert(eq(i64, stmt_int64(st, 1), 0));
	cr_assert(eq(ptr, T_STR(stmt_text(st, 2)), NULL));
	cr_assert(eq(int, stmt_isnull(st, 3), 0));
	cr_assert(eq(str, T_STR(stmt_text(st, 3)), ""));
	stmt_finalize(st);
	cr_assert(eq(i64, t_int(t_s, "SELECT count(*) FROM n WHERE a IS NULL"),
	    2));
}

Test(store, unicode_round_trip)
{
	static const struct {
		const char	*s;
		int64_t		 chars;
	} texts[] = {
		{ "留守儿童关爱服务站", 9 },
		{ "བོད་ཀྱི་བྱིས་པ།", 15 },
		{ "卓玛 (སྒྲོལ་མ) — 7岁 😀", 19 },
	};
	struct stmt	*st;
	size_t		 i;

	t_exec(t_s, "CREATE TABLE u (id BIGINT, s TEXT)");
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		st = t_prepare(t_s, "INSERT INTO u VALUES (?, ?)");
		stmt_bind_int64(st, 1, (int64_t)i);
		stmt_bind_text(st, 2, texts[i].s);
		cr_assert(eq(int, t_step(st), 0));
		stmt_finalize(st);
	}
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		st = t_prepare(t_s, "SELECT s, length(s) FROM u WHERE s = ?");
		stmt_bind_text(st, 1, texts[i].s);
		cr_assert(eq(int, t_step(st), 1), "%s not found", texts[i].s);
		cr_assert(eq(str, T_STR(stmt_text(st, 0)), T_STR(texts[i].s)));
		/* Both count characters, not bytes: it is UTF-8 both ways. */
		cr_assert(eq(i64, stmt_int64(st, 1), texts[i].chars));
		stmt_finalize(st);
	}
	st = t_prepare(t_s, "SELECT id FROM u WHERE s LIKE ?");
	stmt_bind_text(st, 1, "%关爱%");
	cr_assert(eq(int, t_step(st), 1));
	cr_assert(eq(i64, stmt_int64(st, 0), 0));
	stmt_finalize(st);
}

Test(store, int64_extremes)
{
	static const int64_t	 vals[] = { INT64_MIN, INT64_MIN + 1, -1, 0,
	    1, INT32_MAX + (int64_t)1, INT64_MAX };
	struct stmt		*st;
	char			 want[32];
	size_t			 i;

	t_exec(t_s, "CREATE TABLE big (k BIGINT, v BIGINT)");
	st = t_prepare(t_s, "INSERT INTO big VALUES (?, ?)");
	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		stmt_bind_int64(st, 1, (int64_t)i);
		stmt_bind_int64(st, 2, vals[i]);
		cr_assert(eq(int, t_step(st), 0));
		stmt_reset(st);
	}
	stmt_finalize(st);
	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		st = t_prepare(t_s, "SELECT k, v FROM big WHERE v = ?");
		stmt_bind_int64(st, 1, vals[i]);
		cr_assert(eq(int, t_step(st), 1));
		cr_assert(eq(i64, stmt_int64(st, 0), (int64_t)i));
		cr_assert(eq(i64, stmt_int64(st, 1), vals[i]));
		snprintf(want, sizeof(want), "%lld", (long long)vals[i]);
		cr_assert(eq(str, T_STR(stmt_text(st, 1)), want));
		cr_assert(eq(int, t_step(st), 0));
		stmt_finalize(st);
	}
	/* A bound int64 keeps its width in expressions too. */
	st = t_prepare(t_s, "SELECT ? - 1, ? + 1");
	stmt_bind_int64(st, 1, INT64_MAX);
	stmt_bind_int64(st, 2, INT64_MIN);
	cr_assert(eq(int, t_step(st), 1));
	cr_assert(eq(i64, stmt_int64(st, 0), INT64_MAX - 1));
	cr_assert(eq(i64, stmt_int64(st, 1), INT64_MIN + 1));
	stmt_finalize(st);
	cr_assert(eq(i64, t_int(t_s, "SELECT max(v) FROM big"), INT64_MAX));
	cr_assert(eq(i64, t_int(t_s, "SELECT min(v) FROM big"), INT64_MIN));
}

Test(store, booleans_read_as_integers)
{
	struct stmt	*st = t_prepare(t_s, "SELECT 1 = 1, 1 = 2");

	cr_assert(eq(int, t_step(st), 1));
	cr_assert(eq(i64, stmt_int64(st, 0), 1));
	cr_assert(eq(str, T_STR(stmt_text(st, 0)), "1"));
	cr_assert(eq(i64, stmt_int64(st, 1), 0));
	cr_assert(eq(str, T_STR(stmt_text(st, 1)), "0"));
	stmt_finalize(st);
}

Test(store, transactions)
{
	struct store	*other;
	struct err	 e;

	t_exec(t_s, "CREATE TABLE tx (v BIGINT)");
	cr_assert(eq(int, store_begin(t_s, &e), 0), "%s", e.msg_en);
	t_exec(t_s, "INSERT INTO tx VALUES (1)");
	cr_assert(eq(int, store_commit(t_s, &e), 0), "%s", e.msg_en);

	other = store_open(t_uri, &e);
	cr_assert(ne(ptr, other, NULL), "%s", e.msg_en);
	cr_assert(eq(i64, t_int(other, "SELECT count(*) FROM tx"), 1));

	cr_assert(eq(int, store_begin(t_s, &e), 0), "%s", e.msg_en);
	t_exec(t_s, "INSERT INTO tx VALUES (2)");
	cr_assert(eq(i64, t_int(t_s, "SELECT count(*) FROM tx"), 2));
	cr_assert(eq(int, store_rollback(t_s), 1));
	cr_assert(eq(i64, t_int(t_s, "SELECT count(*) FROM tx"), 1));
	cr_assert(eq(i64, t_int(other, "SELECT count(*) FROM tx"), 1));

	/* A rollback with nothing to roll back is harmless. */
	cr_assert(eq(int, store_rollback(t_s), 0));
	t_exec(t_s, "INSERT INTO tx VALUES (3)");
	cr_assert(eq(i64, t_int(other, "SELECT count(*) FROM tx"), 2));
	store_close(other);
}

Test(store, nested_transactions_are_savepoints)
{
	struct err	 e;

	t_exec(t_s, "CREATE TABLE nt (v BIGINT)");
	cr_assert(eq(int, store_begin(t_s, &e), 0), "%s", e.msg_en);
	t_exec(t_s, "INSERT INTO nt VALUES (1)");
	cr_assert(eq(int, store_begin(t_s, &e), 0), "%s", e.msg_en);
	t_exec(t_s, "INSERT INTO nt VALUES (2)");
	cr_assert(eq(int, store_rollback(t_s), 1));	/* only the inner */
	cr_assert(eq(i64, t_int(t_s, "SELECT count(*) FROM nt"), 1));
	cr_assert(eq(int, store_begin(t_s, &e), 0), "%s", e.msg_en);
	t_exec(t_s, "INSERT INTO nt VALUES (3)");
	cr_assert(eq(int, store_commit(t_s, &e), 0), "%s", e.msg_en);
	cr_assert(eq(int, store_commit(t_s, &e), 0), "%s", e.msg_en);
	cr_assert(eq(i64, t_int(t_s, "SELECT sum(v) FROM nt"), 4));

	/* An inner failure rolled back leaves the outer usable. */
	cr_assert(eq(int, store_begin(t_s, &e), 0), "%s", e.msg_en);
	cr_assert(eq(int, store_begin(t_s, &e), 0), "%s", e.msg_en);
	cr_assert(eq(int, store_exec(t_s, "INSERT INTO nope VALUES (1)", &e),
	    -1));
	cr_assert(eq(int, store_rollback(t_s), 1));
	t_exec(t_s, "INSERT INTO nt VALUES (5)");
	cr_assert(eq(int, store_commit(t_s, &e), 0), "%s", e.msg_en);
	cr_assert(eq(i64, t_int(t_s, "SELECT sum(v) FROM nt"), 9));
}

Test(store, unique_violation_is_conflict)
{
	struct stmt	*st;
	struct err	 e;
	const char	*secret = "张三-110101200001011234";

	t_exec(t_s, "CREATE TABLE uq (id @ID@, idno TEXT NOT NULL UNIQUE)");
	st = t_prepare(t_s, "INSERT INTO uq (idno) VALUES (?)");
	stmt_bind_text(st, 1, secret);
	cr_assert(eq(int, t_step(st), 0));
	stmt_finalize(st);

	e = t_fail_text(t_s, "INSERT INTO uq (idno) VALUES (?)", secret);
	cr_assert(eq(int, e.code, ERR_CONFLICT), "%s", e.msg_en);
	t_no_value_in(&e, secret);
	t_no_value_in(&e, "110101200001011234");

	/* A primary key is unique too. */
	e = t_fail_text(t_s, "INSERT INTO uq (id, idno) VALUES (1, ?)", "x");
	cr_assert(eq(int, e.code, ERR_CONFLICT), "%s", e.msg_en);
	cr_assert(eq(i64, t_int(t_s, "SELECT count(*) FROM uq"), 1));
}

Test(store, constraint_violations_are_invalid)
{
	struct err	 e;
	const char	*secret = "secret-值-4242";

	t_exec(t_s, "CREATE TABLE parent (id @ID@, name TEXT)");
	t_exec(t_s, "CREATE TABLE child (id @ID@, parent_id BIGINT NOT NULL "
	    "REFERENCES parent(id), name TEXT NOT NULL, "
	    "code TEXT CHECK (length(code) < 5))");
	t_exec(t_s, "INSERT INTO parent (name) VALUES ('p')");

	e = t_fail_text(t_s, "INSERT INTO child (parent_id, name) "
	    "VALUES (999, ?)", secret);
	cr_assert(eq(int, e.code, ERR_INVALID), "FK: %s", e.msg_en);
	t_no_value_in(&e, secret);

	e = t_fail_text(t_s, "INSERT INTO child (parent_id, name, code) "
	    "VALUES (1, NULL, ?)", secret);
	cr_assert(eq(int, e.code, ERR_INVALID), "NOT NULL: %s", e.msg_en);
	t_no_value_in(&e, secret);

	e = t_fail_text(t_s, "INSERT INTO child (parent_id, name, code) "
	    "VALUES (1, 'c', ?)", secret);
	cr_assert(eq(int, e.code, ERR_INVALID), "CHECK: %s", e.msg_en);
	t_no_value_in(&e, secret);

	/* Deleting a referenced row is refused the same way. */
	t_exec(t_s, "INSERT INTO child (parent_id, name) VALUES (1, 'c')");
	e = t_fail_text(t_s, "DELETE FROM parent WHERE name = ?", "p");
	cr_assert(eq(int, e.code, ERR_INVALID), "FK delete: %s", e.msg_en);
	cr_assert(eq(i64, t_int(t_s, "SELECT count(*) FROM child"), 1));
}

Test(store, bad_value_type_is_invalid)
{
	struct err	 e;
	const char	*secret = "not-a-number-秘密";

	/* SQLite converts freely unless the table is STRICT. */
	t_exec(t_s, t_is_pg() ? "CREATE TABLE typed (n BIGINT)" :
	    "CREATE TABLE typed (n INTEGER) STRICT");
	e = t_fail_text(t_s, "INSERT INTO typed (n) VALUES (?)", secret);
	cr_assert(eq(int, e.code, ERR_INVALID), "%s", e.msg_en);
	t_no_value_in(&e, secret);
	t_no_value_in(&e, "not-a-number");
}

Test(store, placeholders_in_literals_and_comments)
{
	struct stmt	*st;

	t_exec(t_s, "CREATE TABLE q (\"a?b\" TEXT, v TEXT, w TEXT)");
	st = t_prepare(t_s, "INSERT INTO q (\"a?b\", v, w) "
	    "VALUES ('it''s ? or ''?''', ? /* ? */, ? -- what?\n)");
	stmt_bind_text(st, 1, "first");
	stmt_bind_text(st, 2, "second");
	cr_assert(eq(int, t_step(st), 0));
	stmt_finalize(st);

	st = t_prepare(t_s, "SELECT \"a?b\", v, w, '?' FROM q "
	    "WHERE v = ? AND w <> '?' AND w = ?");
	stmt_bind_text(st, 1, "first");
	stmt_bind_text(st, 2, "second");
	cr_assert(eq(int, t_step(st), 1));
	cr_assert(eq(str, T_STR(stmt_text(st, 0)), "it's ? or '?'"));
	cr_assert(eq(str, T_STR(stmt_text(st, 1)), "first"));
	cr_assert(eq(str, T_STR(stmt_text(st, 2)), "second"));
	cr_assert(eq(str, T_STR(stmt_text(st, 3)), "?"));
	stmt_finalize(st);
}

Test(store, bind_out_of_range_fails_at_step)
{
	struct stmt	*st = t_prepare(t_s, "SELECT ?");
	struct err	 e;

	stmt_bind_int64(st, 2, 5);
	cr_assert(eq(int, stmt_step(st, &e), -1));
	cr_assert(eq(int, e.code, ERR_STORE));
	/* The statement stays spoilt: a mistake is not papered over. */
	stmt_reset(st);
	stmt_bind_int64(st, 1, 5);
	cr_assert(eq(int, stmt_step(st, &e), -1));
	stmt_finalize(st);
}

Test(store, sql_errors)
{
	struct stmt	*st;
	struct err	 e;

	cr_assert(eq(int, store_exec(t_s, "CREAT TABLE x (a TEXT)", &e), -1));
	cr_assert(eq(int, e.code, ERR_STORE));
	/* PostgreSQL only parses on the first step. */
	memset(&e, 0, sizeof(e));
	if ((st = store_prepare(t_s, "SELEC 1", &e)) != NULL) {
		cr_assert(eq(int, stmt_step(st, &e), -1));
		stmt_finalize(st);
	}
	cr_assert(eq(int, e.code, ERR_STORE));
	memset(&e, 0, sizeof(e));
	if ((st = store_prepare(t_s, "SELECT 1; SELECT 2", &e)) != NULL) {
		cr_assert(eq(int, stmt_step(st, &e), -1));
		stmt_finalize(st);
	}
	cr_assert(eq(int, e.code, ERR_STORE));
	/* A trailing semicolon or comment is still one statement. */
	cr_assert(eq(i64, t_int(t_s, "SELECT 7; -- seven"), 7));
}

Test(store, exec_runs_scripts)
{
	t_exec(t_s, "CREATE TABLE s1 (a BIGINT);\n"
	    "CREATE TABLE s2 (b TEXT);\n"
	    "INSERT INTO s1 VALUES (1);\nINSERT INTO s1 VALUES (2);\n"
	    "INSERT INTO s2 VALUES ('x');");
	cr_assert(eq(i64, t_int(t_s, "SELECT sum(a) FROM s1"), 3));
	cr_assert(eq(i64, t_int(t_s, "SELECT count(*) FROM s2"), 1));
}

Test(store, last_id_and_changes)
{
	struct stmt	*st;
	struct err	 e;
	int		 i;

	t_exec(t_s, "CREATE TABLE li (id @ID@, v BIGINT)");
	/* Nothing inserted yet on this connection, inside a transaction. */
	cr_assert(eq(int, store_begin(t_s, &e), 0), "%s", e.msg_en);
	cr_assert(eq(i64, store_last_id(t_s), 0));
	st = t_prepare(t_s, "INSERT INTO li (v) VALUES (?)");
	for (i = 1; i <= 3; i++) {
		stmt_bind_int64(st, 1, i * 10);
		cr_assert(eq(int, t_step(st), 0));
		cr_assert(eq(i64, store_last_id(t_s), i));
		cr_assert(eq(i64, store_changes(t_s), 1));
		stmt_reset(st);
	}
	stmt_finalize(st);
	/* Asking did not disturb the transaction. */
	cr_assert(eq(int, store_commit(t_s, &e), 0), "%s", e.msg_en);
	cr_assert(eq(i64, t_int(t_s, "SELECT count(*) FROM li"), 3));

	t_exec(t_s, "UPDATE li SET v = v + 1");
	cr_assert(eq(i64, store_changes(t_s), 3));
	t_exec(t_s, "DELETE FROM li WHERE v > 20");
	cr_assert(eq(i64, store_changes(t_s), 2));
	t_exec(t_s, "DELETE FROM li WHERE id = -1");
	cr_assert(eq(i64, store_changes(t_s), 0));
	cr_assert(eq(i64, store_last_id(t_s), 3));
}

Test(store, finalize_through_arena)
{
	struct arena	*a = arena_new();
	struct stmt	*st = t_prepare(t_s, "SELECT 1");

	arena_defer(a, stmt_finalize_v, st);
	cr_assert(eq(int, t_step(st), 1));
	arena_free(a);		/* LeakSanitizer checks the rest */
}

struct t_worker {
	struct store_pool	*pool;
	int			 id;
	int			 failures;
};

#define T_ROUNDS	25

static void *
t_pool_worker(void *arg)
{
	struct t_worker	*w = arg;
	struct store	*s;
	struct stmt	*st;
	struct err	 e;
	int		 i;

	for (i = 0; i < T_ROUNDS; i++) {
		s = store_pool_acquire(w->pool);
		if ((st = store_prepare(s, "INSERT INTO pw (w, i) VALUES "
		    "(?, ?)", &e)) == NULL)
			w->failures++;
		else {
			stmt_bind_int64(st, 1, w->id);
			stmt_bind_int64(st, 2, i);
			if (stmt_step(st, &e) != 0)
				w->failures++;
			stmt_finalize(st);
		}
		store_pool_release(w->pool, s);
	}
	return (NULL);
}

Test(store, pool_threads)
{
	struct t_worker		 w[8];
	pthread_t		 th[8];
	struct store_pool	*p;
	struct err		 e;
	int			 i;

	t_exec(t_s, "CREATE TABLE pw (w BIGINT, i BIGINT)");
	p = store_pool_open(t_uri, 4, &e);
	cr_assert(ne(ptr, p, NULL), "%s", e.msg_en);
	cr_assert(eq(int, store_pool_size(p), 4));
	for (i = 0; i < 8; i++) {
		w[i].pool = p;
		w[i].id = i;
		w[i].failures = 0;
		cr_assert(eq(int, pthread_create(&th[i], NULL, t_pool_worker,
		    &w[i]), 0));
	}
	for (i = 0; i < 8; i++) {
		pthread_join(th[i], NULL);
		cr_assert(eq(int, w[i].failures, 0), "worker %d", i);
	}
	store_pool_close(p);
	cr_assert(eq(i64, t_int(t_s, "SELECT count(*) FROM pw"),
	    8 * T_ROUNDS));
	cr_assert(eq(i64, t_int(t_s, "SELECT count(DISTINCT w) FROM pw"), 8));
}

struct t_waiter {
	struct store_pool	*pool;
	volatile int		 got;
};

static void *
t_pool_waiter(void *arg)
{
	struct t_waiter	*w = arg;
	struct store	*s = store_pool_acquire(w->pool);

	__atomic_store_n(&w->got, 1, __ATOMIC_SEQ_CST);
	store_pool_release(w->pool, s);
	return (NULL);
}

Test(store, pool_acquire_blocks_until_release)
{
	struct t_waiter	 w;
	struct store	*s;
	struct err	 e;
	pthread_t	 th;
	struct timespec	 ts = { 0, 100 * 1000 * 1000 };

	w.pool = store_pool_open(t_uri, 1, &e);
	w.got = 0;
	cr_assert(ne(ptr, w.pool, NULL), "%s", e.msg_en);
	s = store_pool_acquire(w.pool);
	cr_assert(eq(int, pthread_create(&th, NULL, t_pool_waiter, &w), 0));
	nanosleep(&ts, NULL);
	cr_assert(eq(int, __atomic_load_n(&w.got, __ATOMIC_SEQ_CST), 0));
	store_pool_release(w.pool, s);
	pthread_join(th, NULL);
	cr_assert(eq(int, w.got, 1));
	store_pool_close(w.pool);
}

Test(store, pool_memory_has_one_connection)
{
	struct store_pool	*p;
	struct err		 e;

	p = store_pool_open(":memory:", 8, &e);
	cr_assert(ne(ptr, p, NULL), "%s", e.msg_en);
	cr_assert(eq(int, store_pool_size(p), 1));
	store_pool_close(p);
	cr_assert(eq(ptr, store_pool_open(t_uri, 0, &e), NULL));
	cr_assert(eq(int, e.code, ERR_INVALID));
}

Test(store, pool_release_ends_open_transaction)
{
	struct store_pool	*p;
	struct store		*s;
	struct err		 e;

	t_exec(t_s, "CREATE TABLE pr (v BIGINT)");
	p = store_pool_open(t_uri, 1, &e);
	cr_assert(ne(ptr, p, NULL), "%s", e.msg_en);
	s = store_pool_acquire(p);
	cr_assert(eq(int, store_begin(s, &e), 0), "%s", e.msg_en);
	t_exec(s, "INSERT INTO pr VALUES (1)");
	cr_assert(eq(int, store_begin(s, &e), 0), "%s", e.msg_en);
	t_exec(s, "INSERT INTO pr VALUES (2)");
	store_pool_release(p, s);	/* forgot to commit or roll back */

	s = store_pool_acquire(p);
	cr_assert(eq(i64, t_int(s, "SELECT count(*) FROM pr"), 0));
	cr_assert(eq(int, store_begin(s, &e), 0), "%s", e.msg_en);
	cr_assert(eq(int, store_commit(s, &e), 0), "%s", e.msg_en);
	store_pool_release(p, s);
	store_pool_close(p);
	/* And the write lock went with it. */
	t_exec(t_s, "INSERT INTO pr VALUES (2)");
}

Test(store, migrate_once_then_idempotent)
{
	struct err	 e;
	int		 n;

	cr_assert(eq(int, store_schema_version(t_s, &e), 0), "%s", e.msg_en);
	n = store_migrate(t_s, &e);
	cr_assert(eq(int, n, t_schema_files()), "%s", e.msg_en);
	cr_assert(eq(int, store_schema_version(t_s, &e),
	    store_schema_latest()));
	cr_assert(eq(int, store_migrate(t_s, &e), 0), "%s", e.msg_en);
	cr_assert(eq(i64, t_int(t_s, "SELECT count(*) FROM schema_migrations"),
	    t_schema_files()));
	cr_assert(eq(int, store_schema_version(t_s, &e),
	    store_schema_latest()));
}

Test(store, migrate_refuses_newer_database)
{
	struct err	 e;
	char		 latest[16];

	cr_assert(ne(int, store_migrate(t_s, &e), -1), "%s", e.msg_en);
	t_exec(t_s, "INSERT INTO schema_migrations (version, name, "
	    "applied_at) VALUES (999, '999_future.sql', "
	    "'2030-01-01T00:00:00.000Z')");
	memset(&e, 0, sizeof(e));
	cr_assert(eq(int, store_migrate(t_s, &e), -1));
	cr_assert(eq(int, e.code, ERR_CONFLICT));
	cr_assert(ne(ptr, strstr(e.msg_en, "999"), NULL), "%s", e.msg_en);
	snprintf(latest, sizeof(latest), " %d", store_schema_latest());
	cr_assert(ne(ptr, strstr(e.msg_en, latest), NULL), "%s", e.msg_en);
	cr_assert(eq(int, store_schema_version(t_s, &e), 999));
}

struct t_migrator {
	int	applied;
};

static void *
t_migrate_thread(void *arg)
{
	struct t_migrator	*m = arg;
	struct store		*s;
	struct err		 e;

	if ((s = store_open(t_uri, &e)) == NULL) {
		m->applied = -1;
		return (NULL);
	}
	m->applied = store_migrate(s, &e);
	store_close(s);
	return (NULL);
}

/* Several servers starting at once apply each migration exactly once. */
Test(store, migrate_concurrently)
{
	struct t_migrator	 m[4];
	pthread_t		 th[4];
	int			 i, total = 0;

	for (i = 0; i < 4; i++)
		cr_assert(eq(int, pthread_create(&th[i], NULL,
		    t_migrate_thread, &m[i]), 0));
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		cr_assert(ne(int, m[i].applied, -1), "migrator %d failed", i);
		total += m[i].applied;
	}
	cr_assert(eq(int, total, t_schema_files()));
	cr_assert(eq(i64, t_int(t_s, "SELECT count(*) FROM schema_migrations"),
	    t_schema_files()));
}

/* Kill this connection's PostgreSQL backend and wait until it is gone. */
static void
t_pg_kill_backend(struct store *s)
{
	char		 sql[160];
	int64_t		 pid = t_int(s, "SELECT pg_backend_pid()");
	struct store	*admin;
	struct err	 e;
	int		 i;

	admin = store_open(t_pg_uri(), &e);
	cr_assert(ne(ptr, admin, NULL), "%s", e.msg_en);
	snprintf(sql, sizeof(sql), "SELECT pg_terminate_backend(%lld)",
	    (long long)pid);
	cr_assert(eq(i64, t_int(admin, sql), 1));
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM pg_stat_activity "
	    "WHERE pid = %lld", (long long)pid);
	for (i = 0; i < 100 && t_int(admin, sql) != 0; i++)
		usleep(20 * 1000);
	store_close(admin);
}

Test(store, pg_connection_reset_between_transactions)
{
	struct err	 e;
	int		 rc;

	if (!t_is_pg())
		return;		/* SQLite has no connection to lose */
	t_exec(t_s, "CREATE TABLE rc (v BIGINT)");

	/* Idle: the command that finds the loss fails, the next works. */
	t_pg_kill_backend(t_s);
	rc = store_exec(t_s, "INSERT INTO rc VALUES (1)", &e);
	if (rc == -1)
		t_exec(t_s, "INSERT INTO rc VALUES (1)");
	cr_assert(eq(i64, t_int(t_s, "SELECT count(*) FROM rc"), 1));

	/* In a transaction: nothing runs until the caller rolls back. */
	cr_assert(eq(int, store_begin(t_s, &e), 0), "%s", e.msg_en);
	t_exec(t_s, "INSERT INTO rc VALUES (2)");
	t_pg_kill_backend(t_s);
	cr_assert(eq(int, store_exec(t_s, "INSERT INTO rc VALUES (3)", &e),
	    -1));
	cr_assert(eq(int, store_exec(t_s, "INSERT INTO rc VALUES (4)", &e),
	    -1));
	cr_assert(eq(int, e.code, ERR_UNAVAILABLE), "%s", e.msg_en);
	cr_assert(eq(int, store_commit(t_s, &e), -1));
	store_rollback(t_s);
	cr_assert(eq(i64, t_int(t_s, "SELECT count(*) FROM rc"), 1));
}

/*
 * The statement cache (SQLite only: PostgreSQL prepares nothing worth
 * keeping).  The behaviour asserted on both is what callers see.
 */
static struct store_stmt_stats
t_stats(struct store *s)
{
	struct store_stmt_stats	ss;

	store_stmt_cache_stats(s, &ss);
	return (ss);
}

static int
t_cached(void)
{
	return (!t_is_pg());
}

Test(store, stmt_cache_reuses_same_sql)
{
	struct store_stmt_stats	 s0, s1;
	struct arena		*a = arena_new();
	struct stmt		*st, *first;

	s0 = t_stats(t_s);
	first = st = t_prepare(t_s, "SELECT ? + 1");
	stmt_bind_int64(st, 1, 1);
	cr_assert(eq(int, t_step(st), 1));
	cr_assert(eq(i64, stmt_int64(st, 0), 2));
	stmt_finalize(st);
	s1 = t_stats(t_s);
	cr_assert(eq(i64, s1.prepared, s0.prepared + 1));
	cr_assert(eq(int, s1.out, 0));
	cr_assert(eq(int, s1.idle, t_cached() ? 1 : 0));

	/* The same text again: no parse, and the run is a fresh one. */
	st = t_prepare(t_s, "SELECT ? + 1");
	stmt_bind_int64(st, 1, 41);
	cr_assert(eq(int, t_step(st), 1));
	cr_assert(eq(i64, stmt_int64(st, 0), 42));
	cr_assert(eq(int, t_step(st), 0));
	cr_assert(eq(int, t_stats(t_s).out, 1));
	arena_defer(a, stmt_finalize_v, st);
	arena_reset(a);		/* arena_defer users give it back too */
	s1 = t_stats(t_s);
	if (t_cached()) {
		cr_assert(eq(ptr, st, first));
		cr_assert(eq(i64, s1.prepared, s0.prepared + 1));
		cr_assert(eq(i64, s1.reused, s0.reused + 1));
		cr_assert(eq(int, s1.idle, 1));
	} else {
		cr_assert(eq(i64, s1.prepared, s0.prepared + 2));
		cr_assert(eq(i64, s1.reused, 0));
	}

	/* The key is the exact text: a space more is another statement. */
	st = t_prepare(t_s, "SELECT ?  + 1");
	stmt_bind_int64(st, 1, 1);
	cr_assert(eq(int, t_step(st), 1));
	cr_assert(eq(i64, stmt_int64(st, 0), 2));
	stmt_finalize(st);
	cr_assert(eq(i64, t_stats(t_s).prepared, s1.prepared + 1));
	cr_assert(eq(i64, t_stats(t_s).reused, s1.reused));
	arena_free(a);
}

Test(store, stmt_cache_nested_use_gets_two)
{
	const char	*sql = "SELECT v FROM nu WHERE v >= ? ORDER BY v";
	struct stmt	*outer, *inner, *third;

	t_exec(t_s, "CREATE TABLE nu (v BIGINT); INSERT INTO nu VALUES (1); "
	    "INSERT INTO nu VALUES (2); INSERT INTO nu VALUES (3)");
	/* Cached and idle before the nesting starts. */
	stmt_finalize(t_prepare(t_s, sql));
	outer = t_prepare(t_s, sql);
	stmt_bind_int64(outer, 1, 1);
	cr_assert(eq(int, t_step(outer), 1));
	cr_assert(eq(i64, stmt_int64(outer, 0), 1));

	inner = t_prepare(t_s, sql);
	cr_assert(ne(ptr, inner, outer));
	cr_assert(eq(int, t_stats(t_s).out, 2));
	stmt_bind_int64(inner, 1, 3);
	cr_assert(eq(int, t_step(inner), 1));
	cr_assert(eq(i64, stmt_int64(inner, 0), 3));
	cr_assert(eq(int, t_step(inner), 0));
	stmt_finalize(inner);

	/* The outer run went on undisturbed, and is still not free. */
	third = t_prepare(t_s, sql);
	cr_assert(ne(ptr, third, outer));
	stmt_bind_int64(third, 1, 2);
	cr_assert(eq(int, t_step(third), 1));
	cr_assert(eq(i64, stmt_int64(third, 0), 2));
	cr_assert(eq(int, t_step(outer), 1));
	cr_assert(eq(i64, stmt_int64(outer, 0), 2));
	cr_assert(eq(int, t_step(third), 1));
	cr_assert(eq(i64, stmt_int64(third, 0), 3));
	cr_assert(eq(int, t_step(outer), 1));
	cr_assert(eq(i64, stmt_int64(outer, 0), 3));
	cr_assert(eq(int, t_step(outer), 0));
	stmt_finalize(third);
	stmt_finalize(outer);
	cr_assert(eq(int, t_stats(t_s).out, 0));
	/* Both come back: the next nesting parses nothing. */
	cr_assert(eq(int, t_stats(t_s).idle, t_cached() ? 2 : 0));
}

Test(store, stmt_cache_bindings_do_not_leak)
{
	struct stmt	*st;
	struct err	 e;

	st = t_prepare(t_s, "SELECT ?, ?");
	stmt_bind_text(st, 1, "first");
	stmt_bind_int64(st, 2, 7);
	cr_assert(eq(int, t_step(st), 1));
	cr_assert(eq(str, T_STR(stmt_text(st, 0)), "first"));
	cr_assert(eq(i64, stmt_int64(st, 1), 7));
	stmt_finalize(st);

	/* A NULL where text was, and parameter 2 not bound at all. */
	st = t_prepare(t_s, "SELECT ?, ?");
	stmt_bind_text(st, 1, NULL);
	cr_assert(eq(int, t_step(st), 1));
	cr_assert(eq(int, stmt_isnull(st, 0), 1));
	cr_assert(eq(ptr, T_STR(stmt_text(st, 0)), NULL));
	cr_assert(eq(int, stmt_isnull(st, 1), 1));
	stmt_finalize(st);

	/* Nothing bound: both NULL, as on a fresh statement. */
	t_exec(t_s, "CREATE TABLE bl (x TEXT, y BIGINT)");
	st = t_prepare(t_s, "INSERT INTO bl (x, y) VALUES (?, ?)");
	stmt_bind_text(st, 1, "one");
	stmt_bind_int64(st, 2, 1);
	cr_assert(eq(int, t_step(st), 0));
	stmt_finalize(st);
	st = t_prepare(t_s, "INSERT INTO bl (x, y) VALUES (?, ?)");
	stmt_bind_text(st, 1, "two");
	cr_assert(eq(int, t_step(st), 0));
	stmt_finalize(st);
	cr_assert(eq(i64, t_int(t_s, "SELECT count(*) FROM bl WHERE y IS NULL "
	    "AND x = 'two'"), 1));
	cr_assert(eq(i64, t_int(t_s, "SELECT count(*) FROM bl"), 2));

	/* A bad bind spoils one use of the statement, not the next. */
	st = t_prepare(t_s, "SELECT ?");
	stmt_bind_int64(st, 2, 5);
	cr_assert(eq(int, stmt_step(st, &e), -1));
	stmt_finalize(st);
	st = t_prepare(t_s, "SELECT ?");
	stmt_bind_int64(st, 1, 5);
	cr_assert(eq(int, t_step(st), 1));
	cr_assert(eq(i64, stmt_int64(st, 0), 5));
	stmt_finalize(st);
}

Test(store, stmt_cache_survives_rollback)
{
	const char	*ins = "INSERT INTO rb (v) VALUES (?)";
	const char	*sel = "SELECT v FROM rb ORDER BY v";
	struct stmt	*st;
	struct err	 e;

	t_exec(t_s, "CREATE TABLE rb (v BIGINT)");
	cr_assert(eq(int, store_begin(t_s, &e), 0), "%s", e.msg_en);
	st = t_prepare(t_s, ins);
	stmt_bind_int64(st, 1, 1);
	cr_assert(eq(int, t_step(st), 0));
	stmt_finalize(st);
	/* Mid-result when the transaction ends. */
	st = t_prepare(t_s, sel);
	cr_assert(eq(int, t_step(st), 1));
	cr_assert(eq(int, store_rollback(t_s), 1));
	stmt_finalize(st);

	/* A savepoint rolled back, the outer transaction committed. */
	cr_assert(eq(int, store_begin(t_s, &e), 0), "%s", e.msg_en);
	st = t_prepare(t_s, ins);
	stmt_bind_int64(st, 1, 2);
	cr_assert(eq(int, t_step(st), 0));
	stmt_finalize(st);
	cr_assert(eq(int, store_begin(t_s, &e), 0), "%s", e.msg_en);
	st = t_prepare(t_s, ins);
	stmt_bind_int64(st, 1, 3);
	cr_assert(eq(int, t_step(st), 0));
	stmt_finalize(st);
	cr_assert(eq(int, store_rollback(t_s), 1));
	cr_assert(eq(int, store_commit(t_s, &e), 0), "%s", e.msg_en);

	st = t_prepare(t_s, sel);
	cr_assert(eq(int, t_step(st), 1));
	cr_assert(eq(i64, stmt_int64(st, 0), 2));
	cr_assert(eq(int, t_step(st), 0));
	stmt_finalize(st);
	if (t_cached())
		cr_assert(eq(i64, t_stats(t_s).prepared, 2));
}

Test(store, stmt_cache_emptied_by_exec)
{
	struct store_stmt_stats	 s0;
	struct stmt		*st, *held;
	struct err		 e;

	t_exec(t_s, "CREATE TABLE sc (a BIGINT)");
	st = t_prepare(t_s, "SELECT * FROM sc");
	cr_assert(eq(int, t_step(st), 0));
	cr_assert(eq(int, stmt_ncols(st), 1));
	stmt_finalize(st);
	held = t_prepare(t_s, "SELECT a FROM sc");
	cr_assert(eq(int, t_stats(t_s).idle, t_cached() ? 1 : 0));

	/* A script may change the schema: nothing cached outlives it. */
	t_exec(t_s, "ALTER TABLE sc ADD COLUMN b TEXT; "
	    "INSERT INTO sc VALUES (1, 'x')");
	cr_assert(eq(int, t_stats(t_s).idle, 0));
	stmt_finalize(held);	/* handed out before: not taken back */
	cr_assert(eq(int, t_stats(t_s).idle, 0));
	s0 = t_stats(t_s);
	st = t_prepare(t_s, "SELECT * FROM sc");
	cr_assert(eq(int, t_step(st), 1));
	cr_assert(eq(int, stmt_ncols(st), 2));
	cr_assert(eq(str, T_STR(stmt_text(st, 1)), "x"));
	stmt_finalize(st);
	cr_assert(eq(i64, t_stats(t_s).prepared, s0.prepared + 1));
	cr_assert(eq(i64, t_stats(t_s).reused, s0.reused));

	/* Transactions do not empty it. */
	t_exec(t_s, "SELECT 1");
	stmt_finalize(t_prepare(t_s, "SELECT a FROM sc"));
	cr_assert(eq(int, store_begin(t_s, &e), 0), "%s", e.msg_en);
	cr_assert(eq(int, store_commit(t_s, &e), 0), "%s", e.msg_en);
	cr_assert(eq(int, t_stats(t_s).idle, t_cached() ? 1 : 0));
}

Test(store, stmt_cache_bounded_and_freed_on_close)
{
	struct store_stmt_stats	 s0;
	struct store		*s;
	struct stmt		*st;
	struct err		 e;
	char			 sql[32];
	int			 i;

	s = store_open(t_uri, &e);
	cr_assert(ne(ptr, s, NULL), "%s", e.msg_en);
	for (i = 0; i < 70; i++) {
		snprintf(sql, sizeof(sql), "SELECT %d", i);
		cr_assert(eq(i64, t_int(s, sql), i));
	}
	cr_assert(eq(int, t_stats(s).idle, t_cached() ? 64 : 0));
	/* The least recently used went first; the latest stayed. */
	s0 = t_stats(s);
	cr_assert(eq(i64, t_int(s, "SELECT 69"), 69));
	cr_assert(eq(i64, t_int(s, "SELECT 0"), 0));
	cr_assert(eq(i64, t_stats(s).prepared, s0.prepared +
	    (t_cached() ? 1 : 2)));
	/* Left open mid-result: close finalizes it with the rest. */
	st = t_prepare(s, "SELECT 5");
	cr_assert(eq(int, t_step(st), 1));
	stmt_finalize(st);
	store_close(s);		/* LeakSanitizer checks the cache went */
}

Test(store, stmt_cache_pool_release_takes_back)
{
	const char		*sql = "SELECT v FROM cl ORDER BY v";
	struct store_pool	*p;
	struct store		*s;
	struct stmt		*st, *again;
	struct arena		*a = arena_new();
	struct err		 e;

	t_exec(t_s, "CREATE TABLE cl (v BIGINT); INSERT INTO cl VALUES (1); "
	    "INSERT INTO cl VALUES (2)");
	p = store_pool_open(t_uri, 1, &e);
	cr_assert(ne(ptr, p, NULL), "%s", e.msg_en);
	s = store_pool_acquire(p);
	/* A request's arena is freed after its connection went back. */
	st = t_prepare(s, sql);
	arena_defer(a, stmt_finalize_v, st);
	cr_assert(eq(int, t_step(st), 1));
	store_pool_release(p, s);
	cr_assert(eq(int, t_stats(s).out, 0));
	cr_assert(eq(int, t_stats(s).idle, t_cached() ? 1 : 0));

	/* The next user gets it reset; the late finalize leaves it alone. */
	s = store_pool_acquire(p);
	again = t_prepare(s, sql);
	cr_assert(eq(int, t_step(again), 1));
	cr_assert(eq(i64, stmt_int64(again, 0), 1));
	arena_free(a);
	cr_assert(eq(int, t_stats(s).out, 1));
	cr_assert(eq(int, t_step(again), 1));
	cr_assert(eq(i64, stmt_int64(again, 0), 2));
	cr_assert(eq(int, t_step(again), 0));
	stmt_finalize(again);
	cr_assert(eq(i64, t_stats(s).reused, t_cached() ? 1 : 0));

	/* Closing with one still out: finalizing it later is harmless. */
	st = t_prepare(s, sql);
	cr_assert(eq(int, t_step(st), 1));
	store_pool_release(p, s);
	store_pool_close(p);
	stmt_finalize(st);	/* LeakSanitizer checks the rest */
}
