/*
 * cli.c - the command table and the one place that turns argv into a
 * configured struct app and a call to a command.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "../app.h"
#include "../core/log.h"
#include "../core/util.h"
#include "cli.h"
#include "cmd.h"

static int	cmd_help_exec(struct app *, int, char **);

static const struct command commands[] = {
	{ "serve", "serve [--listen ADDR] [--port N]",
	    "answer the API and serve the browser application", -1, 1,
	    cmd_serve_exec },
	{ "migrate", "migrate", "bring the database schema up to date", 1, 0,
	    cmd_migrate_exec },
	{ "demo", "demo [--children N] [--seed N]",
	    "fill an empty database with a fictional demo project", 1, 0,
	    cmd_demo_exec },
	{ "user", "user add|list|disable|enable|passwd|role ...",
	    "manage accounts (see lbcare user help)", 1, 0, cmd_user_exec },
	{ "audit", "audit verify", "check the audit log's hash chain", 1, 0,
	    cmd_audit_exec },
	{ "token", "token create|list|revoke ...", "API tokens for machine "
	    "clients (see lbcare token help)", 1, 0, cmd_token_exec },
	{ "export", "export child ID [--out FILE] | hsds -o DIR",
	    "one child's data as JSON (a guardian's request); the partner "
	    "directory as HSDS 3.0",
	    1, 0, cmd_export_exec },
	{ "export", "export children|needs-profile -o FILE",
	    "--format csv|xlsx [--region CODE] [--on DATE]: the roster in "
	    "the import's layout, or a region's needs profile", 1, 0,
	    cmd_export_exec },
	{ "import", "import children FILE [--dry-run] [--json]",
	    "a roster (CSV or XLSX) into the registry, all or nothing", 1, 0,
	    cmd_import_exec },
	{ "purge", "purge [--dry-run]",
	    "apply the retention rules: anonymize or delete what is due", 1,
	    0, cmd_purge_exec },
	{ "key", "key status|new|rotate [--batch N]",
	    "data keys of protected fields; rotate re-seals old values", 1, 0,
	    cmd_key_exec },
	{ "case", "case list [--worker LOGIN] [--stage STAGE]",
	    "the cases and who carries them, without names", 1, 0,
	    cmd_case_exec },
	{ "referrals", "referrals escalate",
	    "escalate sent referrals past their reply date (run daily)", 1,
	    0, cmd_referrals_exec },
	{ "config", "config show", "print the configuration in force", 0, 0,
	    cmd_config_exec },
	{ "version", "version", "print the version", 0, 0, cmd_version_exec },
	{ "help", "help", "print this help", 0, 0, cmd_help_exec },
};

static int
cmd_help_exec(struct app *app, int argc, char **argv)
{
	size_t	i;

	printf("usage: lbcare [OPTIONS] COMMAND [ARGS]\n\nCommands:\n");
	for (i = 0; i < nitems(commands); i++)
		printf("  %-42s %s\n", commands[i].usage, commands[i].help);
	printf("\n");
	conf_print_help(stdout);
	return (0);
}

/*
 * Take configuration flags (--name VALUE, --name=VALUE) out of argv
 * wherever they stand; leave the command's own words and flags, in
 * order, in rest[].
 */
static int
split_args(struct conf *c, int argc, char **argv, char **rest, int *nrest,
    struct err *e)
{
	const char	*a, *eq, *v;
	size_t		 len;
	int		 i = 1, n = 0, k;

	while (i < argc) {
		a = argv[i];
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a - 2) : strlen(a) - 2;
		if (strncmp(a, "--", 2) != 0 ||
		    (k = conf_lookup(a + 2, len)) == -1) {
			rest[n++] = argv[i++];
			continue;
		}
		v = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
		i++;
		if (conf_set(c, conf_table[k].name, v, SRC_FLAG, e) == -1)
			return (-1);
	}
	rest[n] = NULL;
	*nrest = n;
	return (0);
}

static int
run(struct app *app, const struct command *cmd, int argc, char **argv)
{
	struct err	e;
	int		pool, rc;

	pool = cmd->db == -1 ? (int)conf_int(&app->conf, CONF_THREADS) :
	    cmd->db;
	if (pool > 0 && app_open(app, pool, cmd->web, &e) == -1) {
		fprintf(stderr, "lbcare %s: %s\n", cmd->name, e.msg_en);
		return (1);
	}
	rc = cmd->exec(app, argc, argv);
	return (rc);
}

int
cli_main(int argc, char **argv)
{
	static struct app	 app;
	enum log_level		 lvl;
	struct err		 e;
	char			**rest;
	int			 nrest, i, rc = 2;

	memset(&app, 0, sizeof(app));
	conf_init(&app.conf);
	rest = xcalloc((size_t)argc + 1, sizeof(*rest));
	err_clear(&e);
	/* Defaults, then the file, the environment and the flags. */
	if (conf_load_env(&app.conf, &e) == -1 ||
	    split_args(&app.conf, argc, argv, rest, &nrest, &e) == -1)
		goto usage;
	if (*conf_str(&app.conf, CONF_CONFIG) != '\0') {
		if (conf_load_file(&app.conf, conf_str(&app.conf, CONF_CONFIG),
		    &e) == -1 || conf_load_env(&app.conf, &e) == -1 ||
		    split_args(&app.conf, argc, argv, rest, &nrest, &e) == -1)
			goto usage;
	}
	log_level_parse(conf_str(&app.conf, CONF_LOG_LEVEL), &lvl);
	log_set_level(lvl);
	if (nrest == 0 || strcmp(rest[0], "--help") == 0 ||
	    strcmp(rest[0], "-h") == 0) {
		rc = cmd_help_exec(&app, 0, NULL);
		goto out;
	}
	for (i = 0; i < (int)nitems(commands); i++)
		if (strcmp(commands[i].name, rest[0]) == 0) {
			rc = run(&app, &commands[i], nrest, rest);
			goto out;
		}
	fprintf(stderr, "lbcare: unknown command '%s' (try lbcare help)\n",
	    rest[0]);
	goto out;
usage:
	fprintf(stderr, "lbcare: %s\n", e.msg_en);
out:
	app_close(&app);
	free(rest);
	return (rc);
}

int
cli_run_db(struct app *app, int argc, char **argv,
    int (*fn)(struct app *, struct store *, int, char **, struct err *))
{
	struct store	*db;
	struct err	 e;
	int		 rc;

	err_clear(&e);
	db = store_pool_acquire(app->pool);
	rc = fn(app, db, argc, argv, &e);
	store_pool_release(app->pool, db);
	if (rc == -1) {
		fprintf(stderr, "lbcare %s%s%s: %s\n", argv[0], argc > 1 ?
		    " " : "", argc > 1 ? argv[1] : "", e.msg_en);
		return (1);
	}
	return (rc);
}

int
cli_read_secret(const char *prompt, char *out, size_t len)
{
	struct termios	 t, quiet;
	int		 tty = isatty(STDIN_FILENO);
	size_t		 n;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		tcgetattr(STDIN_FILENO, &t);
		quiet = t;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	if (fgets(out, (int)len, stdin) == NULL)
		out[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
		fprintf(stderr, "\n");
	}
	n = strcspn(out, "\r\n");
	out[n] = '\0';
	return (n > 0 ? 0 : -1);
}
