/*
 * fuzz_transition.c - libFuzzer harness for a step of a state machine:
 * the first byte picks the case's stage, the second the caller's role,
 * the rest is a transitions body ({"action", "reason", "fields"}) parsed
 * as the API does and handed to resource_transition() on a case in an
 * in-memory database, inside a transaction rolled back after each input.
 * A step that succeeds must be one the table allows from that stage, to
 * its declared stage (or, for a return step, to a real stage).
 */
#include <jansson.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/protect.h"
#include "domain/res_cases.h"
#include "domain/resource.h"
#include "domain/roles.h"
#include "domain/workflow.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct store	*db;
static int64_t		 case_id;

static int64_t
make(const char *name, json_t *in)
{
	const struct actor	 sys = { 0, ROLE_ANY, "", 0, NULL };
	struct arena		*a = arena_new();
	struct err		 e;
	json_t			*rec;
	int64_t			 id;

	if ((rec = resource_create(resource_find(name), db, &sys, in, a,
	    &e)) == NULL)
		abort();
	id = json_integer_value(json_object_get(rec, "id"));
	json_decref(rec);
	json_decref(in);
	arena_free(a);
	return (id);
}

static void
setup(void)
{
	struct err	e;
	int64_t		child;

	if (sodium_init() < 0)
		abort();
	protect_load_ephemeral();
	if ((db = store_open(":memory:", &e)) == NULL ||
	    store_migrate(db, &e) == -1)
		abort();
	make("regions", json_pack("{s:s, s:s}", "code", "630105100201",
	    "name", "村"));
	child = make("children", json_pack("{s:s, s:s, s:s, s:s}", "name",
	    "儿童", "sex", "F", "birth_date", "2015-06-01", "village_code",
	    "630105100201"));
	/* Casework needs the guardian's consent to it. */
	make("consents", json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}",
	    "child_id", (json_int_t)child, "scope", "CASE_SERVICE",
	    "given_by_name", "监护人", "relation", "MOTHER", "given_on",
	    "2025-01-01", "evidence", "SIGNED_FORM"));
	case_id = make("cases", json_pack("{s:I, s:s, s:s}", "child_id",
	    (json_int_t)child, "opened_on", "2025-03-01", "source", "SELF"));
}

static const char *
str(json_t *in, const char *key)
{
	json_t	*v = json_object_get(in, key);

	return (json_is_string(v) ? json_string_value(v) : NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct resource	*r = &res_cases;
	const struct workflow	*w = r->workflow;
	const struct transition	*t;
	const char		*from, *action, *to;
	struct actor		 ac = { 7, 0, "", 0, NULL };
	struct stmt		*st;
	struct arena		*a;
	struct err		 e;
	json_error_t		 je;
	json_t			*in, *fields, *rec;

	if (db == NULL)
		setup();
	if (size < 2)
		return (0);
	from = w->states->values[data[0] % w->states->nvalues].code;
	ac.roles = 1u << (data[1] % ROLE__COUNT);
	in = json_loadb((const char *)data + 2, size - 2,
	    JSON_REJECT_DUPLICATES, &je);
	if (in == NULL || !json_is_object(in)) {
		json_decref(in);
		return (0);
	}
	fields = json_object_get(in, "fields");
	if (fields != NULL && !json_is_object(fields))
		fields = NULL;
	action = str(in, "action");
	a = arena_new();
	if (store_begin(db, &e) == -1)
		abort();
	if ((st = store_prepare(db, "UPDATE cases SET stage = ?, "
	    "suspended_from = 'INTAKE' WHERE id = ?", &e)) == NULL)
		abort();
	stmt_bind_text(st, 1, from);
	stmt_bind_int64(st, 2, case_id);
	if (stmt_step(st, &e) == -1)
		abort();
	stmt_finalize(st);
	rec = resource_transition(r, db, &ac, case_id, 1, action,
	    str(in, "reason"), fields, a, &e);
	if (rec != NULL) {
		t = workflow_find(w, action);
		to = json_string_value(json_object_get(rec, "stage"));
		if (t == NULL || !workflow_may_start(t, from) ||
		    (ac.roles & t->roles) == 0 || to == NULL ||
		    enum_find(w->states, to) == NULL ||
		    (t->to[0] != '@' && strcmp(to, t->to) != 0))
			__builtin_trap();
		json_decref(rec);
	}
	store_rollback(db);
	arena_free(a);
	json_decref(in);
	return (0);
}
