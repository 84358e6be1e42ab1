/*
 * app.c - open and close what a process shares: the database pool
 * (migrated on open) and, for serving, the web files.
 */
#include <string.h>

#include "app.h"
#include "domain/auth.h"
#include "http/webfiles.h"

int
app_open(struct app *app, int pool_size, int with_web, struct err *e)
{
	struct store	*db;
	int		 rc;

	if ((app->pool = store_pool_open(conf_str(&app->conf, CONF_DB),
	    pool_size, e)) == NULL)
		return (-1);
	db = store_pool_acquire(app->pool);
	rc = store_migrate(db, e);
	store_pool_release(app->pool, db);
	if (rc == -1)
		goto fail;
	if (with_web && (app->web = webfiles_load(conf_str(&app->conf,
	    CONF_WEB_DIR), e)) == NULL)
		goto fail;
	return (0);
fail:
	store_pool_close(app->pool);
	app->pool = NULL;
	return (-1);
}

void
app_close(struct app *app)
{
	if (app->web != NULL)
		webfiles_free(app->web);
	if (app->pool != NULL)
		store_pool_close(app->pool);
	app->web = NULL;
	app->pool = NULL;
	conf_free(&app->conf);
}

struct pwcost
app_pwcost(const struct app *app)
{
	return (auth_pwcost(conf_str(&app->conf, CONF_PWHASH)));
}
