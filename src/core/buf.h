/*
 * buf.h - growable byte buffer with a sticky error (sqlite3_str).
 *
 * A buffer may have a limit; once an append would pass it the buffer is
 * marked failed and ignores further appends, so a caller checks once at
 * the end.  Paired lifetimes: buf_init/buf_cleanup on the stack.
 */
#ifndef LBCARE_BUF_H
#define LBCARE_BUF_H

#include <stddef.h>

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
	size_t	 limit;		/* 0 = no limit */
	int	 failed;
};

void		 buf_init(struct buf *, size_t limit);
void		 buf_cleanup(struct buf *);
void		 buf_reset(struct buf *);
void		 buf_append(struct buf *, const void *, size_t);
void		 buf_puts(struct buf *, const char *);
void		 buf_putc(struct buf *, char);
void		 buf_appendf(struct buf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/* Append s with CSV quoting when it needs it (RFC 4180). */
void		 buf_put_csv(struct buf *, const char *);
/* NUL-terminated view of the contents; valid until the next append. */
const char	*buf_cstr(struct buf *);

#endif
