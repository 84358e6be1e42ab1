/*
 * util.h - allocation that cannot fail, and small helpers without domain
 * knowledge.  Running out of memory is fatal (tmux, Kore).
 */
#ifndef LBCARE_UTIL_H
#define LBCARE_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrdup_printf(const char *, ...)
	    __attribute__((format(printf, 1, 2)));

void	 fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	 fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

/* Parse a whole decimal int64; 0 on success, -1 on junk or overflow. */
int	 parse_int64(const char *, int64_t *);

/* Current time as RFC 3339 UTC with milliseconds into a 32-byte buffer. */
void	 time_now_rfc3339(char out[32]);
/* Today's date, YYYY-MM-DD, as the people using the system see it. */
void	 time_today(char out[11]);
/* Monotonic milliseconds, for durations. */
int64_t	 time_mono_ms(void);
/* Seconds since the epoch. */
int64_t	 time_now(void);

/* 0 if s is a valid calendar date YYYY-MM-DD. */
int	 date_valid(const char *);

#endif
