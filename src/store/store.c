/*
 * store.c - the backend-neutral face of the store: picks a backend from
 * the URI, dispatches every call through its struct store_ops, keeps
 * each connection's prepared statements for reuse, and owns the dialect
 * tokens of the migration scripts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "../core/util.h"

/*
 * The statement cache.  The generic resource code prepares the same SQL
 * over and over (an import, once per row); parsing it each time was a
 * third of an import's CPU on SQLite.  So stmt_finalize() hands a
 * statement back to its connection, reset and unbound, and the next
 * store_prepare() of the exact same text takes it again.  Only idle
 * statements are in the cache: nested use of one SQL prepares a second.
 * A backend without ops->clear is not cached (PostgreSQL: its prepare
 * only rewrites the placeholders; the server parses every execution).
 */
#define STMT_CACHE	64

struct stmt {
	const struct store_ops	*ops;
	void			*st;
	struct store		*s;	/* while handed out */
	struct stmt		*prev;	/* in s->out while handed out */
	struct stmt		*next;
	char			*sql;	/* cache key; NULL: never cached */
	uint32_t		 hash;
	unsigned		 gen;	/* s->gen when prepared */
	uint64_t		 used;	/* s->tick when last handed back */
};

struct store {
	const struct store_ops	*ops;
	void			*conn;
	enum store_kind		 kind;
	int			 depth;		/* open transactions */
	struct stmt		*idle[STMT_CACHE];
	int			 nidle;
	struct stmt		*out;		/* handed out */
	unsigned		 gen;		/* bumped when emptied */
	uint64_t		 tick;
	struct store_stmt_stats	 stats;
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

/* FNV-1a: cheap next to parsing, and enough to skip most strcmp()s. */
static uint32_t
stmt_hash(const char *sql)
{
	uint32_t	h = 2166136261u;

	for (; *sql != '\0'; sql++)
		h = (h ^ (unsigned char)*sql) * 16777619u;
	return (h);
}

static void
stmt_link(struct store *s, struct stmt *st)
{
	st->s = s;
	st->prev = NULL;
	if ((st->next = s->out) != NULL)
		st->next->prev = st;
	s->out = st;
	s->stats.out++;
}

static void
stmt_unlink(struct stmt *st)
{
	struct store	*s = st->s;

	if (st->prev != NULL)
		st->prev->next = st->next;
	else
		s->out = st->next;
	if (st->next != NULL)
		st->next->prev = st->prev;
	st->s = NULL;
	st->prev = st->next = NULL;
	s->stats.out--;
}

static void
stmt_free(struct stmt *st)
{
	if (st->st != NULL)	/* NULL: emptied by store_release() */
		st->ops->finalize(st->st);
	free(st->sql);
	free(st);
}

/* Finalize the idle statements; those handed out now will not return. */
static void
store_cache_clear(struct store *s)
{
	while (s->nidle > 0)
		stmt_free(s->idle[--s->nidle]);
	s->gen++;
}

/* Keep an idle statement, dropping the least recently used if full. */
static void
store_cache_put(struct store *s, struct stmt *st)
{
	int	i, lru = 0;

	st->used = ++s->tick;
	if (s->nidle < STMT_CACHE) {
		s->idle[s->nidle++] = st;
		return;
	}
	for (i = 1; i < s->nidle; i++)
		if (s->idle[i]->used < s->idle[lru]->used)
			lru = i;
	stmt_free(s->idle[lru]);
	s->idle[lru] = st;
}

/* An idle statement of exactly this SQL, taken out of the cache. */
static struct stmt *
store_cache_take(struct store *s, const char *sql, uint32_t h)
{
	struct stmt	*st;
	int		 i;

	for (i = 0; i < s->nidle; i++) {
		st = s->idle[i];
		if (st->hash == h && strcmp(st->sql, sql) == 0) {
			s->idle[i] = s->idle[--s->nidle];
			return (st);
		}
	}
	return (NULL);
}

/*
 * The connection changes hands.  Statements still handed out (a request's
 * arena finalizes them after its connection went back to the pool) are
 * taken back now, reset: the cache keeps the backend's statement, and the
 * caller's struct stmt is left empty, for stmt_finalize() to free without
 * touching the connection, by then maybe another thread's.
 */
void
store_release(struct store *s)
{
	struct stmt	*st, *keep;

	while ((st = s->out) != NULL) {
		stmt_unlink(st);
		if (st->sql != NULL && st->gen == s->gen) {
			keep = xmalloc(sizeof(*keep));
			*keep = *st;
			keep->ops->clear(keep->st);
			store_cache_put(s, keep);
		} else
			st->ops->finalize(st->st);
		st->st = NULL;
		st->sql = NULL;
	}
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	store_release(s);
	store_cache_clear(s);
	s->ops->close(s->conn);
	free(s);
}

void
store_stmt_cache_stats(const struct store *s, struct store_stmt_stats *ss)
{
	*ss = s->stats;
	ss->idle = s->nidle;
}

enum store_kind
store_kind(const struct store *s)
{
	return (s->kind);
}

/*
 * Scripts may change the schema (migrations do): empty the statement
 * cache after one.  SQLite would prepare a stale statement again by
 * itself, but a fresh start costs little and assumes nothing.
 */
int
store_exec(struct store *s, const char *sql, struct err *e)
{
	int	rc;

	rc = s->ops->exec(s->conn, sql, e);
	store_cache_clear(s);
	return (rc);
}

/* Transaction control: it cannot change the schema, so keep the cache. */
static int
store_exec_tx(struct store *s, const char *sql, struct err *e)
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
		if (store_exec_tx(s, sql, e) == -1)
			return (-1);
		s->depth++;
		return (0);
	}
	/*
	 * SQLite: take the write lock now.  A deferred transaction that
	 * reads and then writes can fail with SQLITE_BUSY at once, without
	 * waiting out busy_timeout, when another connection wrote meanwhile.
	 */
	if (store_exec_tx(s, s->kind == STORE_SQLITE ? "BEGIN IMMEDIATE" :
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
		if (store_exec_tx(s, sql, e) == -1)
			return (-1);
		s->depth--;
		return (0);
	}
	if (store_exec_tx(s, "COMMIT", e) == -1)
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
		return (store_exec_tx(s, sql, &e) == -1 ? -1 : 1);
	}
	s->depth = 0;
	return (store_exec_tx(s, "ROLLBACK", &e) == -1 ? -1 : 1);
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
	uint32_t	 h = 0;

	if (s->ops->clear != NULL) {
		h = stmt_hash(sql);
		if ((st = store_cache_take(s, sql, h)) != NULL) {
			s->stats.reused++;
			stmt_link(s, st);
			return (st);
		}
	}
	if ((bst = s->ops->prepare(s->conn, sql, e)) == NULL)
		return (NULL);
	s->stats.prepared++;
	st = xcalloc(1, sizeof(*st));
	st->ops = s->ops;
	st->st = bst;
	if (s->ops->clear != NULL) {
		st->sql = xstrdup(sql);
		st->hash = h;
	}
	st->gen = s->gen;
	stmt_link(s, st);
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

/* Back to the cache, as if just prepared, unless the cache moved on. */
void
stmt_finalize(struct stmt *st)
{
	struct store	*s;

	if (st == NULL)
		return;
	if ((s = st->s) != NULL) {
		stmt_unlink(st);
		if (st->sql != NULL && st->gen == s->gen) {
			st->ops->clear(st->st);
			store_cache_put(s, st);
			return;
		}
	}
	stmt_free(st);
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
