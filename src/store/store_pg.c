/*
 * store_pg.c - the PostgreSQL backend over libpq: rewriting '?' to $n,
 * binding parameters as text, walking a result row by row, resetting a
 * broken connection between transactions, and mapping SQLSTATEs to struct
 * err.  Messages never quote PostgreSQL's DETAIL or a data exception's
 * text: those repeat the values, which can be personal data.
 */
#ifdef LBCARE_WITH_PG

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "store_impl.h"
#include "../core/util.h"

#define PG_MAX_PARAMS	65535
#define PG_INT8OID	20
#define PG_BOOLOID	16
#define PG_BYTEAOID	17

struct pg_conn {
	PGconn		*c;
	int64_t		 changes;
	int		 in_tx;		/* as of the last command that ran */
};

struct pg_stmt {
	struct pg_conn	*pc;
	char		*sql;		/* with $n placeholders */
	int		 nparams;
	char		**vals;		/* NULL is SQL NULL */
	Oid		*types;		/* 0: let the server infer */
	int		 bad_bind;	/* first out-of-range index, or 0 */
	PGresult	*res;		/* NULL until the first step */
	int		 row;		/* current row */
	unsigned char	*blob;		/* the last stmt_blob() decoded */
};

/* SQLSTATEs (or their class) users can cause, and what to name. */
static const struct {
	const char	*state;
	enum err_code	 code;
	int		 diag;		/* PG_DIAG_* field shown as %s */
	const char	*zh;
	const char	*en;
} pg_states[] = {
	{ "23505", ERR_CONFLICT, PG_DIAG_CONSTRAINT_NAME,
	  "记录重复：唯一约束 %s", "duplicate record: unique constraint %s" },
	{ "23503", ERR_INVALID, PG_DIAG_CONSTRAINT_NAME,
	  "引用的记录不存在或仍被引用：约束 %s",
	  "referenced record missing or still referenced: constraint %s" },
	{ "23502", ERR_INVALID, PG_DIAG_COLUMN_NAME,
	  "缺少必填值：%s", "missing required value: column %s" },
	{ "23514", ERR_INVALID, PG_DIAG_CONSTRAINT_NAME,
	  "数据不符合要求：约束 %s", "value not accepted: check constraint %s" },
	{ "22", ERR_INVALID, PG_DIAG_SQLSTATE,
	  "数据格式无效（SQLSTATE %s）", "invalid value (SQLSTATE %s)" },
};

static const char *
pg_field(const PGresult *res, int code)
{
	const char	*v = PQresultErrorField(res, code);

	return (v != NULL ? v : "?");
}

/* Fill e from a failed result, or from the connection if it has none. */
static void
pg_err(PGconn *c, const PGresult *res, struct err *e)
{
	const char	*state;
	size_t		 i;

	state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	if (state == NULL) {
		/* libpq's own messages run on over lines: keep the first. */
		err_set(e, ERR_STORE, "", "PostgreSQL: %.*s",
		    (int)strcspn(PQerrorMessage(c), "\n"), PQerrorMessage(c));
		return;
	}
	for (i = 0; i < nitems(pg_states); i++) {
		if (strncmp(state, pg_states[i].state,
		    strlen(pg_states[i].state)) == 0) {
			err_setl(e, pg_states[i].code, "", pg_states[i].zh,
			    pg_states[i].en, pg_field(res, pg_states[i].diag));
			return;
		}
	}
	/* Other messages name objects, not values (22xxx is above). */
	err_set(e, ERR_STORE, "", "PostgreSQL %s: %s", state,
	    pg_field(res, PG_DIAG_MESSAGE_PRIMARY));
}

/* Remember what a command left behind; 0 if it succeeded. */
static int
pg_done(struct pg_conn *pc, PGresult *res, struct err *e)
{
	ExecStatusType	 st = PQresultStatus(res);
	const char	*cmd;

	/* A lost connection says nothing about the transaction: keep it. */
	if (PQstatus(pc->c) == CONNECTION_OK)
		pc->in_tx = PQtransactionStatus(pc->c) != PQTRANS_IDLE;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK &&
	    st != PGRES_EMPTY_QUERY) {
		pg_err(pc->c, res, e);
		return (-1);
	}
	/* Like sqlite3_changes(): only INSERT, UPDATE and DELETE count. */
	cmd = PQcmdStatus(res);
	if (strncmp(cmd, "INSERT", 6) == 0 || strncmp(cmd, "UPDATE", 6) == 0 ||
	    strncmp(cmd, "DELETE", 6) == 0)
		pc->changes = strtoll(PQcmdTuples(res), NULL, 10);
	return (0);
}

/* Run sql and keep its result: 0, or -1 with e filled. */
static int
pg_cmd(struct pg_conn *pc, const char *sql, struct err *e)
{
	PGresult	*res;
	int		 rc;

	res = PQexec(pc->c, sql);
	rc = pg_done(pc, res, e);
	PQclear(res);
	return (rc);
}

static void
pg_notice(void *arg, const char *msg)
{
	/* Notices go nowhere: they may quote values. */
	(void)arg;
	(void)msg;
}

static int
pg_session(struct pg_conn *pc, struct err *e)
{
	PQsetNoticeProcessor(pc->c, pg_notice, NULL);
	return (pg_cmd(pc, "SET client_min_messages TO warning; "
	    "SET TimeZone TO 'UTC'; SET client_encoding TO 'UTF8'", e));
}

/*
 * A server outlives database restarts, so a broken connection is reset
 * before the next command.  Not inside a transaction, though: carrying on
 * in autocommit would break its atomicity.  Then every command fails until
 * the caller's ROLLBACK (the exact text store_rollback() sends), as
 * PostgreSQL does after an error.
 */
static int
pg_ready(struct pg_conn *pc, const char *sql, struct err *e)
{
	if (PQstatus(pc->c) == CONNECTION_OK)
		return (0);
	if (pc->in_tx && strcmp(sql, "ROLLBACK") != 0) {
		err_set(e, ERR_UNAVAILABLE, "",
		    "database connection lost during a transaction");
		return (-1);
	}
	pc->in_tx = 0;
	PQreset(pc->c);
	if (PQstatus(pc->c) != CONNECTION_OK) {
		pg_err(pc->c, NULL, e);
		if (e != NULL)
			e->code = ERR_UNAVAILABLE;
		return (-1);
	}
	if (pg_session(pc, e) == -1)
		return (-1);
	return (0);
}

static void *
pg_open(const char *uri, struct err *e)
{
	struct pg_conn	*pc;

	pc = xcalloc(1, sizeof(*pc));
	if ((pc->c = PQconnectdb(uri)) == NULL)
		fatalx("PQconnectdb: out of memory");
	if (PQstatus(pc->c) != CONNECTION_OK) {
		pg_err(pc->c, NULL, e);
		goto fail;
	}
	if (pg_session(pc, e) == -1)
		goto fail;
	return (pc);
fail:
	PQfinish(pc->c);
	free(pc);
	return (NULL);
}

static void
pg_close(void *conn)
{
	struct pg_conn	*pc = conn;

	PQfinish(pc->c);
	free(pc);
}

static int
pg_exec(void *conn, const char *sql, struct err *e)
{
	if (pg_ready(conn, sql, e) == -1)
		return (-1);
	return (pg_cmd(conn, sql, e));
}

/*
 * lastval() fails if no sequence was used yet in this session, and a
 * failure inside a transaction would abort it: fence it with a savepoint.
 */
static int64_t
pg_last_id(void *conn)
{
	struct pg_conn	*pc = conn;
	PGresult	*res;
	int64_t		 id = 0;
	int		 intx, ok;
	struct err	 e;

	if (PQstatus(pc->c) != CONNECTION_OK ||
	    PQtransactionStatus(pc->c) == PQTRANS_INERROR)
		return (0);
	intx = PQtransactionStatus(pc->c) == PQTRANS_INTRANS;
	res = PQexec(pc->c, intx ? "SAVEPOINT lbcare_last_id; "
	    "SELECT lastval()" : "SELECT lastval()");
	if ((ok = PQresultStatus(res) == PGRES_TUPLES_OK))
		id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	if (intx)
		pg_cmd(pc, ok ? "RELEASE SAVEPOINT lbcare_last_id" :
		    "ROLLBACK TO SAVEPOINT lbcare_last_id; "
		    "RELEASE SAVEPOINT lbcare_last_id", &e);
	return (id);
}

static int64_t
pg_changes(void *conn)
{
	return (((struct pg_conn *)conn)->changes);
}

static void
pg_put(char *out, size_t *o, const char *p, size_t n)
{
	if (out != NULL)
		memcpy(out + *o, p, n);
	*o += n;
}

/*
 * Copy sql to out, '?' becoming $1, $2...; out may be NULL to count.
 * String literals, quoted identifiers and comments are copied as they are.
 * Returns the number of placeholders; *len gets the output length.
 */
static int
pg_rewrite(const char *sql, char *out, size_t *len)
{
	const char	*p;
	char		 num[16], in = 0;	/* ' " - (line) * (block) */
	size_t		 o = 0, n;
	int		 np = 0;

	for (p = sql; *p != '\0'; p += n) {
		n = 1;
		if (in == 0 && *p == '?') {
			snprintf(num, sizeof(num), "$%d", ++np);
			pg_put(out, &o, num, strlen(num));
			continue;
		}
		if (in == 0) {
			if ((p[0] == '/' && p[1] == '*') ||
			    (p[0] == '-' && p[1] == '-')) {
				in = p[1];
				n = 2;
			} else if (*p == '\'' || *p == '"')
				in = *p;
		} else if (in == '*') {
			if (p[0] == '*' && p[1] == '/') {
				in = 0;
				n = 2;
			}
		} else if (*p == (in == '-' ? '\n' : in))
			in = 0;		/* a doubled quote reopens at once */
		pg_put(out, &o, p, n);
	}
	*len = o;
	return (np);
}

static void *
pg_prepare(void *conn, const char *sql, struct err *e)
{
	struct pg_stmt	*ps;
	size_t		 len;
	int		 np;

	if ((np = pg_rewrite(sql, NULL, &len)) > PG_MAX_PARAMS) {
		err_set(e, ERR_STORE, "", "too many parameters (%d)", np);
		return (NULL);
	}
	ps = xcalloc(1, sizeof(*ps));
	ps->pc = conn;
	ps->sql = xmalloc(len + 1);
	pg_rewrite(sql, ps->sql, &len);
	ps->sql[len] = '\0';
	ps->nparams = np;
	ps->vals = xcalloc(np, sizeof(*ps->vals));
	ps->types = xcalloc(np, sizeof(*ps->types));
	ps->row = -1;
	return (ps);
}

/*
 * Store v (NULL: SQL NULL) as parameter i, of type oid.  A bad index
 * spoils the statement: its step fails until it is finalized.
 */
static void
pg_bind(struct pg_stmt *ps, int i, const char *v, Oid oid)
{
	/* Binding starts a new run, as in store_sqlite.c. */
	PQclear(ps->res);
	ps->res = NULL;
	if (i < 1 || i > ps->nparams) {
		if (ps->bad_bind == 0)
			ps->bad_bind = i;
		return;
	}
	free(ps->vals[i - 1]);
	ps->vals[i - 1] = v != NULL ? xstrdup(v) : NULL;
	ps->types[i - 1] = oid;
}

/*
 * An int64 goes as int8, so arithmetic on it does not overflow the int4
 * the server would otherwise infer; text and NULL take the column's type.
 */
static void
pg_bind_int64(void *st, int i, int64_t v)
{
	char	buf[32];

	snprintf(buf, sizeof(buf), "%" PRId64, v);
	pg_bind(st, i, buf, PG_INT8OID);
}

static void
pg_bind_text(void *st, int i, const char *v)
{
	pg_bind(st, i, v, 0);
}

static void
pg_bind_null(void *st, int i)
{
	pg_bind(st, i, NULL, 0);
}

static int
pg_run(struct pg_stmt *ps, struct err *e)
{
	PGresult	*res;

	if (ps->bad_bind != 0) {
		err_set(e, ERR_STORE, "", "cannot bind parameter %d: "
		    "statement has %d", ps->bad_bind, ps->nparams);
		return (-1);
	}
	if (pg_ready(ps->pc, ps->sql, e) == -1)
		return (-1);
	res = PQexecParams(ps->pc->c, ps->sql, ps->nparams, ps->types,
	    (const char *const *)ps->vals, NULL, NULL, 0);
	if (pg_done(ps->pc, res, e) == -1) {
		PQclear(res);
		return (-1);
	}
	ps->res = res;
	ps->row = -1;
	return (0);
}

static int
pg_step(void *st, struct err *e)
{
	struct pg_stmt	*ps = st;

	if (ps->res == NULL && pg_run(ps, e) == -1)
		return (-1);
	if (ps->row < PQntuples(ps->res))
		ps->row++;
	return (ps->row < PQntuples(ps->res));
}

static int
pg_reset(void *st)
{
	struct pg_stmt	*ps = st;

	/* Bindings survive, as in SQLite; so does a bad one. */
	PQclear(ps->res);
	ps->res = NULL;
	ps->row = -1;
	return (0);
}

static int
pg_ncols(void *st)
{
	struct pg_stmt	*ps = st;

	return (ps->res != NULL ? PQnfields(ps->res) : 0);
}

static const char *
pg_colname(void *st, int i)
{
	struct pg_stmt	*ps = st;

	return (ps->res != NULL ? PQfname(ps->res, i) : NULL);
}

/* The current row's value of column i, or NULL for SQL NULL or no row. */
static const char *
pg_value(struct pg_stmt *ps, int i)
{
	if (ps->res == NULL || ps->row < 0 || ps->row >= PQntuples(ps->res) ||
	    i < 0 || i >= PQnfields(ps->res) ||
	    PQgetisnull(ps->res, ps->row, i))
		return (NULL);
	/* Booleans read as SQLite shows them, so callers see one dialect. */
	if (PQftype(ps->res, i) == PG_BOOLOID)
		return (*PQgetvalue(ps->res, ps->row, i) == 't' ? "1" : "0");
	return (PQgetvalue(ps->res, ps->row, i));
}

static int
pg_isnull(void *st, int i)
{
	return (pg_value(st, i) == NULL);
}

static int64_t
pg_col_int64(void *st, int i)
{
	const char	*v = pg_value(st, i);

	return (v != NULL ? strtoll(v, NULL, 10) : 0);
}

static const char *
pg_col_text(void *st, int i)
{
	return (pg_value(st, i));
}

/* Bytes go as bytea's hex text form, "\\x0a1b...", with no escaping. */
static void
pg_bind_blob(void *st, int i, const void *p, size_t n)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*b = p;
	char			*t;
	size_t			 k;

	t = xmalloc(2 * n + 3);
	t[0] = '\\';
	t[1] = 'x';
	for (k = 0; k < n; k++) {
		t[2 + 2 * k] = hex[b[k] >> 4];
		t[3 + 2 * k] = hex[b[k] & 15];
	}
	t[2 + 2 * n] = '\0';
	pg_bind(st, i, t, PG_BYTEAOID);
	free(t);
}

/* Results are text: bytea arrives escaped, and is decoded here. */
static const void *
pg_col_blob(void *st, int i, size_t *len)
{
	struct pg_stmt	*ps = st;
	const char	*v = pg_value(ps, i);

	PQfreemem(ps->blob);
	ps->blob = NULL;
	*len = 0;
	if (v == NULL)
		return (NULL);
	if ((ps->blob = PQunescapeBytea((const unsigned char *)v, len)) ==
	    NULL)
		fatalx("out of memory decoding bytea");
	return (ps->blob);
}

static void
pg_finalize(void *st)
{
	struct pg_stmt	*ps = st;
	int		 i;

	PQfreemem(ps->blob);
	PQclear(ps->res);
	for (i = 0; i < ps->nparams; i++)
		free(ps->vals[i]);
	free(ps->vals);
	free(ps->types);
	free(ps->sql);
	free(ps);
}

const struct store_ops store_pg_ops = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.last_id = pg_last_id,
	.changes = pg_changes,
	.prepare = pg_prepare,
	.bind_int64 = pg_bind_int64,
	.bind_text = pg_bind_text,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.reset = pg_reset,
	.ncols = pg_ncols,
	.colname = pg_colname,
	.isnull = pg_isnull,
	.col_int64 = pg_col_int64,
	.col_text = pg_col_text,
	.finalize = pg_finalize,
	.bind_blob = pg_bind_blob,
	.col_blob = pg_col_blob,
};

#endif /* LBCARE_WITH_PG */
