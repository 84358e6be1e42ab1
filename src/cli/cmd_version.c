/*
 * cmd_version.c - `lbcare version`: the program, schema and library
 * versions, for bug reports.
 */
#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>

#include "../store/store.h"
#include "cmd.h"

int
cmd_version_exec(struct app *app, int argc, char **argv)
{
	printf("lbcare %s (schema %d; sqlite %s, jansson %s, libsodium %s)\n",
	    LBCARE_VERSION, store_schema_latest(), sqlite3_libversion(),
	    JANSSON_VERSION, sodium_version_string());
	return (0);
}
