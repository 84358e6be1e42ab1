/*
 * app.c - open and close what a process shares: the database pool
 * (migrated on open) and, for serving, the web files.
 */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "core/util.h"
#include "domain/auth.h"
#include "domain/pinyin.h"
#include "domain/protect.h"
#include "domain/res_referrals.h"
#include "http/webfiles.h"

/*
 * The key file: as configured, else beside a SQLite file, else
 * lbcare.key in the working directory (PostgreSQL: set it explicitly when
 * several servers share the database).  An in-memory database gets keys
 * that live and die with it.
 */
static int
app_keys(struct app *app, struct store *db, struct err *e)
{
	const char	*kf = conf_str(&app->conf, CONF_KEY_FILE);
	const char	*uri = conf_str(&app->conf, CONF_DB);

	free(app->key_path);
	app->key_path = NULL;
	if (*kf == '\0' && strcmp(uri, ":memory:") == 0)
		protect_load_ephemeral();
	else {
		app->key_path = *kf ? xstrdup(kf) : store_uri_is_pg(uri) ?
		    xstrdup("lbcare.key") : xstrdup_printf("%s.key", uri);
		if (protect_load(app->key_path, 1, e) == -1)
			return (-1);
	}
	return (protect_check_db(db, e));
}

int
app_open(struct app *app, int pool_size, int with_web, struct err *e)
{
	struct store	*db;
	int		 rc;

	if ((app->pool = store_pool_open(conf_str(&app->conf, CONF_DB),
	    pool_size, e)) == NULL)
		return (-1);
	db = store_pool_acquire(app->pool);
	if ((rc = store_migrate(db, e)) != -1)
		rc = app_keys(app, db, e);
	referrals_configure((int)conf_int(&app->conf,
	    CONF_REFERRAL_REPLY_DAYS));
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
	free(app->key_path);
	app->key_path = NULL;
	protect_unload();
	pinyin_shutdown();
	conf_free(&app->conf);
}

struct pwcost
app_pwcost(const struct app *app)
{
	return (auth_pwcost(conf_str(&app->conf, CONF_PWHASH)));
}
