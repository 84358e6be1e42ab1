/*
 * sheet.c - the table of cells spreadsheet readers fill.
 */
#include <stdlib.h>
#include <string.h>

#include "sheet.h"
#include "util.h"

void
sheet_init(struct sheet *s)
{
	memset(s, 0, sizeof(*s));
	s->encoding = "UTF-8";
}

void
sheet_free(struct sheet *s)
{
	size_t	i, k;

	for (i = 0; i < s->nrows; i++) {
		for (k = 0; k < s->rows[i].ncells; k++)
			free(s->rows[i].cells[k]);
		free(s->rows[i].cells);
	}
	free(s->rows);
	s->rows = NULL;
	s->nrows = s->cap = 0;
}

struct sheet_row *
sheet_add_row(struct sheet *s, int line)
{
	struct sheet_row	*r;

	if (s->nrows == SHEET_MAX_ROWS)
		return (NULL);
	if (s->nrows == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->rows = xrealloc(s->rows, s->cap * sizeof(*s->rows));
	}
	r = &s->rows[s->nrows++];
	memset(r, 0, sizeof(*r));
	r->line = line;
	return (r);
}

int
sheet_set_cell(struct sheet_row *r, size_t col, const char *p, size_t len)
{
	char	*c;
	size_t	 i;

	if (col >= SHEET_MAX_COLS || len > SHEET_MAX_CELL)
		return (-1);
	if (col >= r->ncells) {
		r->cells = xrealloc(r->cells, (col + 1) * sizeof(*r->cells));
		for (i = r->ncells; i <= col; i++)
			r->cells[i] = xstrdup("");
		r->ncells = col + 1;
	}
	c = xmalloc(len + 1);
	memcpy(c, p, len);
	c[len] = '\0';
	free(r->cells[col]);
	r->cells[col] = c;
	return (0);
}

const char *
sheet_cell(const struct sheet_row *r, size_t col)
{
	return (col < r->ncells ? r->cells[col] : "");
}

void
sheet_col_name(size_t col, char out[8])
{
	char	tmp[8];
	size_t	n = 0, i;

	col++;
	while (col > 0 && n < sizeof(tmp) - 1) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}
