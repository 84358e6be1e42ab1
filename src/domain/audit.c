/*
 * audit.c - append to and verify the hash-chained audit log, and the
 * audit writer: one thread that commits queued entries in batches, so
 * audited reads share a sync instead of paying one each.
 */
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../core/buf.h"
#include "../core/log.h"
#include "../core/util.h"
#include "audit.h"

#define HASH_HEX	(crypto_hash_sha256_BYTES * 2 + 1)

/*
 * Most entries waiting for the writer; producers block beyond.  Each
 * waiting caller is a request thread, so in practice the thread count
 * bounds it first.
 */
#define AUDIT_QUEUE_MAX	1024

/* One entry to append.  Queued ones live on their waiting caller's stack. */
struct audit_entry {
	const struct actor	*ac;
	const char		*action;
	const char		*resource;
	int64_t			 record_id;
	const char		*detail;
	struct err		*e;	/* the caller's, filled on failure */
	int			 rc;
	int			 done;	/* under aw.lock */
	uint64_t		 gen;	/* the batch that takes it */
	struct audit_entry	*next;
};

/*
 * The writer.  lock guards every field.  Batch gen collects entries while
 * batch gen - 1 is written; its waiters sleep on done_cv[gen & 1], so the
 * end of one batch wakes only its own callers, not the next batch's.
 */
static struct {
	pthread_mutex_t		 lock;
	pthread_cond_t		 work_cv;	/* writer: queue or stopping */
	pthread_cond_t		 space_cv;	/* producers: below the bound */
	pthread_cond_t		 done_cv[2];	/* waiters: their batch ended */
	struct audit_entry	*head;
	struct audit_entry	**tailp;
	size_t			 queued;
	size_t			 writing;	/* in the batch being written */
	uint64_t		 gen;		/* the batch now queueing */
	int			 idle;		/* writer waits on work_cv */
	int			 running;	/* taking entries */
	int			 started;	/* thread to join */
	int			 stopping;	/* one stop joins it */
	pthread_t		 thread;
	struct store		*db;		/* the writer's own */
	uint64_t		 entries;
	uint64_t		 batches;
	uint64_t		 failed;
	int64_t			 busy_us;	/* in the writer's transactions */
} aw = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.work_cv = PTHREAD_COND_INITIALIZER,
	.space_cv = PTHREAD_COND_INITIALIZER,
	.done_cv = { PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER },
};

/* SHA-256 over the previous hash and each column, NUL-separated. */
static void
entry_hash(const char *prev, int64_t id, const char *at, int64_t user,
    int64_t roles, const char *action, const char *resource, int64_t rec,
    const char *detail, const char *remote, char out[HASH_HEX])
{
	crypto_hash_sha256_state	 st;
	unsigned char			 h[crypto_hash_sha256_BYTES];
	char				 num[96];
	const char			*parts[7];
	size_t				 i;

	snprintf(num, sizeof(num), "%lld|%lld|%lld|%lld", (long long)id,
	    (long long)user, (long long)roles, (long long)rec);
	parts[0] = prev;
	parts[1] = num;
	parts[2] = at;
	parts[3] = action;
	parts[4] = resource;
	parts[5] = detail;
	parts[6] = remote;
	crypto_hash_sha256_init(&st);
	for (i = 0; i < nitems(parts); i++)
		crypto_hash_sha256_update(&st, (const unsigned char *)parts[i],
		    strlen(parts[i]) + 1);
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(out, HASH_HEX, h, sizeof(h));
}

static int
exec_bound(struct stmt *st, struct err *e)
{
	int	rc;

	rc = stmt_step(st, e);
	stmt_finalize(st);
	return (rc == -1 ? -1 : 0);
}

/* Insert each entry of list with the next id, chaining from prev. */
static int
chain_insert(struct store *db, struct audit_entry *list, int64_t id,
    char prev[HASH_HEX], struct err *e)
{
	struct audit_entry	*en;
	struct stmt		*st;
	char			 hash[HASH_HEX], at[32];
	const char		*remote;

	if ((st = store_prepare(db, "INSERT INTO audit_log (id, at, user_id, "
	    "roles, action, resource, record_id, detail, remote, prev_hash, "
	    "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e)) == NULL)
		return (-1);
	for (en = list; en != NULL; en = en->next, id++) {
		remote = en->ac->remote_addr ? en->ac->remote_addr : "";
		time_now_rfc3339(at);
		entry_hash(prev, id, at, en->ac->user_id, en->ac->roles,
		    en->action, en->resource, en->record_id, en->detail,
		    remote, hash);
		stmt_reset(st);		/* a bind after the end needs one */
		stmt_bind_int64(st, 1, id);
		stmt_bind_text(st, 2, at);
		stmt_bind_int64(st, 3, en->ac->user_id);
		stmt_bind_int64(st, 4, en->ac->roles);
		stmt_bind_text(st, 5, en->action);
		stmt_bind_text(st, 6, en->resource);
		stmt_bind_int64(st, 7, en->record_id);
		stmt_bind_text(st, 8, en->detail);
		stmt_bind_text(st, 9, remote);
		stmt_bind_text(st, 10, prev);
		stmt_bind_text(st, 11, hash);
		if (stmt_step(st, e) == -1) {
			stmt_finalize(st);
			return (-1);
		}
		memcpy(prev, hash, HASH_HEX);
	}
	stmt_finalize(st);
	return (0);
}

/*
 * Append the n entries of list, in order, inside the transaction open on
 * db.  The head is touched first: its row lock orders appenders, and the
 * n ids are claimed at once.
 */
static int
chain_append(struct store *db, struct audit_entry *list, int64_t n,
    struct err *e)
{
	struct stmt	*st;
	char		 prev[HASH_HEX];
	int64_t		 last;

	if ((st = store_prepare(db, "UPDATE audit_head SET last_id = "
	    "last_id + ? WHERE id = 1", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, n);
	if (exec_bound(st, e) == -1)
		return (-1);
	if ((st = store_prepare(db, "SELECT last_id, hash FROM audit_head "
	    "WHERE id = 1", e)) == NULL)
		return (-1);
	if (stmt_step(st, e) != 1) {
		stmt_finalize(st);
		err_set(e, ERR_STORE, "", "audit head missing");
		return (-1);
	}
	last = stmt_int64(st, 0);
	snprintf(prev, sizeof(prev), "%s", stmt_text(st, 1));
	stmt_finalize(st);

	if (chain_insert(db, list, last - n + 1, prev, e) == -1)
		return (-1);
	if ((st = store_prepare(db, "UPDATE audit_head SET hash = ? "
	    "WHERE id = 1", e)) == NULL)
		return (-1);
	stmt_bind_text(st, 1, prev);
	return (exec_bound(st, e));
}

/* Append list in a transaction of its own on db. */
static int
chain_append_tx(struct store *db, struct audit_entry *list, int64_t n,
    struct err *e)
{
	if (store_begin(db, e) == -1)
		return (-1);
	if (chain_append(db, list, n, e) == -1 || store_commit(db, e) == -1) {
		store_rollback(db);
		return (-1);
	}
	return (0);
}

static void
entry_init(struct audit_entry *en, const struct actor *ac, const char *action,
    const char *resource, int64_t record_id, const char *detail)
{
	memset(en, 0, sizeof(*en));
	en->ac = ac;
	en->action = action;
	en->resource = resource;
	en->record_id = record_id;
	en->detail = detail;
}

int
audit_append(struct store *db, const struct actor *ac, const char *action,
    const char *resource, int64_t record_id, const char *detail,
    struct err *e)
{
	struct audit_entry	en;

	entry_init(&en, ac, action, resource, record_id, detail);
	return (chain_append(db, &en, 1, e));
}

static int64_t
mono_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
}

/*
 * The writer's loop: take everything queued, append it in one
 * transaction, wake its callers; on stop, drain the queue first.
 */
static void *
writer_main(void *arg)
{
	struct audit_entry	*batch, *en, *next;
	struct err		 e;
	uint64_t		 gen;
	int64_t			 t0;
	size_t			 n;
	int			 rc;

	(void)arg;
	pthread_setname_np(pthread_self(), "audit-writer");
	pthread_mutex_lock(&aw.lock);
	for (;;) {
		while (aw.head == NULL && aw.running) {
			aw.idle = 1;
			pthread_cond_wait(&aw.work_cv, &aw.lock);
			aw.idle = 0;
		}
		if (aw.head == NULL)
			break;		/* stopping, and nothing is left */
		batch = aw.head;
		n = aw.queued;
		gen = aw.gen++;
		aw.head = NULL;
		aw.tailp = &aw.head;
		aw.queued = 0;
		aw.writing = n;
		pthread_cond_broadcast(&aw.space_cv);
		pthread_mutex_unlock(&aw.lock);

		err_clear(&e);
		t0 = mono_us();
		rc = chain_append_tx(aw.db, batch, (int64_t)n, &e);
		/* Store errors name tables, never bound values. */
		if (rc == -1)
			log_err("audit: a batch of %zu entries failed: %s", n,
			    e.msg_en);

		pthread_mutex_lock(&aw.lock);
		aw.busy_us += mono_us() - t0;
		for (en = batch; en != NULL; en = next) {
			next = en->next;	/* en goes once done is seen */
			en->rc = rc;
			if (rc == -1 && en->e != NULL)
				*en->e = e;
			en->done = 1;
		}
		if (rc == -1)
			aw.failed += n;
		else {
			aw.entries += n;
			aw.batches++;
		}
		aw.writing = 0;
		/* Woken outside the lock, the callers need not queue for it. */
		pthread_mutex_unlock(&aw.lock);
		pthread_cond_broadcast(&aw.done_cv[gen & 1]);
		pthread_mutex_lock(&aw.lock);
	}
	pthread_mutex_unlock(&aw.lock);
	return (NULL);
}

/* Queue en and wait for its batch; -1 if no writer takes entries. */
static int
writer_submit(struct audit_entry *en)
{
	pthread_mutex_lock(&aw.lock);
	while (aw.running && aw.queued >= AUDIT_QUEUE_MAX)
		pthread_cond_wait(&aw.space_cv, &aw.lock);
	if (!aw.running) {
		pthread_mutex_unlock(&aw.lock);
		return (-1);
	}
	en->gen = aw.gen;
	*aw.tailp = en;
	aw.tailp = &en->next;
	aw.queued++;
	/* A busy writer looks at the queue again before it waits. */
	if (aw.idle)
		pthread_cond_signal(&aw.work_cv);
	while (!en->done)
		pthread_cond_wait(&aw.done_cv[en->gen & 1], &aw.lock);
	pthread_mutex_unlock(&aw.lock);
	return (0);
}

int
audit_append_tx(struct store *db, const struct actor *ac, const char *action,
    const char *resource, int64_t record_id, const char *detail,
    struct err *e)
{
	struct audit_entry	en;

	entry_init(&en, ac, action, resource, record_id, detail);
	en.e = e;
	if (writer_submit(&en) == 0)
		return (en.rc);
	return (chain_append_tx(db, &en, 1, e));
}

int
audit_writer_start(const char *db_uri, struct err *e)
{
	sigset_t	all, old;
	int		rc = -1;

	if (!store_uri_is_pg(db_uri) && (db_uri == NULL || *db_uri == '\0' ||
	    strcmp(db_uri, ":memory:") == 0)) {
		log_info("audit: in-memory database, entries written in line");
		return (0);
	}
	/* Held throughout: producers and stop see no half-started writer. */
	pthread_mutex_lock(&aw.lock);
	if (aw.started) {
		err_set(e, ERR_INTERNAL, "", "the audit writer already runs");
		goto out;
	}
	if ((aw.db = store_open(db_uri, e)) == NULL)
		goto out;
	aw.head = NULL;
	aw.tailp = &aw.head;
	aw.queued = 0;
	aw.running = 1;
	/* Signals are for the thread that sigwait()s, never this one. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&aw.thread, NULL, writer_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		err_set(e, ERR_INTERNAL, "", "cannot start the audit writer: %s",
		    strerror(rc));
		aw.running = 0;
		store_close(aw.db);
		aw.db = NULL;
		rc = -1;
		goto out;
	}
	aw.started = 1;
out:
	pthread_mutex_unlock(&aw.lock);
	return (rc);
}

void
audit_writer_stop(void)
{
	pthread_mutex_lock(&aw.lock);
	if (!aw.started || aw.stopping) {
		pthread_mutex_unlock(&aw.lock);
		return;
	}
	aw.stopping = 1;
	aw.running = 0;
	pthread_cond_broadcast(&aw.work_cv);
	pthread_cond_broadcast(&aw.space_cv);
	pthread_mutex_unlock(&aw.lock);

	pthread_join(aw.thread, NULL);
	store_close(aw.db);

	pthread_mutex_lock(&aw.lock);
	aw.db = NULL;
	aw.started = 0;
	aw.stopping = 0;
	log_info("audit: writer stopped; %llu entries in %llu commits "
	    "(%lld ms writing), %llu failed", (unsigned long long)aw.entries,
	    (unsigned long long)aw.batches, (long long)aw.busy_us / 1000,
	    (unsigned long long)aw.failed);
	pthread_mutex_unlock(&aw.lock);
}

void
audit_writer_stats(struct audit_writer_stats *s)
{
	pthread_mutex_lock(&aw.lock);
	s->running = aw.running;
	s->queued = aw.queued;
	s->writing = aw.writing;
	s->entries = aw.entries;
	s->batches = aw.batches;
	s->failed = aw.failed;
	pthread_mutex_unlock(&aw.lock);
}

int
audit_verify(struct store *db, int64_t *bad_id, int64_t *count,
    struct err *e)
{
	struct stmt	*st;
	char		 prev[HASH_HEX] = "", hash[HASH_HEX];
	int64_t		 id, expect = 1, head_id = 0;
	int		 rc, broken = 0;

	*bad_id = 0;
	*count = 0;
	if ((st = store_prepare(db, "SELECT id, at, user_id, roles, action, "
	    "resource, record_id, detail, remote, prev_hash, hash "
	    "FROM audit_log ORDER BY id", e)) == NULL)
		return (-1);
	while (!broken && (rc = stmt_step(st, e)) == 1) {
		id = stmt_int64(st, 0);
		entry_hash(prev, id, stmt_text(st, 1), stmt_int64(st, 2),
		    stmt_int64(st, 3), stmt_text(st, 4), stmt_text(st, 5),
		    stmt_int64(st, 6), stmt_text(st, 7), stmt_text(st, 8),
		    hash);
		/* A gap in ids is a deleted entry; a bad hash an edited one. */
		if (id != expect || strcmp(prev, stmt_text(st, 9)) != 0 ||
		    strcmp(hash, stmt_text(st, 10)) != 0) {
			*bad_id = id != expect ? expect : id;
			broken = 1;
			break;
		}
		snprintf(prev, sizeof(prev), "%s", hash);
		expect++;
		(*count)++;
	}
	stmt_finalize(st);
	if (!broken && rc == -1)
		return (-1);
	if (broken)
		return (1);
	/* The head must point at the last entry: catches a cut-off tail. */
	if ((st = store_prepare(db, "SELECT last_id, hash FROM audit_head "
	    "WHERE id = 1", e)) == NULL)
		return (-1);
	if (stmt_step(st, e) == 1) {
		head_id = stmt_int64(st, 0);
		if (head_id != expect - 1 || strcmp(prev, stmt_text(st, 1))) {
			*bad_id = expect;
			broken = 1;
		}
	}
	stmt_finalize(st);
	return (broken);
}
