/*
 * audit.c - append to and verify the hash-chained audit log.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/util.h"
#include "audit.h"

#define HASH_HEX	(crypto_hash_sha256_BYTES * 2 + 1)

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
exec_bound(struct store *db, struct stmt *st, struct err *e)
{
	int	rc;

	rc = stmt_step(st, e);
	stmt_finalize(st);
	return (rc == -1 ? -1 : 0);
}

int
audit_append(struct store *db, const struct actor *ac, const char *action,
    const char *resource, int64_t record_id, const char *detail,
    struct err *e)
{
	struct stmt	*st;
	char		 prev[HASH_HEX], hash[HASH_HEX], at[32];
	const char	*remote = ac->remote_addr ? ac->remote_addr : "";
	int64_t		 id;

	/* Touch the head first: it is the lock that orders appenders. */
	if (store_exec(db, "UPDATE audit_head SET last_id = last_id + 1 "
	    "WHERE id = 1", e) == -1)
		return (-1);
	if ((st = store_prepare(db, "SELECT last_id, hash FROM audit_head "
	    "WHERE id = 1", e)) == NULL)
		return (-1);
	if (stmt_step(st, e) != 1) {
		stmt_finalize(st);
		err_set(e, ERR_STORE, "", "audit head missing");
		return (-1);
	}
	id = stmt_int64(st, 0);
	snprintf(prev, sizeof(prev), "%s", stmt_text(st, 1));
	stmt_finalize(st);

	time_now_rfc3339(at);
	entry_hash(prev, id, at, ac->user_id, ac->roles, action, resource,
	    record_id, detail, remote, hash);
	if ((st = store_prepare(db, "INSERT INTO audit_log (id, at, user_id, "
	    "roles, action, resource, record_id, detail, remote, prev_hash, "
	    "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, id);
	stmt_bind_text(st, 2, at);
	stmt_bind_int64(st, 3, ac->user_id);
	stmt_bind_int64(st, 4, ac->roles);
	stmt_bind_text(st, 5, action);
	stmt_bind_text(st, 6, resource);
	stmt_bind_int64(st, 7, record_id);
	stmt_bind_text(st, 8, detail);
	stmt_bind_text(st, 9, remote);
	stmt_bind_text(st, 10, prev);
	stmt_bind_text(st, 11, hash);
	if (exec_bound(db, st, e) == -1)
		return (-1);
	if ((st = store_prepare(db, "UPDATE audit_head SET hash = ? "
	    "WHERE id = 1", e)) == NULL)
		return (-1);
	stmt_bind_text(st, 1, hash);
	return (exec_bound(db, st, e));
}

int
audit_append_tx(struct store *db, const struct actor *ac, const char *action,
    const char *resource, int64_t record_id, const char *detail,
    struct err *e)
{
	if (store_begin(db, e) == -1)
		return (-1);
	if (audit_append(db, ac, action, resource, record_id, detail, e) ==
	    -1 || store_commit(db, e) == -1) {
		store_rollback(db);
		return (-1);
	}
	return (0);
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
