/*
 * declare.h - shorthands for declaring a resource's fields (resource.h),
 * so that a declaration reads as a table: one line a field.  Used by the
 * files that declare resources, nowhere else.
 */
#ifndef LBCARE_DECLARE_H
#define LBCARE_DECLARE_H

#include "resource.h"

/* Text of lo..hi characters, with an optional check function. */
#define TEXT(n, fl, lo, hi, chk, zh, en) \
	{ n, FT_TEXT, fl, lo, hi, NULL, NULL, chk, zh, en }
/* A comma-separated list of codes of an enumeration ("POLICE,EDUCATION"). */
#define CODES(n, fl, e, lo, hi, zh, en) \
	{ n, FT_TEXT, fl, lo, hi, &(e), NULL, NULL, zh, en }
/* Text that must be the code of an existing row of another resource. */
#define CODEREF(n, fl, ref, chk, zh, en) \
	{ n, FT_TEXT, fl, 12, 12, NULL, ref, chk, zh, en }
#define ENUM(n, fl, e, zh, en) \
	{ n, FT_ENUM, fl, 0, 0, &(e), NULL, NULL, zh, en }
#define INT(n, fl, lo, hi, zh, en) \
	{ n, FT_INT, fl, lo, hi, NULL, NULL, NULL, zh, en }
#define DATE(n, fl, zh, en) \
	{ n, FT_DATE, fl, 0, 0, NULL, NULL, NULL, zh, en }
#define BOOL(n, fl, zh, en) \
	{ n, FT_BOOL, fl, 0, 1, NULL, NULL, NULL, zh, en }
/* The id of a row of another resource. */
#define REF(n, fl, ref, zh, en) \
	{ n, FT_REF, fl, 0, 0, NULL, ref, NULL, zh, en }
/* A field array and its length, for struct resource. */
#define FIELDS(a)	(a), sizeof(a) / sizeof((a)[0])

#endif
