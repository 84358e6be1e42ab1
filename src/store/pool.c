/*
 * pool.c - a fixed set of store connections shared by threads: all are
 * opened up front, acquire blocks until one is idle, release hands it
 * back.  An in-memory SQLite database exists once per connection, so its
 * pool has exactly one.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "../core/log.h"
#include "../core/util.h"

struct store_pool {
	pthread_mutex_t	  lock;
	pthread_cond_t	  idle_cv;
	struct store	**all;		/* size connections, for closing */
	struct store	**idle;		/* a stack of nidle */
	int		  nidle;
	int		  size;
};

static int
pool_single(const char *uri)
{
	return (!store_uri_is_pg(uri) &&
	    (strcmp(uri, ":memory:") == 0 || *uri == '\0'));
}

struct store_pool *
store_pool_open(const char *uri, int size, struct err *e)
{
	struct store_pool	*p;

	if (size < 1) {
		err_set(e, ERR_INVALID, "pool_size",
		    "pool size must be at least 1, not %d", size);
		return (NULL);
	}
	if (uri != NULL && pool_single(uri))
		size = 1;
	p = xcalloc(1, sizeof(*p));
	if (pthread_mutex_init(&p->lock, NULL) != 0 ||
	    pthread_cond_init(&p->idle_cv, NULL) != 0)
		fatal("store_pool_open");
	p->all = xcalloc(size, sizeof(*p->all));
	p->idle = xcalloc(size, sizeof(*p->idle));
	for (; p->size < size; p->size++) {
		if ((p->all[p->size] = store_open(uri, e)) == NULL) {
			store_pool_close(p);
			return (NULL);
		}
		p->idle[p->nidle++] = p->all[p->size];
	}
	return (p);
}

/* Every connection must have been released. */
void
store_pool_close(struct store_pool *p)
{
	int	i;

	if (p == NULL)
		return;
	if (p->nidle != p->size)
		log_warn("store: pool closed with %d connection(s) in use",
		    p->size - p->nidle);
	for (i = 0; i < p->size; i++)
		store_close(p->all[i]);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->idle_cv);
	free(p->all);
	free(p->idle);
	free(p);
}

struct store *
store_pool_acquire(struct store_pool *p)
{
	struct store	*s;

	pthread_mutex_lock(&p->lock);
	while (p->nidle == 0)
		pthread_cond_wait(&p->idle_cv, &p->lock);
	s = p->idle[--p->nidle];
	pthread_mutex_unlock(&p->lock);
	return (s);
}

void
store_pool_release(struct store_pool *p, struct store *s)
{
	store_release(s);
	/*
	 * A transaction left open on an error path would hold its locks
	 * for the next user (with SQLite, the whole database): end it, and
	 * every savepoint in it.  Each call closes one level.
	 */
	if (store_rollback(s) != 0) {
		log_warn("store: connection released inside a transaction");
		while (store_rollback(s) != 0)
			;
	}
	pthread_mutex_lock(&p->lock);
	if (p->nidle >= p->size)
		fatalx("store: pool release of a connection not acquired");
	p->idle[p->nidle++] = s;
	pthread_cond_signal(&p->idle_cv);
	pthread_mutex_unlock(&p->lock);
}

int
store_pool_size(const struct store_pool *p)
{
	return (p->size);
}
