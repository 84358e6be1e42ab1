/*
 * idregion.c - the ID number's region part against the regions table
 * (idregion.h).  An ID keeps the county code of where it was issued,
 * even after the county is merged or renamed: add such a retired county
 * to the regions table and IDs issued there pass again.
 */
#include <stdio.h>
#include <string.h>

#include "idregion.h"

/* 1 if a region with a code LIKE pattern exists, 0 if not, -1 error. */
static int
exists(struct store *db, const char *sql, const char *arg, struct err *e)
{
	struct stmt	*st;
	int		 rc;

	if ((st = store_prepare(db, sql, e)) == NULL)
		return (-1);
	stmt_bind_text(st, 1, arg);
	rc = stmt_step(st, e);
	stmt_finalize(st);
	return (rc);
}

int
idregion_check(struct store *db, const char *id, const char *field,
    struct arena *a, struct err *e)
{
	char	code[13], pref[13];
	int	rc;

	if (id == NULL || strlen(id) < 6)
		return (0);	/* the field check has refused it already */
	snprintf(code, sizeof(code), "%.6s000000", id);
	if ((rc = exists(db, "SELECT 1 FROM regions WHERE code = ?", code,
	    e)) != 0)
		return (rc == 1 ? 0 : -1);
	/* The prefecture's counties are listed, and this is not one. */
	snprintf(pref, sizeof(pref), "%.4s%%", id);
	if ((rc = exists(db, "SELECT 1 FROM regions WHERE code LIKE ? AND "
	    "level = 'COUNTY'", pref, e)) == -1)
		return (-1);
	if (rc == 1) {
		err_setl(e, ERR_INVALID, field,
		    "地区码（第 1-6 位）%.6s 不是已知的县级行政区划",
		    "the region part (characters 1-6), %.6s, is not a known "
		    "county-level division", id);
		return (-1);
	}
	/* Prefectures of this province are listed: not this one. */
	snprintf(pref, sizeof(pref), "%.2s%%", id);
	if ((rc = exists(db, "SELECT 1 FROM regions WHERE code LIKE ? AND "
	    "level = 'PREF'", pref, e)) == -1)
		return (-1);
	snprintf(code, sizeof(code), "%.4s00000000", id);
	if (rc == 1 && (rc = exists(db, "SELECT 1 FROM regions WHERE code = ?",
	    code, e)) == 0) {
		err_setl(e, ERR_INVALID, field,
		    "地区码（第 1-6 位）%.6s 中的市级代码 %.4s "
		    "不是已知的行政区划",
		    "the region part (characters 1-6), %.6s, names a "
		    "prefecture %.4s that is not a known division", id, id);
		return (-1);
	}
	return (rc == -1 ? -1 : 0);
}
