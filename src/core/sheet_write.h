/*
 * sheet_write.h - a sheet (core/sheet.h) out as CSV or XLSX.
 *
 * CSV: UTF-8 with a byte-order mark (so Excel reads Chinese), RFC 4180
 * quoting, CRLF.  XLSX: libxlsxwriter, one worksheet, every cell a
 * string except the columns marked numeric (so codes and ID-like text
 * keep their digits); written to a temporary file beside the target and
 * renamed over it, mode 0600.
 */
#ifndef LBCARE_SHEET_WRITE_H
#define LBCARE_SHEET_WRITE_H

#include <stdint.h>

#include "buf.h"
#include "err.h"
#include "sheet.h"

void	 sheet_write_csv(const struct sheet *, struct buf *);
/* numeric: bit c set = column c is written as numbers where it parses. */
int	 sheet_write_xlsx(const struct sheet *, const char *path,
	    const char *sheet_name, uint64_t numeric, struct err *);
/* The XLSX bytes in b (through a temporary file, removed). */
int	 sheet_xlsx_bytes(const struct sheet *, const char *sheet_name,
	    uint64_t numeric, struct buf *b, struct err *);
/* CSV bytes to path, mode 0600, through a temporary file. */
int	 sheet_write_csv_file(const struct sheet *, const char *path,
	    struct err *);

#endif
