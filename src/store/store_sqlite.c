/*
 * store_sqlite.c - the SQLite backend: opening a database with the
 * pragmas we rely on (WAL, foreign keys, full sync, busy timeout) and
 * mapping SQLite's result codes to struct err.  Error messages carry
 * SQLite's text, which names tables and columns but never bound values.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store_impl.h"
#include "../core/log.h"
#include "../core/util.h"

struct sqlite_stmt {
	sqlite3_stmt	*st;
	int		 bind_rc;	/* first failed bind, reported by step */
	int		 bind_idx;
	int		 done;		/* stepped to the end: no auto-reset */
};

/* Fill e from the error rc that db just reported. */
static void
sqlite_err(sqlite3 *db, int rc, struct err *e)
{
	const char	*msg = sqlite3_errmsg(db);

	switch (rc) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		err_setl(e, ERR_CONFLICT, "", "记录重复：%s",
		    "duplicate record: %s", msg);
		break;
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		err_setl(e, ERR_INVALID, "",
		    "引用的记录不存在或仍被引用：%s",
		    "referenced record missing or still referenced: %s", msg);
		break;
	case SQLITE_CONSTRAINT_NOTNULL:
	case SQLITE_CONSTRAINT_CHECK:
	case SQLITE_CONSTRAINT_DATATYPE:
		err_setl(e, ERR_INVALID, "", "数据不符合要求：%s",
		    "value not accepted: %s", msg);
		break;
	default:
		err_set(e, ERR_STORE, "", "SQLite: %s (%s)", msg,
		    sqlite3_errstr(rc));
		break;
	}
}

static int
sqlite_exec(void *conn, const char *sql, struct err *e)
{
	if (sqlite3_exec(conn, sql, NULL, NULL, NULL) != SQLITE_OK) {
		sqlite_err(conn, sqlite3_extended_errcode(conn), e);
		return (-1);
	}
	return (0);
}

static int
sqlite_is_memory(const char *path)
{
	return (strcmp(path, ":memory:") == 0 || *path == '\0');
}

static void *
sqlite_open(const char *path, struct err *e)
{
	sqlite3	*db = NULL;
	int	 rc;

	rc = sqlite3_open_v2(path, &db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, ERR_STORE, "db", "cannot open %s: %s", path,
		    db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, 5000);
	/* WAL lets readers run beside the writer; memory has no file. */
	if (!sqlite_is_memory(path) &&
	    sqlite_exec(db, "PRAGMA journal_mode=WAL", e) == -1)
		goto fail;
	if (sqlite_exec(db, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL",
	    e) == -1)
		goto fail;
	return (db);
fail:
	sqlite3_close(db);
	return (NULL);
}

static void
sqlite_close(void *conn)
{
	/* _v2: an unfinalized statement delays the close, not loses it. */
	if (sqlite3_close_v2(conn) != SQLITE_OK)
		log_warn("store: sqlite close: %s", sqlite3_errmsg(conn));
}

static int64_t
sqlite_last_id(void *conn)
{
	return (sqlite3_last_insert_rowid(conn));
}

static int64_t
sqlite_changes(void *conn)
{
	return (sqlite3_changes64(conn));
}

/* True if tail holds no statement, only blanks and comments. */
static int
sqlite_tail_empty(sqlite3 *db, const char *tail)
{
	sqlite3_stmt	*st = NULL;
	int		 rc;

	rc = sqlite3_prepare_v2(db, tail, -1, &st, NULL);
	sqlite3_finalize(st);
	return (rc == SQLITE_OK && st == NULL);
}

static void *
sqlite_prepare(void *conn, const char *sql, struct err *e)
{
	struct sqlite_stmt	*ss;
	sqlite3_stmt		*st;
	const char		*tail;

	if (sqlite3_prepare_v2(conn, sql, -1, &st, &tail) != SQLITE_OK) {
		sqlite_err(conn, sqlite3_extended_errcode(conn), e);
		return (NULL);
	}
	/* PostgreSQL cannot prepare two statements at once: neither do we. */
	if (st == NULL || !sqlite_tail_empty(conn, tail)) {
		sqlite3_finalize(st);
		err_set(e, ERR_STORE, "", "prepare wants exactly one statement");
		return (NULL);
	}
	ss = xcalloc(1, sizeof(*ss));
	ss->st = st;
	return (ss);
}

/*
 * Binding starts a new run, here as with PostgreSQL (SQLite itself would
 * refuse a bind between steps).  A failed bind spoils the statement: its
 * step fails until it is finalized.
 */
static sqlite3_stmt *
sqlite_rebind(struct sqlite_stmt *ss)
{
	if (sqlite3_stmt_busy(ss->st))
		sqlite3_reset(ss->st);
	ss->done = 0;
	return (ss->st);
}

static void
sqlite_bound(struct sqlite_stmt *ss, int i, int rc)
{
	if (rc != SQLITE_OK && ss->bind_rc == SQLITE_OK) {
		ss->bind_rc = rc;
		ss->bind_idx = i;
	}
}

static void
sqlite_bind_int64(void *st, int i, int64_t v)
{
	struct sqlite_stmt	*ss = st;

	sqlite_bound(ss, i, sqlite3_bind_int64(sqlite_rebind(ss), i, v));
}

static void
sqlite_bind_text(void *st, int i, const char *v)
{
	struct sqlite_stmt	*ss = st;

	sqlite_bound(ss, i, sqlite3_bind_text(sqlite_rebind(ss), i, v, -1,
	    SQLITE_TRANSIENT));
}

static void
sqlite_bind_null(void *st, int i)
{
	struct sqlite_stmt	*ss = st;

	sqlite_bound(ss, i, sqlite3_bind_null(sqlite_rebind(ss), i));
}

static int
sqlite_step(void *st, struct err *e)
{
	struct sqlite_stmt	*ss = st;
	sqlite3			*db = sqlite3_db_handle(ss->st);

	if (ss->bind_rc != SQLITE_OK) {
		err_set(e, ERR_STORE, "", "cannot bind parameter %d: %s",
		    ss->bind_idx, sqlite3_errstr(ss->bind_rc));
		return (-1);
	}
	/* SQLite would start over; PostgreSQL (and we) stay done. */
	if (ss->done)
		return (0);
	switch (sqlite3_step(ss->st)) {
	case SQLITE_ROW:
		return (1);
	case SQLITE_DONE:
		ss->done = 1;
		return (0);
	default:
		sqlite_err(db, sqlite3_extended_errcode(db), e);
		return (-1);
	}
}

static int
sqlite_reset(void *st)
{
	struct sqlite_stmt	*ss = st;

	/* Bindings survive a reset, as in SQLite; so does a bad one. */
	sqlite3_reset(ss->st);
	ss->done = 0;
	return (0);
}

static int
sqlite_ncols(void *st)
{
	return (sqlite3_column_count(((struct sqlite_stmt *)st)->st));
}

static const char *
sqlite_colname(void *st, int i)
{
	return (sqlite3_column_name(((struct sqlite_stmt *)st)->st, i));
}

static int
sqlite_isnull(void *st, int i)
{
	return (sqlite3_column_type(((struct sqlite_stmt *)st)->st, i) ==
	    SQLITE_NULL);
}

static int64_t
sqlite_col_int64(void *st, int i)
{
	return (sqlite3_column_int64(((struct sqlite_stmt *)st)->st, i));
}

static const char *
sqlite_col_text(void *st, int i)
{
	return ((const char *)sqlite3_column_text(
	    ((struct sqlite_stmt *)st)->st, i));
}

static void
sqlite_bind_blob(void *st, int i, const void *p, size_t n)
{
	struct sqlite_stmt	*ss = st;

	/* A zero-length blob is not NULL: give SQLite a pointer. */
	sqlite_bound(ss, i, sqlite3_bind_blob64(sqlite_rebind(ss), i,
	    n > 0 ? p : "", (sqlite3_uint64)n, SQLITE_TRANSIENT));
}

static const void *
sqlite_col_blob(void *st, int i, size_t *len)
{
	struct sqlite_stmt	*ss = st;
	const void		*p;

	p = sqlite3_column_blob(ss->st, i);
	*len = (size_t)sqlite3_column_bytes(ss->st, i);
	return (p);
}

static void
sqlite_finalize(void *st)
{
	struct sqlite_stmt	*ss = st;

	sqlite3_finalize(ss->st);
	free(ss);
}

static void
sqlite_clear(void *st)
{
	struct sqlite_stmt	*ss = st;

	sqlite3_reset(ss->st);
	sqlite3_clear_bindings(ss->st);
	ss->bind_rc = SQLITE_OK;
	ss->bind_idx = 0;
	ss->done = 0;
}

const struct store_ops store_sqlite_ops = {
	.name = "sqlite",
	.open = sqlite_open,
	.close = sqlite_close,
	.exec = sqlite_exec,
	.last_id = sqlite_last_id,
	.changes = sqlite_changes,
	.prepare = sqlite_prepare,
	.bind_int64 = sqlite_bind_int64,
	.bind_text = sqlite_bind_text,
	.bind_null = sqlite_bind_null,
	.step = sqlite_step,
	.reset = sqlite_reset,
	.ncols = sqlite_ncols,
	.colname = sqlite_colname,
	.isnull = sqlite_isnull,
	.col_int64 = sqlite_col_int64,
	.col_text = sqlite_col_text,
	.finalize = sqlite_finalize,
	.bind_blob = sqlite_bind_blob,
	.col_blob = sqlite_col_blob,
	.clear = sqlite_clear,
};
