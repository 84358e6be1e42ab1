/*
 * conf.h - configuration as one table (tmux options_table, Redis
 * createIntConfig): name, type, bounds, default and help.  The same table
 * parses the file, the environment (LBCARE_<NAME>) and the flags
 * (--name VALUE), checks bounds, prints --help and `config show`.
 * Precedence: default < file < environment < flag.
 */
#ifndef LBCARE_CONF_H
#define LBCARE_CONF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "err.h"

enum conf_key {
	CONF_CONFIG,
	CONF_DB,
	CONF_LISTEN,
	CONF_PORT,
	CONF_THREADS,
	CONF_MAX_CONNECTIONS,
	CONF_MAX_BODY,
	CONF_MAX_HEADER,
	CONF_CONN_TIMEOUT,
	CONF_LOG_LEVEL,
	CONF_WEB_DIR,
	CONF_SESSION_IDLE,
	CONF_SESSION_MAX,
	CONF_PWHASH,
	CONF_LOGIN_MAX_FAILURES,
	CONF_LOGIN_WINDOW,
	CONF_PAGE_MAX,
	CONF_KEY_FILE,
	CONF_REFERRAL_REPLY_DAYS,
	CONF_MAX_UPLOAD,
	CONF_LB_AGE,
	CONF_LB_CUTOFF,
	CONF_LB_GROUNDS,
	CONF_MAX_IMPORT_BODY,
	CONF__COUNT
};

enum conf_type { CONF_T_INT, CONF_T_STR, CONF_T_ENUM };
enum conf_source { SRC_DEFAULT, SRC_FILE, SRC_ENV, SRC_FLAG };

struct conf_opt {
	const char	*name;
	enum conf_type	 type;
	int64_t		 min, max;
	const char	*choices;	/* CONF_T_ENUM: "a|b|c" */
	const char	*def;
	const char	*help;
};

struct conf {
	char			*val[CONF__COUNT];
	int64_t			 num[CONF__COUNT];
	enum conf_source	 src[CONF__COUNT];
};

extern const struct conf_opt conf_table[CONF__COUNT];

void		 conf_init(struct conf *);	/* defaults */
void		 conf_free(struct conf *);
/* Set one option by name from a source; checks type and bounds. */
int		 conf_set(struct conf *, const char *name, const char *value,
		    enum conf_source, struct err *);
int		 conf_load_file(struct conf *, const char *path, struct err *);
int		 conf_load_env(struct conf *, struct err *);
/*
 * Consume leading --name VALUE / --name=VALUE flags from argv starting at
 * *argi; stops at the first word that is not a flag.  Unknown flags are
 * errors.  If --config is given the file is loaded before other sources
 * are re-applied.
 */
int		 conf_load_args(struct conf *, int argc, char **argv, int *argi,
		    struct err *);
/* File, then environment, then flags: the usual startup sequence. */
int		 conf_load_all(struct conf *, int argc, char **argv, int *argi,
		    struct err *);
/* Index of the option called name[0..len), or -1. */
int		 conf_lookup(const char *name, size_t len);
const char	*conf_str(const struct conf *, enum conf_key);
int64_t		 conf_int(const struct conf *, enum conf_key);
void		 conf_print_help(FILE *);
void		 conf_print(const struct conf *, FILE *);

#endif
