/*
 * cmd_token.c - `lbcare token ...`: API tokens for machine clients (a
 * bureau's reporting system), which send them as "Authorization: Bearer".
 * A token is printed once, when it is made; the database keeps only its
 * SHA-256.  Creation and revocation are audited (resource "tokens").
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../app.h"
#include "../core/util.h"
#include "../domain/auth.h"
#include "../domain/resource.h"
#include "../domain/roles.h"
#include "cli.h"
#include "cmd.h"

#define TOKEN_DAYS_DEFAULT	90

/* The operator at the console acts as the administrator, user 0. */
static const struct actor console = { 0, ROLE_ADMIN, "", 0, NULL };

static int
usage(void)
{
	fprintf(stderr,
	    "usage: lbcare token create LOGIN --name NAME [--days N]\n"
	    "       lbcare token list [LOGIN]\n"
	    "       lbcare token revoke ID\n"
	    "a token lasts %d days unless --days says otherwise (1 to %d); "
	    "it is printed\nonce, on standard output, and cannot be shown "
	    "again\n", TOKEN_DAYS_DEFAULT, AUTH_TOKEN_DAYS_MAX);
	return (2);
}

/* "2026-03-01 08:30" (UTC), or "never" for 0. */
static const char *
when(int64_t t, char out[32])
{
	struct tm	tm;
	time_t		tt = (time_t)t;

	if (t == 0 || gmtime_r(&tt, &tm) == NULL)
		snprintf(out, 32, "never");
	else
		strftime(out, 32, "%Y-%m-%d %H:%M", &tm);
	return (out);
}

static int
token_create(struct store *db, int argc, char **argv, struct err *e)
{
	const char	*login = NULL, *name = NULL, *tok;
	struct arena	*a;
	int64_t		 days = TOKEN_DAYS_DEFAULT, id;
	char		 exp[32];
	int		 i;

	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--name") == 0 && i + 1 < argc)
			name = argv[++i];
		else if (strcmp(argv[i], "--days") == 0 && i + 1 < argc) {
			if (parse_int64(argv[++i], &days) == -1)
				return (usage());
		} else if (argv[i][0] != '-' && login == NULL)
			login = argv[i];
		else
			return (usage());
	}
	if (login == NULL || name == NULL)
		return (usage());
	if (days < 0 || days > INT_MAX)
		days = 0;	/* out of range: auth says what is allowed */
	a = arena_new();
	if ((tok = auth_token_create(db, &console, login, name, (int)days,
	    &id, a, e)) == NULL) {
		arena_free(a);
		return (-1);
	}
	printf("%s\n", tok);
	fflush(stdout);
	fprintf(stderr, "token %lld for %s, valid until %s UTC; it is shown "
	    "only this once\n", (long long)id, login,
	    when(time_now() + days * 86400, exp));
	arena_free(a);
	return (0);
}

#define LIST_FORMAT	"%-6s %-16s %-9s %-17s %-17s %s\n"

/* One line per token; the header before the first (arg counts them). */
static int
print_token(const struct token_info *t, void *arg)
{
	const char	*status;
	char		 id[24], exp[32], used[32];
	int		*n = arg;

	if ((*n)++ == 0)
		printf(LIST_FORMAT, "ID", "LOGIN", "STATUS", "EXPIRES (UTC)",
		    "LAST USED (UTC)", "NAME");
	if (t->revoked_at != 0)
		status = "revoked";
	else if (t->expires_at <= time_now())
		status = "expired";
	else if (t->user_disabled)
		status = "disabled";
	else
		status = "active";
	snprintf(id, sizeof(id), "%lld", (long long)t->id);
	printf(LIST_FORMAT, id, t->login, status, when(t->expires_at, exp),
	    when(t->last_used, used), t->name);
	return (0);
}

static int
token_do(struct app *app, struct store *db, int argc, char **argv,
    struct err *e)
{
	const char	*verb = argv[1];
	int64_t		 id;
	int		 n = 0;

	if (strcmp(verb, "create") == 0)
		return (token_create(db, argc, argv, e));
	if (strcmp(verb, "list") == 0 && argc <= 3) {
		if (auth_token_list(db, argc == 3 ? argv[2] : NULL,
		    print_token, &n, e) == -1)
			return (-1);
		if (n == 0)
			printf("no tokens\n");
		return (0);
	}
	if (strcmp(verb, "revoke") == 0 && argc == 3) {
		if (parse_int64(argv[2], &id) == -1 || id < 1)
			return (usage());
		if (auth_token_revoke(db, &console, id, e) == -1)
			return (-1);
		printf("token %lld revoked\n", (long long)id);
		return (0);
	}
	return (usage());
}

int
cmd_token_exec(struct app *app, int argc, char **argv)
{
	if (argc < 2)
		return (usage());
	return (cli_run_db(app, argc, argv, token_do));
}
