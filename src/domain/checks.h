/*
 * checks.h - check characters and codes of the field: the resident ID
 * number (GB 11643, ISO 7064 MOD 11-2), the unified social credit code
 * (GB 32100, MOD 31), and 12-digit statistical division codes.
 *
 * Each check has the field-check signature of struct field: it returns 0
 * or -1 with an ERR_INVALID naming the field and the part that is wrong,
 * in Chinese and English.
 */
#ifndef LBCARE_CHECKS_H
#define LBCARE_CHECKS_H

#include "../core/err.h"

enum region_level {
	REGION_PROV,	/* 省 */
	REGION_PREF,	/* 市 */
	REGION_COUNTY,	/* 县 */
	REGION_TOWN,	/* 乡镇 */
	REGION_VILLAGE	/* 村居 */
};

int		 check_id_number(const char *, const char *field, struct err *);
int		 check_uscc(const char *, const char *field, struct err *);
int		 check_region_code(const char *, const char *field,
		    struct err *);

/* Check character for the first 17 characters (out: '0'..'9' or 'X'). */
char		 id_number_check_char(const char *first17);
/* Check character for the first 17 characters of a credit code. */
char		 uscc_check_char(const char *first17);
/* From a valid ID number: birth date "YYYY-MM-DD" into out[11]; sex 1 M, 2 F. */
void		 id_number_birth(const char *, char out[11]);
int		 id_number_sex(const char *);

/* Level of a valid 12-digit code, and its parent (out[13]; "" for a province). */
enum region_level region_level(const char *code);
void		 region_parent(const char *code, char out[13]);
/* The significant prefix: "63" for a province ... 12 digits for a village. */
void		 region_prefix(const char *code, char out[13]);
const char	*region_level_code(enum region_level);

#endif
