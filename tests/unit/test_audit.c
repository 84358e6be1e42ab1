/*
 * test_audit.c - the audit chain and its writer (group commit): appends
 * from many threads form one intact chain, each caller returns only once
 * its entry is committed and visible to another connection, callers that
 * wait together share a commit, a failed batch fails its callers, and
 * stopping drains the queue.  On a SQLite file in a fresh directory, or
 * on PostgreSQL when LBCARE_TEST_PG holds a postgresql:// URI (then in a
 * schema of its own, dropped afterwards).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "core/util.h"
#include "domain/audit.h"
#include "store/store.h"

static char	t_dir[512];	/* SQLite: this test's directory */
static char	t_uri[1024];	/* this test's database */
static char	t_schema[64];	/* PostgreSQL: this test's schema */

static const char *
t_pg_uri(void)
{
	const char	*u = getenv("LBCARE_TEST_PG");

	return (u != NULL && *u != '\0' ? u : NULL);
}

static struct store *
t_open(void)
{
	struct store	*s;
	struct err	 e;

	s = store_open(t_uri, &e);
	cr_assert(ne(ptr, s, NULL), "store_open: %s", e.msg_en);
	return (s);
}

/* Run sql on a short-lived connection to uri. */
static void
t_exec_on(const char *uri, const char *sql)
{
	struct store	*s;
	struct err	 e;

	s = store_open(uri, &e);
	cr_assert(ne(ptr, s, NULL), "store_open: %s", e.msg_en);
	cr_assert(eq(int, store_exec(s, sql, &e), 0), "%s: %s", sql, e.msg_en);
	store_close(s);
}

static void
t_setup(void)
{
	struct store	*s;
	struct err	 e;
	char		 sql[256];
	const char	*base = t_pg_uri(), *tmp = getenv("TMPDIR");

	cr_assert(sodium_init() >= 0);
	if (base != NULL) {
		snprintf(t_schema, sizeof(t_schema), "lbt_audit_%ld",
		    (long)getpid());
		snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS %s CASCADE; "
		    "CREATE SCHEMA %s", t_schema, t_schema);
		t_exec_on(base, sql);
		snprintf(t_uri, sizeof(t_uri),
		    "%s%coptions=-csearch_path%%3D%s", base,
		    strchr(base, '?') != NULL ? '&' : '?', t_schema);
	} else {
		snprintf(t_dir, sizeof(t_dir), "%s/lbcare-test-audit.XXXXXX",
		    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
		cr_assert(ne(ptr, mkdtemp(t_dir), NULL));
		snprintf(t_uri, sizeof(t_uri), "%s/audit.db", t_dir);
	}
	s = t_open();
	cr_assert(ne(int, store_migrate(s, &e), -1), "migrate: %s", e.msg_en);
	store_close(s);
}

static void
t_teardown(void)
{
	static const char *const	 sfx[] = { "", "-wal", "-shm" };
	char				 p[1100];
	size_t				 i;

	audit_writer_stop();
	if (t_pg_uri() != NULL) {
		snprintf(p, sizeof(p), "DROP SCHEMA IF EXISTS %s CASCADE",
		    t_schema);
		t_exec_on(t_pg_uri(), p);
		return;
	}
	for (i = 0; i < nitems(sfx); i++) {
		snprintf(p, sizeof(p), "%s%s", t_uri, sfx[i]);
		unlink(p);
	}
	rmdir(t_dir);
}

TestSuite(audit, .init = t_setup, .fini = t_teardown, .timeout = 120);

static int64_t
t_int(struct store *s, const char *sql)
{
	struct stmt	*st;
	struct err	 e;
	int64_t		 v;

	st = store_prepare(s, sql, &e);
	cr_assert(ne(ptr, st, NULL), "%s: %s", sql, e.msg_en);
	cr_assert(eq(int, stmt_step(st, &e), 1), "%s: %s", sql, e.msg_en);
	v = stmt_int64(st, 0);
	stmt_finalize(st);
	return (v);
}

/* The chain on a fresh connection: intact, with count entries. */
static void
t_chain_intact(int64_t count)
{
	struct store	*s = t_open();
	struct err	 e;
	int64_t		 bad, n;
	int		 rc;

	rc = audit_verify(s, &bad, &n, &e);
	cr_assert(eq(int, rc, 0), "audit_verify: %d at %lld (%s)", rc,
	    (long long)bad, rc == -1 ? e.msg_en : "");
	cr_assert(eq(i64, n, count));
	cr_assert(eq(i64, t_int(s, "SELECT count(*) FROM audit_log"), count));
	cr_assert(eq(i64, t_int(s, "SELECT last_id FROM audit_head"), count));
	store_close(s);
}

/*
 * One caller of audit_append_tx(), as a request thread would be: its own
 * connection (unused while the writer runs), and an observer connection
 * that must see each entry as soon as the call returns.  Criterion's
 * asserts belong to the main thread, so threads only count.
 */
struct t_caller {
	int		 id;
	int		 n;		/* entries to append */
	int		 sync;		/* append inside own transactions */
	int		 failures;
	int		 invisible;	/* returned before visible */
	int		 returned;	/* atomic */
	char		 msg[320];
};

static int
t_visible(struct store *obs, int64_t user, int64_t rec)
{
	struct stmt	*st;
	struct err	 e;
	int		 n = -1;

	if ((st = store_prepare(obs, "SELECT count(*) FROM audit_log "
	    "WHERE user_id = ? AND record_id = ?", &e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, user);
	stmt_bind_int64(st, 2, rec);
	if (stmt_step(st, &e) == 1)
		n = (int)stmt_int64(st, 0);
	stmt_finalize(st);
	return (n);
}

static void *
t_caller_main(void *arg)
{
	struct t_caller	*c = arg;
	struct store	*db, *obs;
	struct actor	 ac;
	struct err	 e;
	int		 i, rc;

	memset(&ac, 0, sizeof(ac));
	ac.user_id = 1000 + c->id;
	ac.roles = 1;
	ac.scope = "";
	ac.remote_addr = "127.0.0.1";
	if ((db = store_open(t_uri, &e)) == NULL ||
	    (obs = store_open(t_uri, &e)) == NULL) {
		snprintf(c->msg, sizeof(c->msg), "open: %s", e.msg_en);
		c->failures = c->n;
		store_close(db);
		__atomic_store_n(&c->returned, 1, __ATOMIC_SEQ_CST);
		return (NULL);
	}
	for (i = 1; i <= c->n; i++) {
		if (c->sync) {
			/* A write's entry, in the writer's own transaction. */
			rc = store_begin(db, &e);
			if (rc == 0 && (rc = audit_append(db, &ac, "update",
			    "children", i, "{\"fields\":[\"name\"]}", &e)) == 0)
				rc = store_commit(db, &e);
			if (rc == -1)
				store_rollback(db);
		} else
			rc = audit_append_tx(db, &ac, "read", "children", i,
			    "{}", &e);
		if (rc == -1) {
			c->failures++;
			snprintf(c->msg, sizeof(c->msg), "%s", e.msg_en);
			continue;
		}
		if (t_visible(obs, ac.user_id, i) != 1)
			c->invisible++;
	}
	store_close(obs);
	store_close(db);
	__atomic_store_n(&c->returned, 1, __ATOMIC_SEQ_CST);
	return (NULL);
}

static void
t_start(void)
{
	struct err	e;

	cr_assert(eq(int, audit_writer_start(t_uri, &e), 0), "start: %s",
	    e.msg_en);
}

/*
 * The callers of a test.  Static, not on the test's stack: after a failed
 * assert the threads may still write to them.
 */
#define T_MAX		16
static struct t_caller	t_c[T_MAX];
static pthread_t	t_th[T_MAX];

/* Start callers from .. from + n - 1, each appending per entries. */
static void
t_spawn(int from, int n, int per, int sync)
{
	int	i;

	for (i = from; i < from + n; i++) {
		memset(&t_c[i], 0, sizeof(t_c[i]));
		t_c[i].id = i;
		t_c[i].n = per;
		t_c[i].sync = sync;
		cr_assert(eq(int, pthread_create(&t_th[i], NULL, t_caller_main,
		    &t_c[i]), 0));
	}
}

/* Join callers 0 .. n - 1: every append succeeded and was visible. */
static void
t_join(int n)
{
	int	i;

	for (i = 0; i < n; i++) {
		pthread_join(t_th[i], NULL);
		cr_assert(eq(int, t_c[i].failures, 0), "caller %d: %s", i,
		    t_c[i].msg);
		cr_assert(eq(int, t_c[i].invisible, 0), "caller %d", i);
	}
}

static int
t_returned(int n)
{
	int	i, k = 0;

	for (i = 0; i < n; i++)
		k += __atomic_load_n(&t_c[i].returned, __ATOMIC_SEQ_CST);
	return (k);
}

static void
t_sleep_ms(long ms)
{
	struct timespec	ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Wait (at most 5 s) until the writer holds writing and queued entries. */
static void
t_wait_writer(size_t writing, size_t queued)
{
	struct audit_writer_stats	st;
	int				i;

	for (i = 0; i < 500; i++) {
		audit_writer_stats(&st);
		if (st.writing == writing && st.queued == queued)
			return;
		t_sleep_ms(10);
	}
	cr_assert(eq(sz, st.writing, writing), "after 5 s");
	cr_assert(eq(sz, st.queued, queued), "after 5 s");
}

/*
 * With appenders blocked: one caller whose entry the writer takes and
 * waits with, then n - 1 callers queued behind it.
 */
static void
t_spawn_behind(int n)
{
	t_spawn(0, 1, 1, 0);
	t_wait_writer(1, 0);
	t_spawn(1, n - 1, 1, 0);
	t_wait_writer(1, (size_t)n - 1);
}

/*
 * Hold what every appender must take first: the write lock (SQLite) or
 * the audit head's row lock (PostgreSQL).  Released by committing.
 */
static struct store *
t_block_appenders(void)
{
	struct store	*s = t_open();
	struct err	 e;

	cr_assert(eq(int, store_begin(s, &e), 0), "%s", e.msg_en);
	cr_assert(eq(int, store_exec(s, "UPDATE audit_head SET last_id = "
	    "last_id WHERE id = 1", &e), 0), "%s", e.msg_en);
	return (s);
}

static void
t_unblock(struct store *s)
{
	struct err	e;

	cr_assert(eq(int, store_commit(s, &e), 0), "%s", e.msg_en);
	store_close(s);
}

#define T_CALLERS	8
#define T_PER		40
#define T_WRITES	25

Test(audit, concurrent_appends_form_one_chain)
{
	struct audit_writer_stats	st;

	t_start();
	t_spawn(0, T_CALLERS, T_PER, 0);
	/* A write's own entry, appended beside the writer, on the chain. */
	t_spawn(T_CALLERS, 1, T_WRITES, 1);
	t_join(T_CALLERS + 1);

	audit_writer_stats(&st);
	cr_assert(eq(int, st.running, 1));
	cr_assert(eq(u64, st.entries, T_CALLERS * T_PER));
	cr_assert(eq(u64, st.failed, 0));
	cr_assert(le(u64, st.batches, st.entries));
	audit_writer_stop();
	t_chain_intact(T_CALLERS * T_PER + T_WRITES);
}

Test(audit, callers_wait_for_the_commit_and_share_it)
{
	struct audit_writer_stats	st;
	struct store			*blocker, *obs;

	blocker = t_block_appenders();
	t_start();
	t_spawn_behind(6);
	t_sleep_ms(100);
	cr_assert(eq(int, t_returned(6), 0), "returned before the commit");
	obs = t_open();
	cr_assert(eq(i64, t_int(obs, "SELECT count(*) FROM audit_log"), 0));
	store_close(obs);

	t_unblock(blocker);
	t_join(6);
	audit_writer_stats(&st);
	cr_assert(eq(u64, st.entries, 6));
	cr_assert(eq(u64, st.batches, 2), "the 5 queued share one commit");
	audit_writer_stop();
	t_chain_intact(6);
}

static int	t_stopped;	/* atomic */

static void *
t_stopper_main(void *arg)
{
	(void)arg;
	audit_writer_stop();
	__atomic_store_n(&t_stopped, 1, __ATOMIC_SEQ_CST);
	return (NULL);
}

Test(audit, stop_drains_the_queue)
{
	struct audit_writer_stats	st;
	struct store			*blocker, *db;
	struct actor			ac = { .roles = 1, .scope = "" };
	struct err			e;
	pthread_t			sth;

	blocker = t_block_appenders();
	t_start();
	t_spawn_behind(5);
	cr_assert(eq(int, pthread_create(&sth, NULL, t_stopper_main, NULL),
	    0));
	t_sleep_ms(100);
	/* Stopping: no longer taking entries, but not gone with 4 queued. */
	audit_writer_stats(&st);
	cr_assert(eq(int, st.running, 0));
	cr_assert(eq(sz, st.queued, 4));
	cr_assert(eq(int, __atomic_load_n(&t_stopped, __ATOMIC_SEQ_CST), 0));
	cr_assert(eq(int, t_returned(5), 0));

	t_unblock(blocker);
	pthread_join(sth, NULL);
	t_join(5);
	audit_writer_stats(&st);
	cr_assert(eq(u64, st.entries, 5));
	cr_assert(eq(u64, st.batches, 2));
	cr_assert(eq(sz, st.queued, 0));
	t_chain_intact(5);

	/* Afterwards appends are synchronous, on the caller's connection. */
	db = t_open();
	cr_assert(eq(int, audit_append_tx(db, &ac, "login", "users", 1, "{}",
	    &e), 0), "%s", e.msg_en);
	store_close(db);
	audit_writer_stats(&st);
	cr_assert(eq(u64, st.entries, 5));
	t_chain_intact(6);
}

Test(audit, failed_batch_fails_its_callers)
{
	struct audit_writer_stats	st;
	struct store			*db;
	struct actor			ac = { .user_id = 7, .roles = 1,
					    .scope = "", .remote_addr = "::1" };
	struct err			e;

	t_start();
	t_exec_on(t_uri, "DROP TABLE audit_log");
	db = t_open();
	err_clear(&e);
	cr_assert(eq(int, audit_append_tx(db, &ac, "read", "children", 1,
	    "{}", &e), -1));
	cr_assert(eq(int, e.code, ERR_STORE), "%d: %s", e.code, e.msg_en);
	store_close(db);
	audit_writer_stats(&st);
	cr_assert(eq(u64, st.failed, 1));
	cr_assert(eq(u64, st.entries, 0));
	audit_writer_stop();
	/* The failed batch claimed no id: the head is where it was. */
	db = t_open();
	cr_assert(eq(i64, t_int(db, "SELECT last_id FROM audit_head"), 0));
	store_close(db);
}

Test(audit, second_start_is_refused)
{
	struct err	e;

	t_start();
	cr_assert(eq(int, audit_writer_start(t_uri, &e), -1));
	cr_assert(eq(int, e.code, ERR_INTERNAL));
	audit_writer_stop();
	audit_writer_stop();	/* a no-op */
	t_start();
	audit_writer_stop();
}

Test(audit, memory_database_appends_in_line)
{
	struct audit_writer_stats	st;
	struct store			*db;
	struct actor			ac = { .user_id = 3, .roles = 1,
					    .scope = "" };
	struct err			e;
	int64_t				bad, n;

	cr_assert(eq(int, audit_writer_start(":memory:", &e), 0));
	audit_writer_stats(&st);
	cr_assert(eq(int, st.running, 0));
	db = store_open(":memory:", &e);
	cr_assert(ne(ptr, db, NULL), "%s", e.msg_en);
	cr_assert(ne(int, store_migrate(db, &e), -1), "%s", e.msg_en);
	cr_assert(eq(int, audit_append_tx(db, &ac, "read", "children", 1,
	    "{}", &e), 0), "%s", e.msg_en);
	cr_assert(eq(int, audit_append_tx(db, &ac, "list", "children", 0,
	    "{\"ids\":[1]}", &e), 0), "%s", e.msg_en);
	cr_assert(eq(int, audit_verify(db, &bad, &n, &e), 0));
	cr_assert(eq(i64, n, 2));
	store_close(db);
}

Test(audit, verify_names_an_edited_entry)
{
	struct store	*s;
	struct err	 e;
	int64_t		 bad, n;

	t_start();
	t_spawn(0, 2, 3, 0);
	t_join(2);
	audit_writer_stop();
	t_chain_intact(6);
	t_exec_on(t_uri, "UPDATE audit_log SET record_id = 99 WHERE id = 4");
	s = t_open();
	cr_assert(eq(int, audit_verify(s, &bad, &n, &e), 1));
	cr_assert(eq(i64, bad, 4));
	cr_assert(eq(i64, n, 3));
	store_close(s);
}
