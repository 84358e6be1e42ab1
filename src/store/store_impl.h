/*
 * store_impl.h - what a backend provides (SQLite's VFS idea): a table of
 * functions.  Only store.c and the backends include this.
 */
#ifndef LBCARE_STORE_IMPL_H
#define LBCARE_STORE_IMPL_H

#include "store.h"

struct store_ops {
	const char	*name;
	void		*(*open)(const char *uri, struct err *);
	void		 (*close)(void *conn);
	int		 (*exec)(void *conn, const char *sql, struct err *);
	int64_t		 (*last_id)(void *conn);
	int64_t		 (*changes)(void *conn);
	void		*(*prepare)(void *conn, const char *sql, struct err *);
	void		 (*bind_int64)(void *st, int, int64_t);
	void		 (*bind_text)(void *st, int, const char *);
	void		 (*bind_null)(void *st, int);
	int		 (*step)(void *st, struct err *);
	int		 (*reset)(void *st);
	int		 (*ncols)(void *st);
	const char	*(*colname)(void *st, int);
	int		 (*isnull)(void *st, int);
	int64_t		 (*col_int64)(void *st, int);
	const char	*(*col_text)(void *st, int);
	void		 (*finalize)(void *st);
	/* Binary values (@BLOB@ columns). */
	void		 (*bind_blob)(void *st, int, const void *, size_t);
	const void	*(*col_blob)(void *st, int, size_t *len);
	/*
	 * Make a used statement as if just prepared (reset, no bindings),
	 * for the statement cache; NULL if the backend gains nothing by it.
	 */
	void		 (*clear)(void *st);
};

extern const struct store_ops store_sqlite_ops;
#ifdef LBCARE_WITH_PG
extern const struct store_ops store_pg_ops;
#endif

#endif
