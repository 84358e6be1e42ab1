/*
 * arena.h - one arena per request (after h2o's mem pool).
 *
 * Everything a request allocates lives in its arena and is released at once
 * by arena_reset() or arena_free().  Allocation never fails: running out of
 * memory is fatal.  Cleanups for foreign objects (json_decref,
 * stmt_finalize) are hung on the arena with arena_defer() and run LIFO.
 */
#ifndef LBCARE_ARENA_H
#define LBCARE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

struct arena	*arena_new(void);
void		 arena_free(struct arena *);
void		 arena_reset(struct arena *);

void		*arena_alloc(struct arena *, size_t);	/* zeroed, never NULL */
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
char		*arena_vprintf(struct arena *, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));
void		 arena_defer(struct arena *, void (*)(void *), void *);
size_t		 arena_used(const struct arena *);

#endif
