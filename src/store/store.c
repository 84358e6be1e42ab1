/*
 * store.c - the backend-neutral face of the store: picks a backend from
 * the URI, dispatches every call through its struct store_ops, and owns
 * the dialect tokens of the migration scripts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "../core/util.h"

struct store {
	const struct store_ops	*ops;
	void			*conn;
	enum store_kind		 kind;
	int			 depth;		/* open transactions */
};

struct stmt {
	const struct store_ops	*ops;
	void			*st;
};

static const struct {
	const char	*token;
	const char	*sqlite;
	const char	*pg;
} store_tokens[] = {
	/* The columns every declared resource's table starts with. */
	{ "@RESOURCE@",
	    "id @ID@, revision BIGINT NOT NULL DEFAULT 1, created_at TEXT NOT "
	    "NULL, created_by BIGINT NOT NULL DEFAULT 0, updated_at TEXT NOT "
	    "NULL, updated_by BIGINT NOT NULL DEFAULT 0",
	    "id @ID@, revision BIGINT NOT NULL DEFAULT 1, created_at TEXT NOT "
	    "NULL, created_by BIGINT NOT NULL DEFAULT 0, updated_at TEXT NOT "
	    "NULL, updated_by BIGINT NOT NULL DEFAULT 0" },
	{ "@ID@",	"INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY" },
	{ "@BLOB@",	"BLOB",				     "BYTEA" },
};

int
store_uri_is_pg(const char *uri)
{
	return (uri != NULL && (strncmp(uri, "postgresql://", 13) == 0 ||
	    strncmp(uri, "postgres://", 11) == 0));
}

struct store *
store_open(const char *uri, struct err *e)
{
	struct store	*s;
	const struct store_ops *ops = &store_sqlite_ops;
	enum store_kind	 kind = STORE_SQLITE;
	void		*conn;

	if (uri == NULL || *uri == '\0') {
		err_set(e, ERR_INVALID, "db", "no database given");
		return (NULL);
	}
	if (store_uri_is_pg(uri)) {
#ifdef LBCARE_WITH_PG
		ops = &store_pg_ops;
		kind = STORE_PG;
#else
		err_set(e, ERR_STORE, "db",
		    "this build has no PostgreSQL support");
		return (NULL);
#endif
	}
	if ((conn = ops->open(uri, e)) == NULL)
		return (NULL);
	s = xcalloc(1, sizeof(*s));
	s->ops = ops;
	s->conn = conn;
	s->kind = kind;
	return (s);
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	s->ops->close(s->conn);
	free(s);
}

enum store_kind
store_kind(const struct store *s)
{
	return (s->kind);
}

int
store_exec(struct store *s, const char *sql, struct err *e)
{
	return (s->ops->exec(s->conn, sql, e));
}

/*
 * Transactions nest: the outermost is a real transaction, inner ones are
 * savepoints, so a function that needs atomicity can begin one whether
 * or not its caller already has (the demo seeds through resource_create,
 * which has its own).
 */
int
store_begin(struct store *s, struct err *e)
{
	char	sql[48];

	if (s->depth > 0) {
		snprintf(sql, sizeof(sql), "SAVEPOINT lb%d", s->depth);
		if (store_exec(s, sql, e) == -1)
			return (-1);
		s->depth++;
		return (0);
	}
	/*
	 * SQLite: take the write lock now.  A deferred transaction that
	 * reads and then writes can fail with SQLITE_BUSY at once, without
	 * waiting out busy_timeout, when another connection wrote meanwhile.
	 */
	if (store_exec(s, s->kind == STORE_SQLITE ? "BEGIN IMMEDIATE" :
	    "BEGIN", e) == -1)
		return (-1);
	s->depth = 1;
	return (0);
}

int
store_commit(struct store *s, struct err *e)
{
	char	sql[48];

	if (s->depth > 1) {
		snprintf(sql, sizeof(sql), "RELEASE SAVEPOINT lb%d",
		    s->depth - 1);
		if (store_exec(s, sql, e) == -1)
			return (-1);
		s->depth--;
		return (0);
	}
	if (store_exec(s, "COMMIT", e) == -1)
		return (-1);
	s->depth = 0;
	return (0);
}

/*
 * Rolls back the innermost open level: 1 if one was open, 0 if none was
 * (error paths call this without knowing; nothing is sent then), -1 if
 * the database refused.  The level counts as closed either way.
 */
int
store_rollback(struct store *s)
{
	struct err	e;
	char		sql[96];

	if (s->depth == 0)
		return (0);
	if (s->depth > 1) {
		s->depth--;
		snprintf(sql, sizeof(sql), "ROLLBACK TO SAVEPOINT lb%d; "
		    "RELEASE SAVEPOINT lb%d", s->depth, s->depth);
		return (store_exec(s, sql, &e) == -1 ? -1 : 1);
	}
	s->depth = 0;
	return (store_exec(s, "ROLLBACK", &e) == -1 ? -1 : 1);
}

int64_t
store_last_id(struct store *s)
{
	return (s->ops->last_id(s->conn));
}

int64_t
store_changes(struct store *s)
{
	return (s->ops->changes(s->conn));
}

struct stmt *
store_prepare(struct store *s, const char *sql, struct err *e)
{
	struct stmt	*st;
	void		*bst;

	if ((bst = s->ops->prepare(s->conn, sql, e)) == NULL)
		return (NULL);
	st = xmalloc(sizeof(*st));
	st->ops = s->ops;
	st->st = bst;
	return (st);
}

void
stmt_bind_int64(struct stmt *st, int i, int64_t v)
{
	st->ops->bind_int64(st->st, i, v);
}

void
stmt_bind_text(struct stmt *st, int i, const char *v)
{
	if (v == NULL)
		st->ops->bind_null(st->st, i);
	else
		st->ops->bind_text(st->st, i, v);
}

void
stmt_bind_null(struct stmt *st, int i)
{
	st->ops->bind_null(st->st, i);
}

int
stmt_step(struct stmt *st, struct err *e)
{
	return (st->ops->step(st->st, e));
}

int
stmt_reset(struct stmt *st)
{
	return (st->ops->reset(st->st));
}

int
stmt_ncols(struct stmt *st)
{
	return (st->ops->ncols(st->st));
}

const char *
stmt_colname(struct stmt *st, int i)
{
	return (st->ops->colname(st->st, i));
}

int
stmt_isnull(struct stmt *st, int i)
{
	return (st->ops->isnull(st->st, i));
}

int64_t
stmt_int64(struct stmt *st, int i)
{
	return (st->ops->col_int64(st->st, i));
}

const char *
stmt_text(struct stmt *st, int i)
{
	return (st->ops->col_text(st->st, i));
}

void
stmt_bind_blob(struct stmt *st, int i, const void *p, size_t n)
{
	st->ops->bind_blob(st->st, i, p, n);
}

const void *
stmt_blob(struct stmt *st, int i, size_t *len)
{
	return (st->ops->col_blob(st->st, i, len));
}

void
stmt_finalize(struct stmt *st)
{
	if (st == NULL)
		return;
	st->ops->finalize(st->st);
	free(st);
}

void
stmt_finalize_v(void *st)
{
	stmt_finalize(st);
}

/* Length of the expansion of the token at p, 0 if none starts there. */
static size_t
store_token_at(const char *p, int pg, const char **out)
{
	size_t	 i, n;

	for (i = 0; i < nitems(store_tokens); i++) {
		n = strlen(store_tokens[i].token);
		if (strncmp(p, store_tokens[i].token, n) == 0) {
			*out = pg ? store_tokens[i].pg : store_tokens[i].sqlite;
			return (n);
		}
	}
	return (0);
}

/* Expand into out (if not NULL); returns the expanded length. */
static size_t
store_expand(const char *sql, int pg, char *out)
{
	const char	*rep;
	size_t		 n, o = 0;

	while (*sql != '\0') {
		if (*sql == '@' && (n = store_token_at(sql, pg, &rep)) > 0) {
			if (out != NULL)
				memcpy(out + o, rep, strlen(rep));
			o += strlen(rep);
			sql += n;
		} else {
			if (out != NULL)
				out[o] = *sql;
			o++;
			sql++;
		}
	}
	return (o);
}

/*
 * The result is malloc'd and the caller frees it.  Tokens are replaced
 * everywhere, even inside string literals: migrations must not use them
 * as data.
 */
char *
store_expand_sql(const struct store *s, const char *sql)
{
	char	*out, *once;
	size_t	 n;
	int	 pg = (s != NULL && s->kind == STORE_PG), pass;

	/* Two passes: a token's text may hold another (@RESOURCE@ has @ID@). */
	out = xstrdup(sql);
	for (pass = 0; pass < 2; pass++) {
		once = out;
		n = store_expand(once, pg, NULL);
		out = xmalloc(n + 1);
		store_expand(once, pg, out);
		out[n] = '\0';
		free(once);
	}
	return (out);
}
