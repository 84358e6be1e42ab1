/*
 * cli.h - the command line: `lbcare [OPTIONS] COMMAND [ARGS]`.  Options
 * are the configuration table's (core/conf.c) and may stand before or
 * after the command; what is left goes to the command.
 */
#ifndef LBCARE_CLI_H
#define LBCARE_CLI_H

#include <stddef.h>

struct app;
struct err;
struct store;

/* A command: how much of the app it needs, and what it does. */
struct command {
	const char	*name;
	const char	*usage;
	const char	*help;
	int		 db;		/* pool size it needs; 0 = none */
	int		 web;		/* loads the web files */
	int		(*exec)(struct app *, int argc, char **argv);
};

int	cli_main(int argc, char **argv);

/*
 * Run a command's body on one pooled connection and turn its result into
 * an exit status: -1 prints "lbcare NAME VERB: message" and is 1; any
 * other value is returned as it is (2 for usage).
 */
int	cli_run_db(struct app *, int argc, char **argv,
	    int (*)(struct app *, struct store *, int, char **, struct err *));

/* Read one line (a password) from standard input without echoing it. */
int	cli_read_secret(const char *prompt, char *out, size_t len);

#endif
