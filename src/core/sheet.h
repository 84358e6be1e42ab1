/*
 * sheet.h - a table of text cells read from a spreadsheet file (CSV or
 * XLSX): rows of UTF-8 strings, each with the line (CSV) or row number
 * (XLSX) a person sees, so that every report can point at it.  Readers
 * (csv.c, xlsx_read.c) fill it; the caller frees it with sheet_free().
 */
#ifndef LBCARE_SHEET_H
#define LBCARE_SHEET_H

#include <stddef.h>

/* Bounds every reader enforces, so a hostile file cannot exhaust memory. */
#define SHEET_MAX_ROWS		1000000
#define SHEET_MAX_COLS		256
#define SHEET_MAX_CELL		65536	/* bytes */

struct sheet_row {
	int	  line;		/* 1-based, as the file's reader shows it */
	size_t	  ncells;
	char	**cells;	/* "" for an empty cell, never NULL */
};

struct sheet {
	struct sheet_row	*rows;
	size_t			 nrows, cap;
	const char		*encoding;	/* "UTF-8", "GB18030", "XLSX" */
};

void		 sheet_init(struct sheet *);
void		 sheet_free(struct sheet *);
/* Append an empty row; NULL past SHEET_MAX_ROWS. */
struct sheet_row *sheet_add_row(struct sheet *, int line);
/* Put a copy of len bytes at column col (0-based); -1 past the bounds. */
int		 sheet_set_cell(struct sheet_row *, size_t col, const char *,
		    size_t len);
/* The cell's text, "" when the row is shorter. */
const char	*sheet_cell(const struct sheet_row *, size_t col);
/* Column letters as spreadsheets show them: 0 -> "A", 27 -> "AB". */
void		 sheet_col_name(size_t col, char out[8]);

#endif
