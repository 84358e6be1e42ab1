/*
 * conf.c - the option table and its three sources.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "util.h"

#define MiB	(1024 * 1024)

const struct conf_opt conf_table[CONF__COUNT] = {
	[CONF_CONFIG] = { "config", CONF_T_STR, 0, 0, NULL, "",
	    "configuration file of key = value lines" },
	[CONF_DB] = { "db", CONF_T_STR, 0, 0, NULL, "lbcare.db",
	    "database: a SQLite file path, :memory:, or a postgresql:// URI" },
	[CONF_LISTEN] = { "listen", CONF_T_STR, 0, 0, NULL, "127.0.0.1",
	    "address to listen on" },
	[CONF_PORT] = { "port", CONF_T_INT, 1, 65535, NULL, "8080",
	    "TCP port to listen on" },
	[CONF_THREADS] = { "threads", CONF_T_INT, 1, 256, NULL, "4",
	    "HTTP worker threads (and database connections)" },
	[CONF_MAX_CONNECTIONS] = { "max-connections", CONF_T_INT, 1, 65536,
	    NULL, "1024", "concurrent connections before new ones are refused" },
	[CONF_MAX_BODY] = { "max-body", CONF_T_INT, 1024, 64 * MiB, NULL,
	    "1048576", "largest request body in bytes" },
	[CONF_MAX_HEADER] = { "max-header", CONF_T_INT, 4096, MiB, NULL,
	    "32768", "per-connection memory for request headers, bytes" },
	[CONF_CONN_TIMEOUT] = { "timeout", CONF_T_INT, 1, 3600, NULL, "30",
	    "idle connection timeout, seconds" },
	[CONF_LOG_LEVEL] = { "log-level", CONF_T_ENUM, 0, 0,
	    "debug|info|warn|error", "info", "lowest level logged" },
	[CONF_WEB_DIR] = { "web-dir", CONF_T_STR, 0, 0, NULL, "",
	    "serve the browser application from this folder instead of the "
	    "copy built into the binary" },
	[CONF_SESSION_IDLE] = { "session-idle", CONF_T_INT, 1, 24 * 60, NULL,
	    "30", "minutes of inactivity before a session ends" },
	[CONF_SESSION_MAX] = { "session-max", CONF_T_INT, 1, 24 * 7, NULL,
	    "12", "hours after sign-in before a session ends regardless" },
	[CONF_PWHASH] = { "pwhash", CONF_T_ENUM, 0, 0,
	    "moderate|interactive|min", "interactive",
	    "Argon2id cost (min is for tests only)" },
	[CONF_LOGIN_MAX_FAILURES] = { "login-max-failures", CONF_T_INT, 1, 100,
	    NULL, "5", "failed sign-ins per account or address per window" },
	[CONF_LOGIN_WINDOW] = { "login-window", CONF_T_INT, 1, 24 * 60, NULL,
	    "15", "minutes over which failed sign-ins are counted" },
	[CONF_PAGE_MAX] = { "page-max", CONF_T_INT, 1, 10000, NULL, "500",
	    "largest page a list request may ask for" },
	[CONF_KEY_FILE] = { "key-file", CONF_T_STR, 0, 0, NULL, "",
	    "data keys for protected fields (mode 0600; default: the SQLite "
	    "file's name + .key, or lbcare.key for PostgreSQL; created if "
	    "missing)" },
	[CONF_REFERRAL_REPLY_DAYS] = { "referral-reply-days", CONF_T_INT, 1,
	    90, NULL, "7", "days a partner has to answer a referral before "
	    "it is escalated" },
	[CONF_MAX_UPLOAD] = { "max-upload", CONF_T_INT, 1024, 256 * MiB, NULL,
	    "10485760", "largest uploaded evidence file in bytes (the body "
	    "limit of upload routes)" },
	/* The left-behind rule (domain/eligibility.c, DOMAIN.md §2.1). */
	[CONF_LB_AGE] = { "left-behind-age", CONF_T_INT, 1, 18, NULL, "16",
	    "a left-behind child is under this age at the cut-off date" },
	[CONF_LB_CUTOFF] = { "left-behind-cutoff", CONF_T_STR, 0, 0, NULL, "",
	    "date (YYYY-MM-DD) at which age is counted; empty: today" },
	[CONF_LB_GROUNDS] = { "left-behind-grounds", CONF_T_STR, 0, 0, NULL,
	    "BOTH_AWAY OTHER_ILLNESS OTHER_DISABILITY",
	    "grounds admitted: BOTH_AWAY and OTHER_ILLNESS, OTHER_DISABILITY, "
	    "OTHER_PRISON, OTHER_MISSING, OTHER_DECEASED, OTHER_INCAPABLE" },
	[CONF_MAX_IMPORT_BODY] = { "max-import-body", CONF_T_INT, 1024,
	    512 * MiB, NULL, "33554432", "largest spreadsheet uploaded to "
	    "an import route (signed-in callers only), bytes" },
};

int
conf_lookup(const char *name, size_t len)
{
	int	i;

	for (i = 0; i < CONF__COUNT; i++)
		if (strlen(conf_table[i].name) == len &&
		    strncmp(conf_table[i].name, name, len) == 0)
			return (i);
	return (-1);
}

static int
choice_ok(const char *choices, const char *v)
{
	const char	*p = choices, *bar;
	size_t		 n, vl = strlen(v);

	while (p != NULL && *p != '\0') {
		bar = strchr(p, '|');
		n = bar ? (size_t)(bar - p) : strlen(p);
		if (n == vl && strncmp(p, v, n) == 0)
			return (1);
		p = bar ? bar + 1 : NULL;
	}
	return (0);
}

static int
conf_assign(struct conf *c, int i, const char *v, enum conf_source src,
    struct err *e)
{
	const struct conf_opt	*o = &conf_table[i];
	int64_t			 n = 0;

	if (v == NULL) {
		err_set(e, ERR_INVALID, o->name, "%s: value missing", o->name);
		return (-1);
	}
	switch (o->type) {
	case CONF_T_INT:
		if (parse_int64(v, &n) == -1 || n < o->min || n > o->max) {
			err_set(e, ERR_INVALID, o->name,
			    "%s: '%s' is not a whole number from %lld to %lld",
			    o->name, v, (long long)o->min, (long long)o->max);
			return (-1);
		}
		break;
	case CONF_T_ENUM:
		if (!choice_ok(o->choices, v)) {
			err_set(e, ERR_INVALID, o->name,
			    "%s: '%s' is not one of %s", o->name, v,
			    o->choices);
			return (-1);
		}
		break;
	case CONF_T_STR:
		break;
	}
	free(c->val[i]);
	c->val[i] = xstrdup(v);
	c->num[i] = n;
	c->src[i] = src;
	return (0);
}

void
conf_init(struct conf *c)
{
	int	i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < CONF__COUNT; i++)
		if (conf_assign(c, i, conf_table[i].def, SRC_DEFAULT, NULL))
			fatalx("conf: bad default for %s", conf_table[i].name);
}

void
conf_free(struct conf *c)
{
	int	i;

	for (i = 0; i < CONF__COUNT; i++) {
		free(c->val[i]);
		c->val[i] = NULL;
	}
}

int
conf_set(struct conf *c, const char *name, const char *value,
    enum conf_source src, struct err *e)
{
	int	i;

	if ((i = conf_lookup(name, strlen(name))) == -1) {
		err_set(e, ERR_INVALID, name, "unknown option '%s'", name);
		return (-1);
	}
	return (conf_assign(c, i, value, src, e));
}

static char *
trim(char *s)
{
	char	*end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return (s);
}

int
conf_load_file(struct conf *c, const char *path, struct err *e)
{
	FILE	*f;
	char	 line[1024], *k, *v, *eq;
	int	 lineno = 0, rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		err_set(e, ERR_INVALID, "config", "%s: %s", path,
		    strerror(errno));
		return (-1);
	}
	while (rc == 0 && fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		k = trim(line);
		if (*k == '#' || *k == '\0')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			err_set(e, ERR_INVALID, "config",
			    "%s:%d: expected key = value", path, lineno);
			rc = -1;
			break;
		}
		*eq = '\0';
		k = trim(k);
		v = trim(eq + 1);
		if (strcmp(k, "config") == 0 ||
		    conf_set(c, k, v, SRC_FILE, e) == -1) {
			if (strcmp(k, "config") == 0)
				err_set(e, ERR_INVALID, "config",
				    "%s:%d: config cannot nest", path, lineno);
			else {
				char msg[sizeof(e->msg_en)];

				memcpy(msg, e->msg_en, sizeof(msg));
				err_set(e, ERR_INVALID, k, "%.80s:%d: %.160s",
				    path, lineno, msg);
			}
			rc = -1;
		}
	}
	fclose(f);
	return (rc);
}

int
conf_load_env(struct conf *c, struct err *e)
{
	char		 envname[64], *p;
	const char	*v;
	int		 i;

	for (i = 0; i < CONF__COUNT; i++) {
		snprintf(envname, sizeof(envname), "LBCARE_%s",
		    conf_table[i].name);
		for (p = envname; *p != '\0'; p++)
			*p = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
		if ((v = getenv(envname)) == NULL)
			continue;
		if (conf_assign(c, i, v, SRC_ENV, e) == -1)
			return (-1);
	}
	return (0);
}

int
conf_load_args(struct conf *c, int argc, char **argv, int *argi,
    struct err *e)
{
	const char	*a, *name, *eq, *v;
	size_t		 len;
	int		 i;

	while (*argi < argc) {
		a = argv[*argi];
		if (strncmp(a, "--", 2) != 0 || a[2] == '\0')
			break;
		name = a + 2;
		eq = strchr(name, '=');
		len = eq ? (size_t)(eq - name) : strlen(name);
		if ((i = conf_lookup(name, len)) == -1) {
			err_set(e, ERR_INVALID, "", "unknown option '--%.*s'",
			    (int)len, name);
			return (-1);
		}
		if (eq != NULL)
			v = eq + 1;
		else if (*argi + 1 < argc)
			v = argv[++*argi];
		else
			v = NULL;
		(*argi)++;
		if (conf_assign(c, i, v, SRC_FLAG, e) == -1)
			return (-1);
	}
	return (0);
}

int
conf_load_all(struct conf *c, int argc, char **argv, int *argi, struct err *e)
{
	int	start = *argi;

	/* Flags first to learn --config, then the file, env, flags again. */
	if (conf_load_env(c, e) == -1 ||
	    conf_load_args(c, argc, argv, argi, e) == -1)
		return (-1);
	if (*conf_str(c, CONF_CONFIG) != '\0') {
		if (conf_load_file(c, conf_str(c, CONF_CONFIG), e) == -1)
			return (-1);
		*argi = start;
		if (conf_load_env(c, e) == -1 ||
		    conf_load_args(c, argc, argv, argi, e) == -1)
			return (-1);
	}
	return (0);
}

const char *
conf_str(const struct conf *c, enum conf_key k)
{
	return (c->val[k]);
}

int64_t
conf_int(const struct conf *c, enum conf_key k)
{
	return (c->num[k]);
}

void
conf_print_help(FILE *f)
{
	const struct conf_opt	*o;
	char			 range[64];
	int			 i;

	fprintf(f, "Options (also LBCARE_<NAME> in the environment, or "
	    "name = value in --config FILE):\n");
	for (i = 0; i < CONF__COUNT; i++) {
		o = &conf_table[i];
		if (o->type == CONF_T_INT)
			snprintf(range, sizeof(range), "%lld..%lld",
			    (long long)o->min, (long long)o->max);
		else if (o->type == CONF_T_ENUM)
			snprintf(range, sizeof(range), "%s", o->choices);
		else
			snprintf(range, sizeof(range), "text");
		fprintf(f, "  --%-20s %s\n  %-22s [%s; default '%s']\n",
		    o->name, o->help, "", range, o->def);
	}
}

void
conf_print(const struct conf *c, FILE *f)
{
	static const char *const srcname[] = { "default", "file", "env",
	    "flag" };
	int	i;

	for (i = 0; i < CONF__COUNT; i++)
		fprintf(f, "%-20s = %-30s # %s\n", conf_table[i].name,
		    c->val[i], srcname[c->src[i]]);
}
