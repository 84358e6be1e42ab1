/*
 * roster_export.c - children and the needs profile as sheets, for CSV
 * and XLSX downloads (core/sheet_write.h).
 */
#include <stdio.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/csv.h"
#include "../core/util.h"
#include "roster_export.h"

#define PAGE	500

static int
exported(const struct field *f)
{
	return (!(f->flags & (FF_READONLY | FF_SENSITIVE)));
}

static void
put_value(struct sheet_row *row, size_t col, json_t *j)
{
	char	num[32];

	if (json_is_string(j))
		sheet_set_cell(row, col, json_string_value(j),
		    json_string_length(j));
	else if (json_is_integer(j)) {
		snprintf(num, sizeof(num), "%lld",
		    (long long)json_integer_value(j));
		sheet_set_cell(row, col, num, strlen(num));
	} else if (json_is_boolean(j))
		sheet_set_cell(row, col, json_is_true(j) ? "true" : "false",
		    json_is_true(j) ? 4 : 5);
	else
		sheet_set_cell(row, col, "", 0);
}

int
roster_export_children(struct store *db, const struct actor *ac,
    const char *region, struct sheet *sh, struct err *e)
{
	const struct resource	*r = resource_find("children");
	struct sheet_row	*row;
	struct list_query	 lq;
	struct arena		*a;
	json_t			*page, *item;
	const char		*next;
	size_t			 i, k, col;
	int			 rc = -1;

	sheet_init(sh);
	row = sheet_add_row(sh, 1);
	for (i = 0, col = 0; i < r->nfields; i++)
		if (exported(&r->fields[i]))
			sheet_set_cell(row, col++, r->fields[i].name,
			    strlen(r->fields[i].name));
	memset(&lq, 0, sizeof(lq));
	lq.limit = PAGE;
	if (region != NULL && *region != '\0') {
		lq.filters[0].field = resource_field_index(r, "village_code");
		lq.filters[0].value = region;
		lq.nfilters = 1;
	}
	a = arena_new();
	for (;;) {
		arena_reset(a);
		if ((page = resource_list(r, db, ac, &lq, a, e)) == NULL)
			goto out;
		json_array_foreach(json_object_get(page, "items"), k, item) {
			if ((row = sheet_add_row(sh, (int)sh->nrows + 1)) ==
			    NULL) {
				json_decref(page);
				err_setl(e, ERR_INVALID, "region",
				    "超过 %d 行的上限", "more than %d rows",
				    SHEET_MAX_ROWS);
				goto out;
			}
			for (i = 0, col = 0; i < r->nfields; i++)
				if (exported(&r->fields[i]))
					put_value(row, col++, json_object_get(
					    item, r->fields[i].name));
		}
		next = json_string_value(json_object_get(page, "next_cursor"));
		if (next == NULL) {
			json_decref(page);
			break;
		}
		parse_int64(next, &lq.after);
		json_decref(page);
	}
	rc = 0;
out:
	arena_free(a);
	if (rc == -1)
		sheet_free(sh);
	return (rc);
}

int
roster_profile_sheet(const struct needs_profile *np, struct sheet *sh,
    struct err *e)
{
	struct buf	b;
	int		rc;

	buf_init(&b, 0);
	needs_profile_csv(np, &b);
	rc = csv_read(b.data, b.len, sh, e);
	buf_cleanup(&b);
	return (rc);
}
