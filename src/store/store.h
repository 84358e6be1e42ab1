/*
 * store.h - the one storage interface, with two backends: SQLite (the
 * embedded default) and PostgreSQL (libpq).  SQL is written once in the
 * subset both understand, with '?' placeholders; the PostgreSQL backend
 * rewrites them to $n.  A struct store is one connection and is used by
 * one thread at a time; struct store_pool hands connections to threads.
 *
 * Ownership: a struct stmt belongs to its store and must be finalized
 * before the store is closed (arena_defer(a, stmt_finalize_v, st) is the
 * usual way).  Text returned by stmt_text() is valid until the next
 * stmt_step() or stmt_finalize().
 *
 * Statements are reused: stmt_finalize() gives one back to its connection
 * (reset, bindings cleared) and store_prepare() of the same SQL text takes
 * it again, never while it is still handed out.  store_exec() empties the
 * cache, as a script may change the schema.
 */
#ifndef LBCARE_STORE_H
#define LBCARE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "../core/err.h"

enum store_kind { STORE_SQLITE, STORE_PG };

struct store;
struct stmt;
struct store_pool;

/* Open a connection: a SQLite path or ":memory:", or a postgresql:// URI. */
struct store	*store_open(const char *uri, struct err *);
void		 store_close(struct store *);
enum store_kind	 store_kind(const struct store *);
/* True if uri names a PostgreSQL database. */
int		 store_uri_is_pg(const char *uri);

/* Run one or more statements with no parameters and no result. */
int		 store_exec(struct store *, const char *sql, struct err *);
int		 store_begin(struct store *, struct err *);
int		 store_commit(struct store *, struct err *);
int		 store_rollback(struct store *);	/* never fails loudly */
/* Id of the row last inserted on this connection. */
int64_t		 store_last_id(struct store *);
/* Rows changed by the last statement on this connection. */
int64_t		 store_changes(struct store *);

struct stmt	*store_prepare(struct store *, const char *sql, struct err *);
/* Parameters are numbered from 1, as in SQLite. */
void		 stmt_bind_int64(struct stmt *, int, int64_t);
void		 stmt_bind_text(struct stmt *, int, const char *);  /* copied */
void		 stmt_bind_null(struct stmt *, int);
/* Bytes for a @BLOB@ column (copied). */
void		 stmt_bind_blob(struct stmt *, int, const void *, size_t);
/* 1: a row is ready; 0: done; -1: error in struct err. */
int		 stmt_step(struct stmt *, struct err *);
int		 stmt_reset(struct stmt *);	/* run again with new binds */
int		 stmt_ncols(struct stmt *);
const char	*stmt_colname(struct stmt *, int);
int		 stmt_isnull(struct stmt *, int);
int64_t		 stmt_int64(struct stmt *, int);
const char	*stmt_text(struct stmt *, int);	/* NULL if SQL NULL */
/* A @BLOB@ column's bytes and length; valid as stmt_text()'s are. */
const void	*stmt_blob(struct stmt *, int, size_t *len);
void		 stmt_finalize(struct stmt *);
void		 stmt_finalize_v(void *);	/* for arena_defer */

/*
 * Schema migrations: schema/NNN_name.sql compiled into the binary, applied
 * in order, each in a transaction, recorded in schema_migrations.  Refuses
 * a database whose version is newer than the binary knows.  Returns the
 * number of migrations applied, or -1.
 */
int		 store_migrate(struct store *, struct err *);
int		 store_schema_version(struct store *, struct err *);
int		 store_schema_latest(void);

/*
 * The dialect tokens migrations may use, expanded per backend:
 *   @ID@      auto-increment integer primary key
 *   @BLOB@    binary column
 */
char		*store_expand_sql(const struct store *, const char *sql);

/* A fixed set of connections shared by threads; acquire blocks. */
struct store_pool *store_pool_open(const char *uri, int size, struct err *);
void		 store_pool_close(struct store_pool *);
struct store	*store_pool_acquire(struct store_pool *);
void		 store_pool_release(struct store_pool *, struct store *);
int		 store_pool_size(const struct store_pool *);
/*
 * The connection changes hands (store_pool_release() calls this): its
 * statements still handed out go back to it now, and only
 * stmt_finalize() may be called on them afterwards (a request's arena
 * runs after the release); it then frees them without touching the
 * connection.  store_close() does the same.
 */
void		 store_release(struct store *);

/* The statement cache at work, for tests and benchmarks. */
struct store_stmt_stats {
	int64_t	prepared;	/* parsed by the backend */
	int64_t	reused;		/* taken from the cache instead */
	int	idle;		/* in the cache now */
	int	out;		/* handed out now */
};
void		 store_stmt_cache_stats(const struct store *,
		    struct store_stmt_stats *);

#endif
