/*
 * test_protect.c - sensitive fields at rest: sealing, the blind index,
 * the key file, and that the database file really holds no plain text.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "domain/checks.h"
#include "domain/protect.h"
#include "domain/resource.h"
#include "domain/roles.h"

static char		 dir[64];
static struct arena	*a;

static void
up(void)
{
	cr_assert(sodium_init() >= 0);
	snprintf(dir, sizeof(dir), "/tmp/lbcare-protect.XXXXXX");
	cr_assert(mkdtemp(dir) != NULL);
	a = arena_new();
}

static void
down(void)
{
	char	cmd[128];

	arena_free(a);
	protect_unload();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert(system(cmd) == 0);
}

TestSuite(protect, .init = up, .fini = down, .timeout = 60);

static const char *
path(const char *name)
{
	return (arena_printf(a, "%s/%s", dir, name));
}

Test(protect, seal_and_open_round_trip)
{
	struct err	 e;
	char		*s;

	protect_load_ephemeral();
	s = protect_seal("630105201503080122", "children.id_number", a);
	cr_assert(eq(int, strncmp(s, "v1:1:", 5), 0));
	cr_assert(strstr(s, "630105") == NULL);
	cr_assert(eq(str, protect_open(s, "children.id_number", a, &e),
	    "630105201503080122"));
	/* The same text twice seals differently (random nonce). */
	cr_assert(ne(str, s, protect_seal("630105201503080122",
	    "children.id_number", a)));
	cr_assert(eq(str, protect_open(protect_seal("", "x.y", a), "x.y", a,
	    &e), ""));
}

Test(protect, wrong_column_or_tampering_is_refused)
{
	struct err	 e;
	char		*s;
	size_t		 n;

	protect_load_ephemeral();
	s = protect_seal("西宁市城北区大堡子镇", "children.address", a);
	cr_assert(protect_open(s, "children.notes", a, &e) == NULL);
	cr_assert(eq(int, e.code, ERR_INTERNAL));
	n = strlen(s);
	s[n - 3] = s[n - 3] == 'A' ? 'B' : 'A';
	cr_assert(protect_open(s, "children.address", a, &e) == NULL);
	cr_assert(protect_open("plain text", "children.address", a, &e) ==
	    NULL);
	cr_assert(protect_open("v1:9:AAAA", "children.address", a, &e) == NULL);
}

Test(protect, blind_index_is_stable_keyed_and_per_column)
{
	char	*i1, *i2;

	protect_load_ephemeral();
	i1 = protect_index("630105201503080122", "children.id_number", a);
	cr_assert(eq(sz, strlen(i1), 64));
	cr_assert(eq(str, i1, protect_index("630105201503080122",
	    "children.id_number", a)));
	cr_assert(ne(str, i1, protect_index("630105201503080122",
	    "guardians.id_number", a)));
	i2 = arena_strdup(a, i1);
	protect_load_ephemeral();	/* another key: another index */
	cr_assert(ne(str, i2, protect_index("630105201503080122",
	    "children.id_number", a)));
}

Test(protect, key_file_is_created_0600_and_refused_when_readable)
{
	struct stat	sb;
	struct err	e;

	cr_assert(eq(int, protect_load(path("k"), 0, &e), -1));
	cr_assert(eq(int, protect_load(path("k"), 1, &e), 0));
	cr_assert(eq(int, stat(path("k"), &sb), 0));
	cr_assert(eq(int, sb.st_mode & 0777, 0600));
	cr_assert(eq(int, chmod(path("k"), 0644), 0));
	cr_assert(eq(int, protect_load(path("k"), 1, &e), -1));
	cr_assert(strstr(e.msg_en, "chmod 600") != NULL);
}

Test(protect, new_key_seals_new_values_and_old_ones_still_open)
{
	struct err	 e;
	char		*old;

	cr_assert(eq(int, protect_load(path("k"), 1, &e), 0));
	old = protect_seal("甲", "t.f", a);
	cr_assert(eq(int, protect_add_key(path("k"), &e), 2));
	cr_assert(eq(int, protect_key_id(protect_seal("乙", "t.f", a)), 2));
	cr_assert(eq(int, protect_load(path("k"), 0, &e), 0));	/* reread */
	cr_assert(eq(int, protect_current_key(), 2));
	cr_assert(eq(str, protect_open(old, "t.f", a, &e), "甲"));
}

/* Open an app on a SQLite file with a key file in the temp dir. */
static void
open_app(struct app *app, const char *keyname)
{
	struct err	e;

	memset(app, 0, sizeof(*app));
	conf_init(&app->conf);
	cr_assert(conf_set(&app->conf, "db", path("t.db"), SRC_FLAG, &e) == 0);
	cr_assert(conf_set(&app->conf, "key-file", path(keyname), SRC_FLAG,
	    &e) == 0);
	cr_assert(conf_set(&app->conf, "log-level", "error", SRC_FLAG, &e) ==
	    0);
	cr_assert(app_open(app, 1, 0, &e) == 0, "%s", e.msg_en);
}

/* Does the file contain the bytes of s anywhere? */
static int
file_has(const char *file, const char *s)
{
	FILE	*f;
	char	*buf;
	long	 n;
	int	 found = 0;

	if ((f = fopen(file, "rb")) == NULL)
		return (0);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	cr_assert(fread(buf, 1, (size_t)n, f) == (size_t)n);
	fclose(f);
	buf[n] = '\0';
	found = memmem(buf, (size_t)n, s, strlen(s)) != NULL;
	free(buf);
	return (found);
}

Test(protect, the_database_file_holds_ciphertext_only)
{
	struct actor	 sys = { 0, ROLE_ANY, "", 0, NULL };
	struct app	 app;
	struct store	*db;
	struct err	 e;
	json_t		*in, *rec;
	char		 id[19] = "63010520150308012";

	id[17] = id_number_check_char(id);
	id[18] = '\0';
	open_app(&app, "t.key");
	db = store_pool_acquire(app.pool);
	in = json_pack("{s:s, s:s}", "code", "630105100201", "name", "甲村");
	json_decref(resource_create(resource_find("regions"), db, &sys, in, a,
	    &e));
	json_decref(in);
	in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "name", "卓玛",
	    "sex", "F", "birth_date", "2015-03-08", "village_code",
	    "630105100201", "id_number", id, "address", "幸福路七号院");
	rec = resource_create(resource_find("children"), db, &sys, in, a, &e);
	cr_assert(rec != NULL, "%s", e.msg_en);
	cr_assert(eq(str, (char *)json_string_value(json_object_get(rec,
	    "id_number")), id));
	json_decref(rec);
	json_decref(in);
	store_pool_release(app.pool, db);
	app_close(&app);
	/* Plain text nowhere in the file or its log; the name is not sealed. */
	cr_assert(not(file_has(path("t.db"), id)));
	cr_assert(not(file_has(path("t.db-wal"), id)));
	cr_assert(not(file_has(path("t.db"), "幸福路七号院")));
	cr_assert(not(file_has(path("t.db-wal"), "幸福路七号院")));
	cr_assert(file_has(path("t.db"), "卓玛") ||
	    file_has(path("t.db-wal"), "卓玛"));

	/* Reopened with the same key, the value reads back. */
	open_app(&app, "t.key");
	db = store_pool_acquire(app.pool);
	rec = resource_get(resource_find("children"), db, &sys, 1, a, &e);
	cr_assert(rec != NULL, "%s", e.msg_en);
	cr_assert(eq(str, (char *)json_string_value(json_object_get(rec,
	    "address")), "幸福路七号院"));
	json_decref(rec);
	store_pool_release(app.pool, db);
	app_close(&app);
}

Test(protect, another_key_file_is_refused_by_the_database)
{
	struct app	app;
	struct err	e;

	open_app(&app, "t.key");
	app_close(&app);
	memset(&app, 0, sizeof(app));
	conf_init(&app.conf);
	conf_set(&app.conf, "db", path("t.db"), SRC_FLAG, &e);
	conf_set(&app.conf, "key-file", path("other.key"), SRC_FLAG, &e);
	conf_set(&app.conf, "log-level", "error", SRC_FLAG, &e);
	cr_assert(eq(int, app_open(&app, 1, 0, &e), -1));
	cr_assert(strstr(e.msg_en, "does not belong") != NULL, "%s", e.msg_en);
	app_close(&app);
}
