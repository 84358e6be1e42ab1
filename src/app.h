/*
 * app.h - process-wide state handed to every request: configuration, the
 * database pool and the browser application's files.  Built once by
 * `lbcare serve` (or a test), read-only afterwards.
 */
#ifndef LBCARE_APP_H
#define LBCARE_APP_H

#include "core/conf.h"
#include "store/store.h"
#include "domain/auth.h"

struct webfiles;

struct app {
	struct conf		 conf;
	struct store_pool	*pool;
	struct webfiles		*web;
	char			*key_path;	/* NULL: keys in memory only */
};

/* Open the database pool (migrating it) and, to serve, the web files. */
int		app_open(struct app *, int pool_size, int with_web,
		    struct err *);
/* Close what app_open opened and free the configuration. */
void		app_close(struct app *);
/* The Argon2id cost the configuration names. */
struct pwcost	app_pwcost(const struct app *);

#endif
