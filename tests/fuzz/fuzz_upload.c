/*
 * fuzz_upload.c - libFuzzer harness for the evidence upload handler
 * (api/api_evidence.c -> domain/evidence.c) on an in-memory database:
 * the input's first line is the query string, the rest the file.  No
 * crash, no leak; a 201 only for an allowed type whose stored bytes and
 * hash are exactly the body's; anything refused leaves nothing stored.
 */
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/handlers.h"
#include "core/log.h"
#include "domain/auth.h"
#include "domain/resource.h"
#include "domain/roles.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct app	app;
static struct store	*db;
static int		 ready;

static int64_t
count(const char *sql)
{
	struct stmt	*st;
	struct err	 e;
	int64_t		 n = -1;

	if ((st = store_prepare(db, sql, &e)) == NULL)
		__builtin_trap();
	if (stmt_step(st, &e) == 1)
		n = stmt_int64(st, 0);
	stmt_finalize(st);
	return (n);
}

/* Once: a migrated database with a village and a child to upload for. */
static void
setup(void)
{
	static const char *const regions[] = { "630000000000",
	    "630100000000", "630105000000", "630105100000", "630105100201" };
	struct actor	 sys = { 0, ROLE_ANY, "", 0, NULL };
	struct arena	*a = arena_new();
	struct err	 e;
	json_t		*j, *rec;
	size_t		 i;

	if (sodium_init() == -1)
		__builtin_trap();
	conf_init(&app.conf);
	conf_set(&app.conf, "db", ":memory:", SRC_FLAG, &e);
	log_set_level(LOG_ERR);
	if (app_open(&app, 1, 0, &e) == -1)
		__builtin_trap();
	db = store_pool_acquire(app.pool);
	for (i = 0; i < sizeof(regions) / sizeof(regions[0]); i++) {
		j = json_pack("{s:s, s:s}", "code", regions[i], "name", "区");
		rec = resource_create(resource_find("regions"), db, &sys, j, a,
		    &e);
		json_decref(j);
		json_decref(rec);
	}
	j = json_pack("{s:s, s:s, s:s, s:s}", "name", "测试", "sex", "F",
	    "birth_date", "2015-01-01", "village_code", "630105100201");
	if ((rec = resource_create(resource_find("children"), db, &sys, j, a,
	    &e)) == NULL)
		__builtin_trap();
	json_decref(rec);
	json_decref(j);
	arena_free(a);
	ready = 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct session	 s = { 1, "worker", "worker", ROLE_WORKER, "630105100",
	    0, NULL, NULL, 1 };
	struct req	 r;
	struct res	 res;
	struct err	 e;
	const uint8_t	*nl;
	unsigned char	 h[crypto_hash_sha256_BYTES];
	char		 hex[65], sql[160];
	int64_t		 links, blobs;

	if (!ready)
		setup();
	memset(&r, 0, sizeof(r));
	memset(&res, 0, sizeof(res));
	r.arena = arena_new();
	r.app = &app;
	r.method = HTTP_POST;
	r.path = "/api/v1/evidence";
	r.db = db;
	r.session = &s;
	nl = memchr(data, '\n', size);
	if (nl == NULL ||
	    req_parse_query(&r, arena_strndup(r.arena, (const char *)data,
	    (size_t)(nl - data)), &e) == -1)
		goto out;
	r.body = (const char *)nl + 1;
	r.body_len = size - (size_t)(nl + 1 - data);
	links = count("SELECT count(*) FROM evidence");
	blobs = count("SELECT count(*) FROM evidence_blobs");
	api_evidence_upload(&r, &res);
	if (res.status == 201) {
		crypto_hash_sha256(h, (const unsigned char *)r.body,
		    r.body_len);
		sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM evidence_blobs "
		    "WHERE sha256 = '%s' AND size = %zu", hex, r.body_len);
		if (count(sql) != 1 || count("SELECT count(*) FROM evidence") !=
		    links + 1 || strstr(res.body, hex) == NULL)
			__builtin_trap();
	} else if (res.status != 200 &&
	    (count("SELECT count(*) FROM evidence") != links ||
	    count("SELECT count(*) FROM evidence_blobs") != blobs))
		__builtin_trap();	/* refused, yet something stored */
out:
	arena_free(r.arena);
	return (0);
}
