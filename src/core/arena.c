/*
 * arena.c - bump allocator in chained chunks, with deferred cleanups.
 * Large requests get a chunk of their own so small ones keep packing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "util.h"

#define ARENA_CHUNK	(16 * 1024)
#define ARENA_ALIGN	16

struct chunk {
	struct chunk	*next;
	size_t		 size;
	size_t		 used;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

struct defer {
	struct defer	*next;
	void		(*fn)(void *);
	void		*arg;
};

struct arena {
	struct chunk	*chunks;
	struct defer	*defers;
	size_t		 total;
};

struct arena *
arena_new(void)
{
	return (xcalloc(1, sizeof(struct arena)));
}

void
arena_reset(struct arena *a)
{
	struct defer	*d;
	struct chunk	*c, *next;

	/* Defers live in the chunks, so run them all before freeing any. */
	while ((d = a->defers) != NULL) {
		a->defers = d->next;
		d->fn(d->arg);
	}
	for (c = a->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->chunks = NULL;
	a->total = 0;
}

void
arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	arena_reset(a);
	free(a);
}

static struct chunk *
chunk_new(size_t size)
{
	struct chunk	*c;

	c = xmalloc(sizeof(*c) + size);
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return (c);
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk	*c;
	void		*p;

	n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (n == 0)
		n = ARENA_ALIGN;
	c = a->chunks;
	if (c == NULL || c->size - c->used < n) {
		if (n > ARENA_CHUNK / 4) {
			/* Oversized: own chunk, behind the current one. */
			c = chunk_new(n);
			if (a->chunks != NULL) {
				c->next = a->chunks->next;
				a->chunks->next = c;
			} else
				a->chunks = c;
		} else {
			c = chunk_new(ARENA_CHUNK);
			c->next = a->chunks;
			a->chunks = c;
		}
	}
	p = c->data + c->used;
	c->used += n;
	a->total += n;
	memset(p, 0, n);
	return (p);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return (p);
}

char *
arena_strdup(struct arena *a, const char *s)
{
	if (s == NULL)
		return (NULL);
	return (arena_strndup(a, s, strlen(s)));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list	 ap2;
	char	*p;
	int	 n;

	/* Said outright, or gcc 12 with UBSan warns of a NULL format. */
	if (fmt == NULL)
		fatalx("arena_vprintf: no format");
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatalx("arena_vprintf: bad format");
	p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return (p);
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return (p);
}

void
arena_defer(struct arena *a, void (*fn)(void *), void *arg)
{
	struct defer	*d;

	d = arena_alloc(a, sizeof(*d));
	d->fn = fn;
	d->arg = arg;
	d->next = a->defers;
	a->defers = d;
}

size_t
arena_used(const struct arena *a)
{
	return (a->total);
}
