/*
 * audit.h - the append-only, hash-chained audit log (DESIGN.md §5).
 *
 * Each entry's hash is SHA-256 over the previous entry's hash and the
 * entry's own columns, so editing or deleting any row breaks the chain at
 * that row, and audit_verify() names it.  The single audit_head row
 * serializes appenders on both backends: whoever updates it first holds
 * it until commit, and the chain order is the commit order.
 *
 * Entries that stand alone (reads, lists, refusals, sign-ins) go through
 * audit_append_tx().  While the audit writer runs (`lbcare serve`), it
 * hands them to one thread with a connection of its own, which appends
 * everything queued in one transaction with one sync (group commit);
 * otherwise they are appended on the caller's connection as before.
 */
#ifndef LBCARE_AUDIT_H
#define LBCARE_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "../core/err.h"
#include "../store/store.h"
#include "resource.h"

/*
 * Append inside the caller's open transaction on db (writes: the entry
 * commits or rolls back with the change it records).  detail is a JSON
 * text (field names changed, ids listed); never values.
 */
int	audit_append(struct store *, const struct actor *, const char *action,
	    const char *resource, int64_t record_id, const char *detail,
	    struct err *);
/*
 * Append in a transaction of its own and return once it is durably
 * committed: 0, or -1 with the error in struct err (the entry is then not
 * in the log, and the caller must not hand out what it recorded).
 *
 * With the writer running, the entry is queued (blocking while the queue
 * is full) and the caller waits for the commit of the batch that holds
 * it; db is not used.  The caller must therefore not hold a write
 * transaction on db: the writer would wait for the caller's locks (with
 * SQLite, until the busy timeout fails the whole batch; with PostgreSQL,
 * for ever if the caller's transaction already appended).  The pointers
 * passed in are only read, and only until the call returns.
 *
 * Without the writer (CLI commands, tests on :memory:), the entry is
 * appended and committed on db itself.
 */
int	audit_append_tx(struct store *, const struct actor *,
	    const char *action, const char *resource, int64_t record_id,
	    const char *detail, struct err *);

/*
 * Start the audit writer on a connection of its own to db_uri (already
 * migrated).  An in-memory SQLite database exists once per connection, so
 * for one the writer does not start, audit_append_tx() stays synchronous,
 * and 0 is returned.  -1 if the database cannot be opened, the thread
 * cannot start, or a writer already runs.
 */
int	audit_writer_start(const char *db_uri, struct err *);
/*
 * Stop taking entries, let the writer commit everything already queued,
 * join it and close its connection.  Callers arriving afterwards append
 * synchronously.  A no-op when no writer runs, or another thread is
 * already stopping it.
 */
void	audit_writer_stop(void);

struct audit_writer_stats {
	int		running;
	size_t		queued;		/* waiting for the next batch */
	size_t		writing;	/* in the batch being written */
	uint64_t	entries;	/* committed through the writer */
	uint64_t	batches;	/* its committed transactions */
	uint64_t	failed;		/* entries of batches that failed */
};
/* Counters since the process started (for logs and tests). */
void	audit_writer_stats(struct audit_writer_stats *);

/*
 * Walk the chain.  Returns 0 if intact, 1 if broken (*bad_id names the
 * first entry that does not verify, or the head that lost its tail),
 * -1 on a database error.  *count receives the number of entries read.
 */
int	audit_verify(struct store *, int64_t *bad_id, int64_t *count,
	    struct err *);

#endif
