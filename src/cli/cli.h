/*
 * cli.h - the command line: `lbcare [OPTIONS] COMMAND [ARGS]`.  Options
 * are the configuration table's (core/conf.c) and may stand before or
 * after the command; what is left goes to the command.
 */
#ifndef LBCARE_CLI_H
#define LBCARE_CLI_H

struct app;

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

/* Read one line (a password) from standard input without echoing it. */
int	cli_read_secret(const char *prompt, char *out, size_t len);

#endif
