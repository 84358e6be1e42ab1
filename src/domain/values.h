/*
 * values.h - value rules shared by the service records (visits,
 * referrals, mandatory reports): RFC 3339 date-times with their offset,
 * whole days added to a date, and a list of codes from one enumeration
 * kept as text ("POLICE,EDUCATION"), since a field holds one value.
 */
#ifndef LBCARE_VALUES_H
#define LBCARE_VALUES_H

#include <stdint.h>

#include "../core/err.h"
#include "resource.h"

/*
 * A field check (struct field.check): YYYY-MM-DDTHH:MM[:SS][.frac]
 * followed by Z or ±HH:MM, a real calendar time.  The offset is
 * required: "立即" is judged across devices in different zones.
 */
int	check_datetime(const char *, const char *field, struct err *);
/* Seconds since the epoch of a date-time check_datetime() accepts. */
int64_t	datetime_epoch(const char *);
/* date (YYYY-MM-DD) plus days into out[11]; -1 if date is malformed. */
int	date_add_days(const char *date, int days, char out[11]);
/*
 * s is a comma-separated list of codes of d, at least one, none twice;
 * ERR_INVALID naming field and the code at fault otherwise.
 */
int	code_list_check(const char *s, const struct enum_decl *d,
	    const char *field, struct err *);
/* Whether the code list s holds code. */
int	code_list_has(const char *s, const char *code);

#endif
