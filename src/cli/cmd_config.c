/*
 * cmd_config.c - `lbcare config show`: every option, its value in force
 * and where that value came from.
 */
#include <stdio.h>
#include <string.h>

#include "../app.h"
#include "cmd.h"

int
cmd_config_exec(struct app *app, int argc, char **argv)
{
	if (argc != 2 || strcmp(argv[1], "show") != 0) {
		fprintf(stderr, "usage: lbcare config show\n");
		return (2);
	}
	conf_print(&app->conf, stdout);
	return (0);
}
