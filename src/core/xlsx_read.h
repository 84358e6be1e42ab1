/*
 * xlsx_read.h - read the first worksheet of an XLSX workbook (Office
 * Open XML, as Excel, WPS and LibreOffice save it) into a sheet: libzip
 * opens the package, expat reads xl/workbook.xml (the first sheet and
 * its relationship), xl/sharedStrings.xml and the sheet itself.
 *
 * Cells: shared strings, inline strings and formula-free text; numbers
 * as their stored text ("42068", "3"), booleans as "1"/"0".  A cell that
 * holds a formula is refused, naming it ("C7"): an import takes values a
 * person typed, not what a formula computed from other cells.  Rows keep
 * their number in the sheet.  Part sizes are bounded before they are
 * inflated.
 */
#ifndef LBCARE_XLSX_READ_H
#define LBCARE_XLSX_READ_H

#include <stddef.h>

#include "err.h"
#include "sheet.h"

/* Largest inflated part accepted (a zip bomb stops here). */
#define XLSX_MAX_PART	(256u * 1024 * 1024)

/* 0, or -1 with ERR_INVALID (sheet then holds nothing). */
int	 xlsx_read(const void *data, size_t len, struct sheet *, struct err *);
/* 1 if the bytes start like a zip archive (an XLSX file). */
int	 xlsx_sniff(const void *data, size_t len);

#endif
