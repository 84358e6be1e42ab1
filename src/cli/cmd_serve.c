/*
 * cmd_serve.c - `lbcare serve`: say where it listens, then hand over to
 * the HTTP server until a signal stops it.
 */
#include <signal.h>
#include <string.h>

#include "../app.h"
#include "../core/log.h"
#include "../http/http.h"
#include "../api/router.h"
#include "../domain/audit.h"
#include "../domain/pinyin.h"
#include "cmd.h"

int
cmd_serve_exec(struct app *app, int argc, char **argv)
{
	const struct conf	*cf = &app->conf;
	const char		*host = conf_str(cf, CONF_LISTEN);
	int			 v6, rc;
	struct err		 e;

	/* Name the backend only: a postgresql:// URI may hold a password. */
	v6 = strchr(host, ':') != NULL && host[0] != '[';
	log_info("lbcare listening on http://%s%s%s:%lld/ (db: %s, "
	    "threads: %lld)", v6 ? "[" : "", host, v6 ? "]" : "",
	    (long long)conf_int(cf, CONF_PORT),
	    store_uri_is_pg(conf_str(cf, CONF_DB)) ? "postgresql" : "sqlite",
	    (long long)conf_int(cf, CONF_THREADS));
	signal(SIGPIPE, SIG_IGN);
	router_init();		/* before the worker threads start */
	{
		/* Open ICU's transliterator now, not on the first request. */
		struct arena	*a = arena_new();

		pinyin_of("梦", a);
		arena_free(a);
	}
	/*
	 * Audited reads wait on the writer's group commits.  It stops after
	 * the last request has ended, and drains what is queued first.
	 */
	if (audit_writer_start(conf_str(cf, CONF_DB), &e) == -1) {
		log_err("serve: %s", e.msg_en);
		return (1);
	}
	rc = http_serve(app, &e);
	audit_writer_stop();
	if (rc == -1) {
		log_err("serve: %s", e.msg_en);
		return (1);
	}
	return (0);
}
