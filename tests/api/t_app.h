/*
 * t_app.h - API tests without sockets (after h2o's loopback tests): a
 * fresh migrated database per test, fixture regions and users, and
 * t_call() that fills a struct req and runs router_dispatch() directly.
 *
 * The database is SQLite in memory, or, when LBCARE_TEST_PG holds a
 * postgresql:// URI, a schema of its own in that PostgreSQL database.
 */
#ifndef T_APP_H
#define T_APP_H

#include <jansson.h>

#include "api/api.h"

#define T_PASSWORD	"test-pass-2026"

extern struct app	t_app;

void		 t_app_up(void);
void		 t_app_down(void);
/* Sign in as a fixture user; later calls carry the cookie and CSRF. */
void		 t_login(const char *login);
void		 t_logout_local(void);
/* Whether calls carry the X-CSRF-Token (on after each login). */
void		 t_csrf_send(int);
/* Call the router.  hdrs: extra "Name: value" headers, NULL-ended. */
struct res	*t_call_h(const char *method, const char *path,
		    const char *body, const char *const *hdrs);
struct res	*t_call(const char *method, const char *path, const char *body);
/* A body of len bytes (may hold NULs) sent as ctype (NULL: none). */
struct res	*t_call_b(const char *method, const char *path,
		    const void *body, size_t len, const char *ctype,
		    const char *const *hdrs);
/* The response body parsed (owned by the test's arena). */
json_t		*t_json(const struct res *);
const char	*t_header(const struct res *, const char *);
/* JSON string or integer at a /-separated path ("items/0/name"). */
const char	*t_str(const struct res *, const char *path);
long long	 t_int(const struct res *, const char *path);
/* Run one SQL scalar query directly against the test database. */
long long	 t_sql_int(const char *sql);
/* Create a valid child in village 630105100201; returns its id. */
long long	 t_child(const char *name, const char *sex,
		    const char *birth);

/* Record a guardian's consent (given 2025-01-01) for a purpose. */
long long	 t_consent(long long child_id, const char *scope);

#endif
