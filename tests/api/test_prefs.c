/*
 * test_prefs.c - the interface language kept with the account: null
 * until chosen, set by PUT /api/v1/session/lang by any signed-in role,
 * answered by sign-in and GET /api/v1/session, kept across sign-out;
 * bad bodies are refused and change nothing.  Also what the schema index
 * tells the browser a person may read and write (its menus).  SQLite and
 * PostgreSQL.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <string.h>

#include "t_app.h"

#define LANG_EN		"Accept-Language: en"

static void
up(void)
{
	t_app_up();
}

static void
down(void)
{
	t_app_down();
}

TestSuite(prefs, .init = up, .fini = down, .timeout = 60);

static int
is_null(const struct res *r, const char *key)
{
	json_t	*u = json_object_get(t_json(r), "user");

	return (json_is_object(u) && json_is_null(json_object_get(u, key)));
}

static long long
stored(const char *login, const char *lang)
{
	char	q[160];

	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM users WHERE login = '%s' "
	    "AND lang = '%s'", login, lang);
	return (t_sql_int(q));
}

Test(prefs, lang_is_null_until_chosen)
{
	struct res	*r;

	r = t_call("POST", "/api/v1/session", "{\"login\":\"worker\","
	    "\"password\":\"" T_PASSWORD "\"}");
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(is_null(r, "lang"), "%s", r->body);
	t_login("worker");
	r = t_call("GET", "/api/v1/session", NULL);
	cr_assert(eq(int, r->status, 200));
	cr_assert(is_null(r, "lang"), "%s", r->body);
}

Test(prefs, lang_is_kept_with_the_account_across_sign_out)
{
	struct res	*r;

	t_login("worker");
	r = t_call("PUT", "/api/v1/session/lang", "{\"lang\":\"bo\"}");
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(str, (char *)t_str(r, "lang"), "bo"));
	r = t_call("GET", "/api/v1/session", NULL);
	cr_assert(eq(str, (char *)t_str(r, "user/lang"), "bo"));
	cr_assert(eq(i64, stored("worker", "bo"), 1));
	/* Sign out and in again (a new session): still Tibetan. */
	cr_assert(eq(int, t_call("DELETE", "/api/v1/session", NULL)->status,
	    204));
	r = t_call("POST", "/api/v1/session", "{\"login\":\"worker\","
	    "\"password\":\"" T_PASSWORD "\"}");
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(str, (char *)t_str(r, "user/lang"), "bo"));
	/* Someone else's choice is their own. */
	t_login("worker2");
	r = t_call("GET", "/api/v1/session", NULL);
	cr_assert(is_null(r, "lang"), "%s", r->body);
	/* Changed again, the last choice stands. */
	t_login("worker");
	r = t_call("PUT", "/api/v1/session/lang", "{\"lang\":\"en\"}");
	cr_assert(eq(int, r->status, 200), "%s", r->body);
	cr_assert(eq(str, (char *)t_str(t_call("GET", "/api/v1/session",
	    NULL), "user/lang"), "en"));
	cr_assert(eq(i64, stored("worker", "bo"), 0));
	cr_assert(eq(i64, stored("worker", "en"), 1));
}

Test(prefs, every_signed_in_role_may_choose)
{
	static const char *const logins[] = { "admin", "worker", "supervisor",
	    "lead", "finance", "purchaser", "evaluator", "director",
	    "township", "school", NULL };
	struct res	*r;
	size_t		 i;

	for (i = 0; logins[i] != NULL; i++) {
		t_login(logins[i]);
		r = t_call("PUT", "/api/v1/session/lang", "{\"lang\":\"zh\"}");
		cr_assert(eq(int, r->status, 200), "%s: %s", logins[i],
		    r->body);
		cr_assert(eq(i64, stored(logins[i], "zh"), 1), "%s",
		    logins[i]);
	}
}

Test(prefs, bad_bodies_are_refused_and_change_nothing)
{
	static const struct {
		const char	*body;
		const char	*detail;
	} bad[] = {
		{ "{\"lang\":\"fr\"}", "lang must be zh, bo or en, not fr" },
		{ "{\"lang\":\"BO\"}", "lang must be zh, bo or en, not BO" },
		{ "{\"lang\":\"\"}", "lang must be zh, bo or en, not " },
		{ "{\"lang\":1}", NULL },
		{ "{\"lang\":null}", NULL },
		{ "{}", NULL },
		{ "{\"lang\":\"bo\",\"x\":1}", NULL },
		{ "[\"bo\"]", NULL },
	};
	struct res	*r;
	size_t		 i;

	t_login("worker");
	cr_assert(eq(int, t_call("PUT", "/api/v1/session/lang",
	    "{\"lang\":\"en\"}")->status, 200));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = t_call_h("PUT", "/api/v1/session/lang", bad[i].body,
		    (const char *[]){ LANG_EN, NULL });
		cr_assert(eq(int, r->status, 400), "%s: %d", bad[i].body,
		    r->status);
		if (bad[i].detail != NULL) {
			cr_assert(eq(str, (char *)t_str(r, "field"), "lang"));
			cr_assert(eq(str, (char *)t_str(r, "detail"),
			    (char *)bad[i].detail));
		}
		cr_assert(eq(i64, stored("worker", "en"), 1), "%s",
		    bad[i].body);
	}
	/* Chinese by default. */
	r = t_call("PUT", "/api/v1/session/lang", "{\"lang\":\"fr\"}");
	cr_assert(eq(str, (char *)t_str(r, "detail"),
	    "语言应为 zh、bo 或 en，而不是 fr"));
}

Test(prefs, needs_a_session_and_the_csrf_token)
{
	struct res	*r;

	t_logout_local();
	r = t_call("PUT", "/api/v1/session/lang", "{\"lang\":\"bo\"}");
	cr_assert(eq(int, r->status, 401));
	t_login("worker");
	t_csrf_send(0);
	r = t_call("PUT", "/api/v1/session/lang", "{\"lang\":\"bo\"}");
	cr_assert(eq(int, r->status, 403));
	t_csrf_send(1);
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM users WHERE "
	    "lang IS NOT NULL"), 0));
	/* Only PUT: the language is read from the session. */
	cr_assert(eq(int, t_call("GET", "/api/v1/session/lang",
	    NULL)->status, 405));
}

/* The flags of one resource in GET /api/v1/schema, as "rw", "r-", "--". */
static const char *
may(const struct res *r, const char *name)
{
	static char	 out[3];
	json_t		*list, *it;
	size_t		 i;

	list = json_object_get(t_json(r), "resources");
	json_array_foreach(list, i, it)
		if (strcmp(json_string_value(json_object_get(it, "name")),
		    name) == 0) {
			out[0] = json_is_true(json_object_get(it, "read")) ?
			    'r' : '-';
			out[1] = json_is_true(json_object_get(it, "write")) ?
			    'w' : '-';
			out[2] = '\0';
			return (out);
		}
	return ("absent");
}

Test(prefs, schema_index_says_what_the_caller_may_read_and_write)
{
	struct res	*r;

	t_login("worker");
	r = t_call("GET", "/api/v1/schema", NULL);
	cr_assert(eq(int, r->status, 200));
	cr_assert(eq(str, (char *)may(r, "children"), "rw"));
	cr_assert(eq(str, (char *)may(r, "assessments"), "rw"));
	cr_assert(eq(str, (char *)may(r, "regions"), "r-"));
	cr_assert(eq(str, (char *)may(r, "organizations"), "r-"));
	t_login("purchaser");
	r = t_call("GET", "/api/v1/schema", NULL);
	cr_assert(eq(str, (char *)may(r, "children"), "r-"));
	cr_assert(eq(str, (char *)may(r, "assessments"), "--"));
	t_login("admin");
	r = t_call("GET", "/api/v1/schema", NULL);
	cr_assert(eq(str, (char *)may(r, "regions"), "rw"));
	cr_assert(eq(str, (char *)may(r, "children"), "--"));
}
