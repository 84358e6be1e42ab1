/*
 * main.c - lbcare: one binary that holds the data, answers the JSON API,
 * serves the browser application and runs the commands of cli/.
 */
#include <sodium.h>
#include <stdio.h>

#include "cli/cli.h"

int
main(int argc, char **argv)
{
	if (sodium_init() < 0) {
		fprintf(stderr, "lbcare: libsodium failed to start\n");
		return (1);
	}
	return (cli_main(argc, argv));
}
