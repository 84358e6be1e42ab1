/*
 * retention.h - how long data is kept, as rules (DESIGN.md §5): each rule
 * names the rows that are due, how long they are kept and where that
 * period comes from, and whether they are deleted or anonymized.  The
 * rules are a const table in retention.c; `lbcare purge` runs them.
 */
#ifndef LBCARE_RETENTION_H
#define LBCARE_RETENTION_H

#include <stddef.h>
#include <stdint.h>

#include "../core/conf.h"
#include "../core/err.h"
#include "../store/store.h"

/* A child is an adult at 18 (民法典 Art. 17). */
#define RETAIN_ADULT_AGE	18
/* What an anonymized name reads. */
#define RETAIN_ANON_NAME	"已匿名"

enum retention_action {
	RETAIN_DELETE,		/* rows are deleted */
	RETAIN_ANONYMIZE	/* identifying values overwritten, audited */
};

enum retention_unit { RETAIN_HOURS, RETAIN_DAYS, RETAIN_YEARS };

/* What a rule's '?' parameters are, in order (0 ends the list). */
enum retention_param {
	RP_END,
	RP_EPOCH,	/* seconds since the epoch, now minus the period */
	RP_TIME,	/* "YYYY-MM-DDTHH:MM:SS" UTC, now minus the period */
	RP_ADULT	/* "YYYY-MM-DD": born on or before it is 18 or over */
};

struct retention_rule {
	const char		*name;		/* stable; printed, audited */
	const char		*zh, *en;	/* which rows, what happens */
	enum retention_action	 action;
	const char		*table;
	/*
	 * The period: a configuration option (conf_key >= 0), else the
	 * environment variable env within [min, max], else keep.
	 */
	int			 conf_key;
	const char		*env;
	int64_t			 keep, min, max;
	enum retention_unit	 unit;
	/* RETAIN_DELETE: SELECT COUNT(*); RETAIN_ANONYMIZE: SELECT id. */
	const char		*due_sql;
	enum retention_param	 params[4];
	/*
	 * RETAIN_DELETE: one statement, bound like due_sql.
	 * RETAIN_ANONYMIZE: statements run for each due row, each bound
	 * with (now as RFC 3339, the row's id).
	 */
	const char		*apply_sql[8];
	/*
	 * RETAIN_ANONYMIZE, or NULL: for a sealed NOT NULL column, which
	 * neither NULL nor a plain value would fit, one statement bound
	 * with (now, RETAIN_ANON_NAME sealed for seal_aad, the row's id).
	 */
	const char		*seal_sql;
	const char		*seal_aad;	/* "resource.field" */
	const char		*audit_detail;	/* JSON: field names only */
};

extern const struct retention_rule	retention_rules[];
extern const size_t			retention_nrules;

struct retention_result {
	int64_t		 rows;		/* due (dry run) or changed */
	int64_t		 keep;		/* the period applied, in its unit */
	const char	*source;	/* "config", "env" or "default" */
};

/* "hour" or "hours" (n != 1), "day(s)", "year(s)". */
const char	*retention_unit_name(enum retention_unit, int64_t n);

/*
 * Run every rule, in one transaction, or with dry_run only count the
 * rows each would change.  res[] has retention_nrules entries.  Each
 * anonymized row is audited ("anonymize", with the rule and the field
 * names); each rule that deleted rows is audited once ("purge", with the
 * count).  -1 with err set changes nothing: ERR_INVALID names an
 * environment variable out of bounds; ERR_STORE.
 */
int		 retention_run(struct store *, const struct conf *,
		    int dry_run, struct retention_result *res, struct err *);

#endif
