/*
 * cmd_user.c - `lbcare user ...`: accounts from the command line, for the
 * administrator who sets up a county.  Passwords come from standard input
 * (or LBCARE_PASSWORD), never from argv, which other users can read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app.h"
#include "../core/util.h"
#include "../domain/auth.h"
#include "../domain/resource.h"
#include "../domain/roles.h"
#include "cli.h"
#include "cmd.h"

struct user_opts {
	const char	*login;
	const char	*name;
	const char	*scope;
	unsigned	 roles;
	const char	*role_codes;	/* --role as given */
	int64_t		 org_id;
	int64_t		 project;
	const char	*since;
	const char	*until;
};

static int
usage(void)
{
	fprintf(stderr,
	    "usage: lbcare user add LOGIN --role R[,R...] [--scope CODE] "
	    "[--name NAME] [--org ID]\n"
	    "       lbcare user list\n"
	    "       lbcare user disable|enable LOGIN\n"
	    "       lbcare user passwd LOGIN\n"
	    "       lbcare user role LOGIN --role R[,R...] [--scope CODE]\n"
	    "       lbcare user member LOGIN --project ID --role R "
	    "[--since DATE] [--until DATE]\n"
	    "roles:");
	for (int i = 0; i < ROLE__COUNT; i++)
		fprintf(stderr, " %s", role_table[i].code);
	fprintf(stderr, "\npasswords are read from standard input or "
	    "LBCARE_PASSWORD\n");
	return (2);
}

static int
parse_roles(const char *list, unsigned *out)
{
	char	*copy, *tok, *save = NULL;
	unsigned bit;
	int	 rc = 0;

	*out = 0;
	copy = xstrdup(list);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if ((bit = role_parse(tok)) == 0) {
			fprintf(stderr, "lbcare user: unknown role '%s'\n", tok);
			rc = -1;
		}
		*out |= bit;
	}
	free(copy);
	return (rc);
}

static int
parse_opts(int argc, char **argv, struct user_opts *o)
{
	int	i;

	memset(o, 0, sizeof(*o));
	o->scope = "";
	for (i = 2; i < argc; i++) {
		if (argv[i][0] != '-' && o->login == NULL) {
			o->login = argv[i];
			continue;
		}
		if (i + 1 >= argc)
			return (-1);
		if (strcmp(argv[i], "--role") == 0) {
			o->role_codes = argv[i + 1];
			if (parse_roles(argv[++i], &o->roles) == -1)
				return (-1);
		} else if (strcmp(argv[i], "--project") == 0) {
			if (parse_int64(argv[++i], &o->project) == -1)
				return (-1);
		} else if (strcmp(argv[i], "--since") == 0)
			o->since = argv[++i];
		else if (strcmp(argv[i], "--until") == 0) {
			o->until = argv[++i];
		} else if (strcmp(argv[i], "--scope") == 0)
			o->scope = argv[++i];
		else if (strcmp(argv[i], "--name") == 0)
			o->name = argv[++i];
		else if (strcmp(argv[i], "--org") == 0) {
			if (parse_int64(argv[++i], &o->org_id) == -1)
				return (-1);
		} else
			return (-1);
	}
	return (o->login == NULL ? -1 : 0);
}

static int
read_password(char *pw, size_t len)
{
	const char	*env = getenv("LBCARE_PASSWORD");

	if (env != NULL) {
		snprintf(pw, len, "%s", env);
		return (0);
	}
	return (cli_read_secret("password: ", pw, len));
}

static int
list_users(struct store *db, struct err *e)
{
	struct stmt	*st;
	const struct role_info *ri;
	int		 rc, i;

	if ((st = store_prepare(db, "SELECT login, display_name, roles, "
	    "scope, disabled FROM users ORDER BY login", e)) == NULL)
		return (-1);
	while ((rc = stmt_step(st, e)) == 1) {
		printf("%-16s %-10s %-12s", stmt_text(st, 0),
		    stmt_int64(st, 4) ? "disabled" : "active",
		    *stmt_text(st, 3) ? stmt_text(st, 3) : "(all)");
		for (i = 0; i < ROLE__COUNT; i++) {
			ri = &role_table[i];
			if (stmt_int64(st, 2) & ri->bit)
				printf(" %s", ri->code);
		}
		printf("\n");
	}
	stmt_finalize(st);
	return (rc);
}

/*
 * A role in one project, through the declared resource, so it is
 * validated and audited like one made in the browser.
 */
static int
add_member(struct store *db, const struct user_opts *o, struct err *e)
{
	const struct actor	 sys = { 0, ROLE_ADMIN, "", 0, "cli" };
	struct arena		*a = arena_new();
	struct stmt		*st;
	json_t			*in, *rec = NULL;
	char			 today[11];
	int			 rc;

	if ((st = store_prepare(db, "SELECT id FROM users WHERE login = ?",
	    e)) == NULL)
		goto out;
	stmt_bind_text(st, 1, o->login);
	rc = stmt_step(st, e);
	if (rc == 0)
		err_setl(e, ERR_NOTFOUND, "login", "没有账号 %s",
		    "no account %s", o->login);
	time_today(today);
	in = rc != 1 ? NULL : json_pack("{s:I, s:I, s:s, s:s, s:s*}",
	    "user_id", (json_int_t)stmt_int64(st, 0), "project_id",
	    (json_int_t)o->project, "role", o->role_codes, "since",
	    o->since ? o->since : today, "until", o->until);
	stmt_finalize(st);
	if (in != NULL) {
		rec = resource_create(resource_find("memberships"), db, &sys,
		    in, a, e);
		json_decref(in);
	}
	if (rec != NULL)
		printf("membership %lld: %s is %s in project %lld\n",
		    (long long)json_integer_value(json_object_get(rec, "id")),
		    o->login, o->role_codes, (long long)o->project);
out:
	arena_free(a);
	if (rec == NULL)
		return (-1);
	json_decref(rec);
	return (0);
}

static int
user_do(struct app *app, struct store *db, int argc, char **argv,
    struct err *e)
{
	struct user_opts	 o;
	const char		*verb = argv[1];
	char			 pw[256];

	if (strcmp(verb, "list") == 0)
		return (list_users(db, e));
	if (parse_opts(argc, argv, &o) == -1)
		return (usage());
	if (strcmp(verb, "add") == 0) {
		if (o.roles == 0 || read_password(pw, sizeof(pw)) == -1)
			return (usage());
		return (auth_user_create(db, o.login, pw, o.name ? o.name :
		    o.login, o.roles, o.scope, o.org_id, app_pwcost(app),
		    e) == -1 ? -1 : 0);
	}
	if (strcmp(verb, "passwd") == 0) {
		if (read_password(pw, sizeof(pw)) == -1)
			return (usage());
		return (auth_user_set_password(db, o.login, pw,
		    app_pwcost(app), e));
	}
	if (strcmp(verb, "disable") == 0 || strcmp(verb, "enable") == 0)
		return (auth_user_set_disabled(db, o.login,
		    strcmp(verb, "disable") == 0, e));
	if (strcmp(verb, "role") == 0 && o.roles != 0)
		return (auth_user_set_roles(db, o.login, o.roles, o.scope, e));
	if (strcmp(verb, "member") == 0 && o.project > 0 &&
	    o.role_codes != NULL)
		return (add_member(db, &o, e));
	return (usage());
}

int
cmd_user_exec(struct app *app, int argc, char **argv)
{
	if (argc < 2)
		return (usage());
	return (cli_run_db(app, argc, argv, user_do));
}
