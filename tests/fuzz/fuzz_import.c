/*
 * fuzz_import.c - libFuzzer harness for the roster readers: the bytes as
 * CSV (UTF-8 or GB18030) and as an XLSX package, and the first cell as a
 * typed date.  A success must give a sheet within the declared bounds,
 * every cell valid UTF-8 (CSV) and every date a valid ISO date.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/date_loose.h"
#include "core/sheet.h"
#include "core/util.h"
#include "core/xlsx_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check(const struct sheet *sh, int utf8)
{
	char	iso[11];
	size_t	i, k;

	if (sh->nrows > SHEET_MAX_ROWS)
		abort();
	for (i = 0; i < sh->nrows; i++) {
		if (sh->rows[i].ncells > SHEET_MAX_COLS)
			abort();
		for (k = 0; k < sh->rows[i].ncells; k++) {
			if (sh->rows[i].cells[k] == NULL)
				abort();
			if (utf8 && !utf8_valid(sh->rows[i].cells[k],
			    strlen(sh->rows[i].cells[k])))
				abort();
			if (date_loose(sh->rows[i].cells[k], iso) == 0 &&
			    date_valid(iso) == -1)
				abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet	sh;
	struct err	e;

	if (csv_read((const char *)data, size, &sh, &e) == 0) {
		check(&sh, 1);
		sheet_free(&sh);
	}
	if (xlsx_read(data, size, &sh, &e) == 0) {
		check(&sh, 0);
		sheet_free(&sh);
	}
	return (0);
}
