/*
 * migrate.c - schema migrations: the schema/NNN_name.sql files compiled
 * into embedded_schema[], applied in order, each in one transaction with
 * its schema_migrations row, so a migration is either applied and recorded
 * or not at all.  Servers starting together take turns (PostgreSQL: an
 * advisory lock; SQLite: BEGIN IMMEDIATE).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "../core/embedded.h"
#include "../core/log.h"
#include "../core/util.h"

/* The advisory lock all LBCare servers migrate under: "LBCare" in ASCII. */
#define MIGRATE_LOCK	"SELECT pg_advisory_xact_lock(83847482012261)"

#define MIGRATE_TABLE							\
	"CREATE TABLE IF NOT EXISTS schema_migrations ("		\
	"version INTEGER PRIMARY KEY, name TEXT NOT NULL, "		\
	"applied_at TEXT NOT NULL)"

static const char *const migrate_exists_sql[] = {
	[STORE_SQLITE] = "SELECT count(*) FROM sqlite_master "
	    "WHERE type = 'table' AND name = 'schema_migrations'",
	[STORE_PG] = "SELECT count(*) FROM (SELECT "
	    "to_regclass('schema_migrations') AS t) x WHERE t IS NOT NULL",
};

/* The leading number of a migration's name, or -1 if it has none. */
static int
migrate_version(const char *name)
{
	int	v = 0;

	if (!isdigit((unsigned char)*name))
		return (-1);
	for (; isdigit((unsigned char)*name); name++) {
		v = v * 10 + (*name - '0');
		if (v > 999999)
			return (-1);
	}
	return (v);
}

int
store_schema_latest(void)
{
	const struct embedded	*m;
	int			 v, latest = 0;

	for (m = embedded_schema; m->name != NULL; m++)
		if ((v = migrate_version(m->name)) > latest)
			latest = v;
	return (latest);
}

/* The embedded files must be numbered, in strictly increasing order. */
static int
migrate_check(struct err *e)
{
	const struct embedded	*m;
	int			 v, prev = 0;

	for (m = embedded_schema; m->name != NULL; m++) {
		if ((v = migrate_version(m->name)) <= prev) {
			err_set(e, ERR_INTERNAL, "",
			    "migration %s: bad or repeated version number",
			    m->name);
			return (-1);
		}
		prev = v;
	}
	return (0);
}

/* *out = the integer a query returns; arg, if not NULL, binds its '?'. */
static int
migrate_int(struct store *s, const char *sql, const int64_t *arg,
    int64_t *out, struct err *e)
{
	struct stmt	*st;
	int		 rc;

	if ((st = store_prepare(s, sql, e)) == NULL)
		return (-1);
	if (arg != NULL)
		stmt_bind_int64(st, 1, *arg);
	if ((rc = stmt_step(st, e)) == 1)
		*out = stmt_int64(st, 0);
	else if (rc == 0)
		err_set(e, ERR_STORE, "", "no row from: %s", sql);
	stmt_finalize(st);
	return (rc == 1 ? 0 : -1);
}

int
store_schema_version(struct store *s, struct err *e)
{
	int64_t	 n;

	if (migrate_int(s, migrate_exists_sql[store_kind(s)], NULL, &n,
	    e) == -1)
		return (-1);
	if (n == 0)
		return (0);
	if (migrate_int(s, "SELECT COALESCE(MAX(version), 0) "
	    "FROM schema_migrations", NULL, &n, e) == -1)
		return (-1);
	return ((int)n);
}

/* Refuse a database migrated by a newer LBCare. */
static int
migrate_refuse_newer(struct store *s, struct err *e)
{
	int	v;

	if ((v = store_schema_version(s, e)) == -1)
		return (-1);
	if (v > store_schema_latest()) {
		err_setl(e, ERR_CONFLICT, "",
		    "数据库结构版本 %d 比本程序支持的版本 %d 新，请升级 LBCare",
		    "database schema version %d is newer than this program's "
		    "version %d: upgrade LBCare", v, store_schema_latest());
		return (-1);
	}
	return (0);
}

/* Begin a transaction in which no other server migrates. */
static int
migrate_begin(struct store *s, struct err *e)
{
	if (store_begin(s, e) == -1)
		return (-1);
	if (store_kind(s) == STORE_PG && store_exec(s, MIGRATE_LOCK, e) == -1) {
		store_rollback(s);
		return (-1);
	}
	return (0);
}

static int
migrate_applied(struct store *s, int version, int *done, struct err *e)
{
	int64_t	 n, v = version;

	if (migrate_int(s, "SELECT count(*) FROM schema_migrations "
	    "WHERE version = ?", &v, &n, e) == -1)
		return (-1);
	*done = n > 0;
	return (0);
}

static int
migrate_record(struct store *s, int version, const char *name,
    struct err *e)
{
	struct stmt	*st;
	char		 now[32];
	int		 rc;

	if ((st = store_prepare(s, "INSERT INTO schema_migrations "
	    "(version, name, applied_at) VALUES (?, ?, ?)", e)) == NULL)
		return (-1);
	time_now_rfc3339(now);
	stmt_bind_int64(st, 1, version);
	stmt_bind_text(st, 2, name);
	stmt_bind_text(st, 3, now);
	rc = stmt_step(st, e);
	stmt_finalize(st);
	return (rc == 0 ? 0 : -1);
}

/* Apply one migration unless another server just did: 1, 0 or -1. */
static int
migrate_one(struct store *s, const struct embedded *m, struct err *e)
{
	char	*sql, msg[sizeof(e->msg_en)];
	int	 version = migrate_version(m->name), done, rc;

	if (migrate_begin(s, e) == -1)
		return (-1);
	/* Under the lock, look again: the database may have moved on. */
	if (migrate_refuse_newer(s, e) == -1 ||
	    migrate_applied(s, version, &done, e) == -1)
		goto fail;
	if (done) {
		store_rollback(s);
		return (0);
	}
	sql = store_expand_sql(s, (const char *)m->data);
	rc = store_exec(s, sql, e);
	free(sql);
	if (rc == -1) {
		/* Name the file for whoever reads the log. */
		memcpy(msg, e->msg_en, sizeof(msg));
		err_set(e, e->code, "", "migration %s: %s", m->name, msg);
		goto fail;
	}
	if (migrate_record(s, version, m->name, e) == -1 ||
	    store_commit(s, e) == -1)
		goto fail;
	log_info("store: applied migration %s", m->name);
	return (1);
fail:
	store_rollback(s);
	return (-1);
}

static int
migrate_table(struct store *s, struct err *e)
{
	if (migrate_begin(s, e) == -1)
		return (-1);
	if (store_exec(s, MIGRATE_TABLE, e) == -1 || store_commit(s, e) == -1) {
		store_rollback(s);
		return (-1);
	}
	return (0);
}

int
store_migrate(struct store *s, struct err *e)
{
	const struct embedded	*m;
	int			 done, rc, n = 0;

	if (migrate_check(e) == -1 || migrate_table(s, e) == -1 ||
	    migrate_refuse_newer(s, e) == -1)
		return (-1);
	for (m = embedded_schema; m->name != NULL; m++) {
		/* Most starts find everything applied: ask before locking. */
		if (migrate_applied(s, migrate_version(m->name), &done,
		    e) == -1)
			return (-1);
		if (done)
			continue;
		if ((rc = migrate_one(s, m, e)) == -1)
			return (-1);
		n += rc;
	}
	return (n);
}
