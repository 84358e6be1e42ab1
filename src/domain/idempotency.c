/*
 * idempotency.c - the key table, read and written in the same
 * transaction as the create, so two sends of one key make one record.
 */
#include <string.h>

#include "../core/util.h"
#include "idempotency.h"

int
idempotency_key_ok(const char *key, struct err *e)
{
	size_t	n = strlen(key);

	if (n >= 8 && n <= 64 && strspn(key, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == n)
		return (0);
	err_setl(e, ERR_INVALID, "Idempotency-Key",
	    "Idempotency-Key 应为 8 到 64 个字母、数字、_ 或 -",
	    "Idempotency-Key must be 8 to 64 letters, digits, _ or -");
	return (-1);
}

/* The record a key made before: 1 found, 0 not, -1 error. */
static int
lookup(struct store *db, const struct actor *ac, const char *key,
    const char **resource, int64_t *id, struct arena *a, struct err *e)
{
	struct stmt	*st;
	int		 rc;

	if ((st = store_prepare(db, "SELECT resource, record_id FROM "
	    "idempotency_keys WHERE user_id = ? AND idem_key = ?", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, ac->user_id);
	stmt_bind_text(st, 2, key);
	if ((rc = stmt_step(st, e)) == 1) {
		*resource = arena_strdup(a, stmt_text(st, 0));
		*id = stmt_int64(st, 1);
	}
	stmt_finalize(st);
	return (rc);
}

static int
remember(struct store *db, const struct actor *ac, const char *key,
    const char *resource, int64_t id, struct err *e)
{
	struct stmt	*st;
	char		 now[32];
	int		 rc;

	time_now_rfc3339(now);
	if ((st = store_prepare(db, "INSERT INTO idempotency_keys (user_id, "
	    "idem_key, resource, record_id, created_at) VALUES (?, ?, ?, ?, ?)",
	    e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, ac->user_id);
	stmt_bind_text(st, 2, key);
	stmt_bind_text(st, 3, resource);
	stmt_bind_int64(st, 4, id);
	stmt_bind_text(st, 5, now);
	rc = stmt_step(st, e);
	stmt_finalize(st);
	return (rc == -1 ? -1 : 0);
}

json_t *
idempotent_create(const struct resource *r, struct store *db,
    const struct actor *ac, const char *key, json_t *in, int *replayed,
    struct arena *a, struct err *e)
{
	const char	*made = NULL;
	json_t		*rec = NULL;
	int64_t		 id = 0;
	int		 rc;

	*replayed = 0;
	if (idempotency_key_ok(key, e) == -1 || store_begin(db, e) == -1)
		return (NULL);
	if ((rc = lookup(db, ac, key, &made, &id, a, e)) == -1)
		goto fail;
	if (rc == 1) {
		store_rollback(db);
		if (strcmp(made, r->name) != 0) {
			err_setl(e, ERR_CONFLICT, "Idempotency-Key",
			    "此 Idempotency-Key 已用于 %s",
			    "this Idempotency-Key was used for %s", made);
			return (NULL);
		}
		*replayed = 1;
		return (resource_get(r, db, ac, id, a, e));
	}
	if ((rec = resource_create(r, db, ac, in, a, e)) == NULL ||
	    remember(db, ac, key, r->name, json_integer_value(
	    json_object_get(rec, "id")), e) == -1 || store_commit(db, e) == -1)
		goto fail;
	return (rec);
fail:
	json_decref(rec);
	store_rollback(db);
	return (NULL);
}
