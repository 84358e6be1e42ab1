/*
 * csv.h - read a CSV file (RFC 4180: quoted cells, "" inside quotes,
 * line breaks inside quotes, CRLF or LF) into a sheet.
 *
 * Encoding: UTF-8 with or without a byte-order mark; when the bytes are
 * not valid UTF-8 they are taken as GB18030 (a superset of GBK, what
 * older Chinese Excel saves as "CSV") and converted with ICU.  The
 * delimiter is a comma, or a tab when the header line has more tabs than
 * commas (Excel's "text" export).  Rows whose cells are all empty are
 * skipped; each row keeps the physical line it starts on.
 */
#ifndef LBCARE_CSV_H
#define LBCARE_CSV_H

#include <stddef.h>

#include "err.h"
#include "sheet.h"

/* 0, or -1 with ERR_INVALID naming the line (sheet then holds nothing). */
int	 csv_read(const char *data, size_t len, struct sheet *, struct err *);
/* 1 if s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
int	 utf8_valid(const char *s, size_t len);

#endif
