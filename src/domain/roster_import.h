/*
 * roster_import.h - a roster of children from a spreadsheet (CSV or
 * XLSX), checked row by row through the children declaration and
 * written all-or-nothing (docs/IMPORT.md).
 *
 * The header row is found among the first rows and its texts mapped to
 * child fields by import_columns[] (Chinese and English aliases, the
 * field's own name and label): the 2016 survey form (摸底排查) and
 * LBCare's own export layout both read.  Every cell is converted (dates
 * as typed, enumerations by code or label) and validated as the API
 * validates it; then the row as a whole (required fields, the ID
 * number's birth date and sex).  A row matching a stored child (same ID
 * number by its blind index, or same name, birth date and village)
 * updates it when something differs; otherwise it creates one, through
 * resource_create/resource_update (scope checked, audited).
 *
 * The survey form's household columns (import_household[]) create or
 * update the child's FATHER and MOTHER rows of parents (matched by child
 * and role) and its caregivers row (by child and name), the same way,
 * after the child.
 *
 * All rows are written in one transaction; any problem, or a dry run,
 * rolls everything back.  The report names every problem with its line,
 * column, the value (sensitive values masked) and what is wrong, in
 * Chinese and English.
 */
#ifndef LBCARE_ROSTER_IMPORT_H
#define LBCARE_ROSTER_IMPORT_H

#include <jansson.h>
#include <stddef.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"
#include "resource.h"

/* A column a roster may have: the child field and its header aliases. */
struct import_column {
	const char	*field;
	const char	*aliases;	/* '|'-separated, matched normalized */
};

/* import_columns.c: the mapping, one line a field. */
extern const struct import_column	import_columns[];
extern const size_t			import_ncolumns;

/*
 * The survey form's household columns: the father's and the mother's
 * situation (resource parents, by role) and the entrusted caregiver
 * (resource caregivers), each a field of that resource.
 */
enum import_group { IMPORT_FATHER, IMPORT_MOTHER, IMPORT_CAREGIVER,
	IMPORT_NGROUPS };

struct import_household {
	enum import_group	 group;
	const char		*field;
	const char		*aliases;	/* '|'-separated */
};

extern const struct import_household	import_household[];
extern const size_t			import_nhousehold;

/* A word people write for an enumeration's code ("奶奶" for GRANDPARENT_P). */
struct import_word {
	const char	*enumeration;	/* enum_decl name */
	const char	*word;
	const char	*code;
};

extern const struct import_word	import_words[];
extern const size_t		import_nwords;

/* Problems listed in one report at most; counts stay exact past it. */
#define IMPORT_MAX_PROBLEMS	10000

/*
 * Import the file data[0..len) (CSV or XLSX, told apart by its bytes) as
 * actor.  Returns the report (a new reference), whose "ok" is false when
 * the import was refused (nothing written); NULL with err only when the
 * database fails.
 *
 * {"ok", "dry_run", "committed", "format", "encoding", "layout",
 *  "header_line", "rows", "created", "updated", "unchanged", "rejected",
 *  "parents": {"created", "updated", "unchanged"}, "caregivers": {...},
 *  "columns": [{"column", "header", "field"}], "ignored_columns": [...],
 *  "problems": [{"line", "column", "header", "field", "value", "zh",
 *  "en"}], "problems_truncated"}
 */
json_t	*roster_import(struct store *, const struct actor *,
	    const void *data, size_t len, int dry_run, struct err *);

/* Mask a sensitive value for a report: "630105********123X". */
const char *import_mask(const char *value, struct arena *);

#endif
