/*
 * roster_import.c - a children roster from a spreadsheet into the
 * registry: header mapping, cell conversion, row checks, matching and
 * the all-or-nothing write, with the survey form's household columns
 * (parents, caregiver) written after their child.  Readers are
 * core/csv.c and core/xlsx_read.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/csv.h"
#include "../core/date_loose.h"
#include "../core/sheet.h"
#include "../core/util.h"
#include "../core/xlsx_read.h"
#include "audit.h"
#include "checks.h"
#include "protect.h"
#include "roster_import.h"
#include "scope_ref.h"

/* The header is looked for in the first rows (a title may stand above). */
#define HEADER_SCAN	10

struct colmap {
	size_t		 col;
	int		 field;		/* index in the declaration */
	const char	*header;
};

/* A household column: the group (father, mother, caregiver) and field. */
struct hcol {
	size_t		 col;
	int		 group;
	int		 field;		/* index in the group's resource */
	const char	*header;
};

/* The resource and role of each import_group. */
static const struct hgroup {
	const char	*resource;
	const char	*role;		/* parents.role, or NULL */
	const char	*key;		/* prefix of field names in reports */
} hgroups[IMPORT_NGROUPS] = {
	{ "parents", "FATHER", "father" },
	{ "parents", "MOTHER", "mother" },
	{ "caregivers", NULL, "caregiver" },
};

/* created, updated, unchanged */
struct hcount {
	int64_t	 n[3];
};

struct import {
	const struct resource	*r;
	struct store		*db;
	const struct actor	*ac;
	struct arena		*a;	/* the whole import */
	struct arena		*ra;	/* one row, reset between rows */
	struct sheet		 sh;
	struct colmap		 map[SHEET_MAX_COLS];
	size_t			 nmap;
	const struct resource	*hr[IMPORT_NGROUPS];
	struct hcol		 hmap[SHEET_MAX_COLS];
	size_t			 nhmap;
	struct hcount		 parents, caregivers;
	json_t			*report, *problems;
	int64_t			 nproblems;
	int64_t			 created, updated, unchanged, rejected;
	/* Keys seen in this file -> first line, for duplicate rows. */
	struct seen {
		char	*key;
		int	 line;
	}			*seen;
	size_t			 nseen, capseen;
	int			 f_id, f_birth, f_sex;
	struct stmt		*st_bidx, *st_nbv, *st_parent, *st_carer;
};

const char *
import_mask(const char *v, struct arena *a)
{
	size_t	n = strlen(v), i;
	char	*m;

	/* Only ASCII codes (ID numbers) keep their ends; text is hidden. */
	for (i = 0; i < n; i++)
		if ((unsigned char)v[i] >= 0x80)
			return ("***");
	if (n < 8)
		return ("***");
	m = arena_strdup(a, v);
	for (i = 4; i + 2 < n; i++)
		m[i] = '*';
	return (m);
}

/* Header text compared: spaces, '*' marks and "(必填)" dropped. */
static char *
norm_header(const char *h, struct arena *a)
{
	char		*out = arena_alloc(a, strlen(h) + 1), *w = out;
	const char	*p = h;

	while (*p != '\0') {
		if (*p == ' ' || *p == '\t' || *p == '*' || *p == '\r' ||
		    *p == '\n') {
			p++;
		} else if (strncmp(p, "\xE3\x80\x80", 3) == 0 ||	/* U+3000 */
		    strncmp(p, "\xEF\xBC\x8A", 3) == 0) {		/* ＊ */
			p += 3;
		} else if (strncmp(p, "\xEF\xBC\x88", 3) == 0) {	/* （ */
			*w++ = '(';
			p += 3;
		} else if (strncmp(p, "\xEF\xBC\x89", 3) == 0) {	/* ） */
			*w++ = ')';
			p += 3;
		} else {
			*w++ = (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p;
			p++;
		}
	}
	*w = '\0';
	if ((w = strstr(out, "(必填)")) != NULL)
		memmove(w, w + strlen("(必填)"), strlen(w + strlen("(必填)")) +
		    1);
	return (out);
}

static int
alias_match(const char *aliases, const char *h, struct arena *a)
{
	const char	*p = aliases, *bar;
	char		*one;

	while (p != NULL && *p != '\0') {
		bar = strchr(p, '|');
		one = arena_strndup(a, p, bar ? (size_t)(bar - p) : strlen(p));
		if (strcmp(norm_header(one, a), h) == 0)
			return (1);
		p = bar ? bar + 1 : NULL;
	}
	return (0);
}

/* The field a header names, or -1; *own set if it is the field's name. */
static int
header_field(const struct resource *r, const char *header, int *own,
    struct arena *a)
{
	const char	*h = norm_header(header, a);
	size_t		 i;
	int		 k;

	*own = 0;
	if (*h == '\0')
		return (-1);
	for (i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].name, h) == 0) {
			*own = 1;
			return ((int)i);
		}
	for (i = 0; i < import_ncolumns; i++)
		if (alias_match(import_columns[i].aliases, h, a) &&
		    (k = resource_field_index(r, import_columns[i].field)) !=
		    -1)
			return (k);
	for (i = 0; i < r->nfields; i++)
		if (strcmp(norm_header(r->fields[i].zh, a), h) == 0)
			return ((int)i);
	return (-1);
}

/* Bytes of s to show, at most max, not cutting a character. */
static size_t
utf8_prefix(const char *s, size_t max)
{
	size_t	n = strnlen(s, max + 1);

	if (n <= max)
		return (n);
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (n);
}

/* A problem; fname names the field in the report, NULL for none. */
static void
problem_at(struct import *im, int line, size_t col, const char *header,
    const char *fname, int sensitive, const char *value,
    const struct err *e)
{
	char			 cn[8] = "";
	json_t			*p;

	im->nproblems++;
	if (json_array_size(im->problems) >= IMPORT_MAX_PROBLEMS) {
		json_object_set_new(im->report, "problems_truncated",
		    json_true());
		return;
	}
	if (col != (size_t)-1)
		sheet_col_name(col, cn);
	if (value != NULL && sensitive)
		value = import_mask(value, im->ra);
	p = json_pack("{s:i, s:s, s:s, s:s, s:s}", "line", line, "column", cn,
	    "header", header ? header : "", "zh", e->msg_zh, "en", e->msg_en);
	if (e->msg_bo[0] != '\0')
		json_object_set_new(p, "bo", json_string(e->msg_bo));
	json_object_set_new(p, "field", fname ? json_string(fname) :
	    json_null());
	json_object_set_new(p, "value", value ? json_stringn(value,
	    utf8_prefix(value, 200)) : json_null());
	if (json_object_get(p, "value") == NULL)	/* not UTF-8 */
		json_object_set_new(p, "value", json_null());
	json_array_append_new(im->problems, p);
}

static void
problem(struct import *im, int line, size_t col, const char *header,
    int field, const char *value, const struct err *e)
{
	const struct field	*f = field >= 0 ? &im->r->fields[field] : NULL;

	problem_at(im, line, col, header, f ? f->name : NULL,
	    f && f->flags & FF_SENSITIVE, value, e);
}

static void
problem_err(struct import *im, int line, size_t col, const char *header,
    int field, const char *value, const struct err *e)
{
	problem(im, line, col, header, field, value, e);
}

static void
file_problem(struct import *im, const struct err *e)
{
	problem(im, 0, (size_t)-1, NULL, -1, NULL, e);
}

/* Map the header row h; returns the mapped count. */
static size_t
map_header(struct import *im, const struct sheet_row *h, int *own_all)
{
	size_t	c, k, n = 0;
	int	f, own;

	*own_all = 1;
	for (c = 0; c < h->ncells; c++) {
		if ((f = header_field(im->r, h->cells[c], &own, im->a)) == -1)
			continue;
		for (k = 0; k < n; k++)
			if (im->map[k].field == f)
				break;
		if (k < n)
			continue;	/* a second column for a field: ignored */
		im->map[n].col = c;
		im->map[n].field = f;
		im->map[n].header = h->cells[c];
		*own_all &= own;
		n++;
	}
	return (n);
}

static int
mapped(const struct import *im, int field)
{
	size_t	k;

	for (k = 0; k < im->nmap; k++)
		if (im->map[k].field == field)
			return (1);
	return (0);
}

/*
 * The required fields without a column.  Sex and birth date may be left
 * out when the ID number is there: they are read from it.
 */
static int
check_required(struct import *im, int line)
{
	const struct field	*f;
	struct err		 e;
	char			 zh[256] = "", en[256] = "";
	size_t			 i;
	int			 derivable;

	for (i = 0; i < im->r->nfields; i++) {
		f = &im->r->fields[i];
		if (!(f->flags & FF_REQUIRED) || f->flags & FF_READONLY ||
		    mapped(im, (int)i))
			continue;
		derivable = ((int)i == im->f_birth || (int)i == im->f_sex) &&
		    im->f_id >= 0 && mapped(im, im->f_id);
		if (derivable)
			continue;
		snprintf(zh + strlen(zh), sizeof(zh) - strlen(zh), "%s%s (%s)",
		    *zh ? "、" : "", f->zh, f->name);
		snprintf(en + strlen(en), sizeof(en) - strlen(en), "%s%s (%s)",
		    *en ? ", " : "", f->en, f->name);
	}
	if (*zh == '\0')
		return (0);
	err_setl(&e, ERR_INVALID, "file", "第 %d 行表头缺少必需的列：%s",
	    "the header on line %d lacks required columns: %s", line, zh);
	/* The English message lists the English labels. */
	snprintf(e.msg_en, sizeof(e.msg_en), "the header on line %d lacks "
	    "required columns: %s", line, en);
	problem(im, line, (size_t)-1, NULL, -1, NULL, &e);
	return (-1);
}

static int
find_header(struct import *im)
{
	size_t	i, n;
	int	own;

	for (i = 0; i < im->sh.nrows && i < HEADER_SCAN; i++) {
		if ((n = map_header(im, &im->sh.rows[i], &own)) < 2)
			continue;
		im->nmap = n;
		json_object_set_new(im->report, "header_line",
		    json_integer(im->sh.rows[i].line));
		json_object_set_new(im->report, "layout",
		    json_string(own ? "lbcare" : "survey_2016"));
		return ((int)i);
	}
	return (-1);
}

static char *
trim(const char *s, struct arena *a)
{
	size_t	n;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' ||
	    strncmp(s, "\xE3\x80\x80", 3) == 0)
		s += *s & 0x80 ? 3 : 1;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	while (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
		n -= 3;
	return (arena_strndup(a, s, n));
}

/* An enumeration cell: a word of import_words[], code, Chinese or
 * English label, or a unique beginning of a Chinese label ("汉" for
 * 汉族). */
static const char *
enum_cell(const struct enum_decl *d, const char *s)
{
	const char	*hit = NULL;
	size_t		 i, n = strlen(s);

	for (i = 0; i < import_nwords; i++)
		if (strcmp(import_words[i].enumeration, d->name) == 0 &&
		    strcmp(import_words[i].word, s) == 0)
			return (import_words[i].code);
	for (i = 0; i < d->nvalues; i++)
		if (strcasecmp(d->values[i].code, s) == 0 ||
		    strcmp(d->values[i].zh, s) == 0 ||
		    strcasecmp(d->values[i].en, s) == 0)
			return (d->values[i].code);
	if ((unsigned char)s[0] < 0x80)
		return (NULL);
	for (i = 0; i < d->nvalues; i++)
		if (strncmp(d->values[i].zh, s, n) == 0) {
			if (hit != NULL)
				return (NULL);
			hit = d->values[i].code;
		}
	return (hit);
}

static int
bool_cell(const char *s)
{
	static const char *const yes[] = { "是", "有", "√", "y", "yes",
		"true", "1" };
	static const char *const no[] = { "否", "无", "×", "n", "no", "false",
		"0" };
	size_t	i;

	for (i = 0; i < nitems(yes); i++)
		if (strcasecmp(s, yes[i]) == 0)
			return (1);
	for (i = 0; i < nitems(no); i++)
		if (strcasecmp(s, no[i]) == 0)
			return (0);
	return (-1);
}

/*
 * A cell's text to the JSON the declaration takes; NULL if it cannot.
 * Messages name the field by its label, each language by its own (the
 * English text is rewritten after err_setl() for that).
 */
static json_t *
cell_json(const struct field *f, const char *s, struct arena *a,
    struct err *e)
{
	const char	*code;
	char		 iso[11], *t, *end;
	int64_t		 n;
	double		 d;
	int		 b;

	switch (f->type) {
	case FT_DATE:
		if (date_loose(s, iso) == 0)
			return (json_string(iso));
		err_setl(e, ERR_INVALID, f->name,
		    "%s 不是可识别的日期 (如 2015-03-04、2015/3/4、"
		    "2015年3月4日、20150304)",
		    "%s is not a date we can read (e.g. 2015-03-04, "
		    "2015/3/4, 2015年3月4日, 20150304)", f->zh);
		snprintf(e->msg_en, sizeof(e->msg_en), "%s is not a date we "
		    "can read (e.g. 2015-03-04, 2015/3/4, 2015年3月4日, "
		    "20150304)", f->en);
		err_bo_label(e, f->zh);
		return (NULL);
	case FT_ENUM:
		if ((code = enum_cell(f->enumeration, s)) != NULL)
			return (json_string(code));
		err_setl(e, ERR_INVALID, f->name, "不是%s的有效代码或名称",
		    "not a valid code or label for %s", f->zh);
		snprintf(e->msg_en, sizeof(e->msg_en), "not a valid code or "
		    "label for %s", f->en);
		err_bo_label(e, f->zh);
		return (NULL);
	case FT_BOOL:
		if ((b = bool_cell(s)) != -1)
			return (json_boolean(b));
		err_setl(e, ERR_INVALID, f->name, "%s 应为“是”或“否”",
		    "%s must be yes or no", f->zh);
		snprintf(e->msg_en, sizeof(e->msg_en), "%s must be yes or no",
		    f->en);
		err_bo_label(e, f->zh);
		return (NULL);
	case FT_INT:
	case FT_REF:
		if (parse_int64(s, &n) == 0)
			return (json_integer(n));
		/* Spreadsheets store whole numbers as "3" or "3.0". */
		d = strtod(s, &end);
		if (end != s && *end == '\0' && d > -1e15 && d < 1e15 &&
		    d == (double)(int64_t)d)
			return (json_integer((int64_t)d));
		err_setl(e, ERR_INVALID, f->name, "%s 应为整数",
		    "%s must be a whole number", f->zh);
		snprintf(e->msg_en, sizeof(e->msg_en), "%s must be a whole "
		    "number", f->en);
		err_bo_label(e, f->zh);
		return (NULL);
	case FT_TEXT:
		break;
	}
	t = arena_strdup(a, s);
	/* An ID number's check character x is written X. */
	if (f->check == check_id_number && strlen(t) == 18 && t[17] == 'x')
		t[17] = 'X';
	return (json_string(t));
}

/* Where a field's column is: its map entry, or NULL. */
static const struct colmap *
field_col(const struct import *im, const char *name)
{
	int	f = resource_field_index(im->r, name);
	size_t	k;

	for (k = 0; k < im->nmap; k++)
		if (im->map[k].field == f)
			return (&im->map[k]);
	return (NULL);
}

/* A problem of the whole row, placed at the column err names. */
static void
row_problem(struct import *im, const struct sheet_row *row,
    const struct err *e)
{
	const struct colmap	*m = field_col(im, e->field);

	if (m == NULL)
		problem_err(im, row->line, (size_t)-1, NULL,
		    resource_field_index(im->r, e->field), NULL, e);
	else
		problem_err(im, row->line, m->col, m->header, m->field,
		    trim(sheet_cell(row, m->col), im->ra), e);
}

/* Cells into obj, each checked; returns how many were bad. */
static int
row_object(struct import *im, const struct sheet_row *row, json_t *obj,
    int *empty)
{
	const struct field	*f;
	struct value		 v;
	struct err		 e;
	json_t			*j;
	const char		*s, *id;
	char			 birth[11];
	size_t			 k;
	int			 bad = 0;

	*empty = 1;
	for (k = 0; k < im->nmap; k++) {
		f = &im->r->fields[im->map[k].field];
		s = trim(sheet_cell(row, im->map[k].col), im->ra);
		if (*s == '\0')
			continue;
		*empty = 0;
		if (f->flags & FF_READONLY)
			continue;	/* set by the server (export layout) */
		if ((j = cell_json(f, s, im->ra, &e)) == NULL ||
		    resource_validate_field(im->r, im->map[k].field, j, &v,
		    im->ra, &e) == -1) {
			problem_err(im, row->line, im->map[k].col,
			    im->map[k].header, im->map[k].field, s, &e);
			json_decref(j);
			bad++;
			continue;
		}
		json_object_set_new(obj, f->name, j);
	}
	/* The survey form may give only the ID number: it holds both. */
	if (bad == 0 && im->f_id >= 0 && (id = json_string_value(
	    json_object_get(obj, im->r->fields[im->f_id].name))) != NULL) {
		if (im->f_birth >= 0 && json_object_get(obj,
		    im->r->fields[im->f_birth].name) == NULL) {
			id_number_birth(id, birth);
			json_object_set_new(obj, im->r->fields[im->f_birth].name,
			    json_string(birth));
		}
		if (im->f_sex >= 0 && json_object_get(obj,
		    im->r->fields[im->f_sex].name) == NULL)
			json_object_set_new(obj, im->r->fields[im->f_sex].name,
			    json_string(id_number_sex(id) ? "M" : "F"));
	}
	return (bad);
}

static uint64_t
fnv(const char *s)
{
	uint64_t	h = 14695981039346656037ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (h);
}

/* The first line holding key, or 0 (and key remembered at line). */
static int
seen_add(struct import *im, const char *key, int line)
{
	struct seen	*old;
	size_t		 i, n;

	if (im->nseen * 2 >= im->capseen) {
		old = im->seen;
		n = im->capseen;
		im->capseen = n ? n * 2 : 1024;
		im->seen = xcalloc(im->capseen, sizeof(*im->seen));
		im->nseen = 0;
		for (i = 0; i < n; i++)
			if (old[i].key != NULL) {
				seen_add(im, old[i].key, old[i].line);
				free(old[i].key);
			}
		free(old);
	}
	for (i = fnv(key) & (im->capseen - 1); im->seen[i].key != NULL;
	    i = (i + 1) & (im->capseen - 1))
		if (strcmp(im->seen[i].key, key) == 0)
			return (im->seen[i].line);
	im->seen[i].key = xstrdup(key);
	im->seen[i].line = line;
	im->nseen++;
	return (0);
}

static const char *
obj_str(json_t *obj, const char *name)
{
	return (json_string_value(json_object_get(obj, name)));
}

/* A second row for the same child in this file is a problem. */
static int
duplicate(struct import *im, const struct sheet_row *row, json_t *obj)
{
	const char	*id = obj_str(obj, "id_number"), *nm = obj_str(obj,
			    "name"), *bd = obj_str(obj, "birth_date"),
			*vc = obj_str(obj, "village_code");
	struct err	 e;
	int		 first = 0;

	if (id != NULL)
		first = seen_add(im, arena_printf(im->ra, "id\x1f%s", id),
		    row->line);
	if (first == 0 && nm && bd && vc)
		first = seen_add(im, arena_printf(im->ra, "nbv\x1f%s\x1f%s\x1f%s",
		    nm, bd, vc), row->line);
	if (first == 0)
		return (0);
	err_setl(&e, ERR_INVALID, id != NULL ? "id_number" : "name",
	    "与第 %d 行是同一儿童 (重复行)",
	    "the same child as line %d (a duplicate row)", first);
	row_problem(im, row, &e);
	return (1);
}

static struct stmt *
prep(struct import *im, const char *sql, struct err *e)
{
	struct stmt	*st;

	if ((st = store_prepare(im->db, sql, e)) != NULL)
		arena_defer(im->a, stmt_finalize_v, st);
	return (st);
}

/*
 * The stored child this row is: by the ID number's blind index, else by
 * name, birth date and village (when the stored child has no other ID
 * number).  0 none, -1 error, -2 several (ambiguous).
 */
static int64_t
match(struct import *im, json_t *obj, struct err *e)
{
	const char	*id = obj_str(obj, "id_number"), *nm = obj_str(obj,
			    "name"), *bd = obj_str(obj, "birth_date"),
			*vc = obj_str(obj, "village_code");
	const char	*bidx = NULL;
	struct stmt	*st;
	int64_t		 found = 0;
	int		 rc, n = 0;

	if (id != NULL) {
		bidx = protect_index(id, arena_printf(im->ra, "%s.id_number",
		    im->r->name), im->ra);
		st = im->st_bidx;
		stmt_bind_text(st, 1, bidx);
		rc = stmt_step(st, e);
		found = rc == 1 ? stmt_int64(st, 0) : 0;
		stmt_reset(st);
		if (rc == -1)
			return (-1);
		if (found)
			return (found);
	}
	if (nm == NULL || bd == NULL || vc == NULL)
		return (0);
	st = im->st_nbv;
	stmt_bind_text(st, 1, nm);
	stmt_bind_text(st, 2, bd);
	stmt_bind_text(st, 3, vc);
	if (bidx != NULL) {
		stmt_bind_text(st, 4, bidx);
		stmt_bind_text(st, 5, bidx);
	} else {
		stmt_bind_null(st, 4);
		stmt_bind_null(st, 5);
	}
	while ((rc = stmt_step(st, e)) == 1) {
		found = stmt_int64(st, 0);
		n++;
	}
	stmt_reset(st);
	if (rc == -1)
		return (-1);
	return (n > 1 ? -2 : found);
}

static int
prepare_match(struct import *im, struct err *e)
{
	im->st_bidx = prep(im, arena_printf(im->a, "SELECT id FROM %s WHERE "
	    "id_number_bidx = ?", im->r->name), e);
	/* With an ID number in the row, a stored one must be absent or equal. */
	im->st_nbv = prep(im, arena_printf(im->a, "SELECT id FROM %s WHERE "
	    "name = ? AND birth_date = ? AND village_code = ? AND "
	    "(id_number_bidx IS NULL OR id_number_bidx = ? OR "
	    "CAST(? AS TEXT) IS NULL) "
	    "ORDER BY id LIMIT 2", im->r->name), e);
	return (im->st_bidx && im->st_nbv ? 0 : -1);
}

/* Whether the validated row differs from the stored one. */
static int
differs(const struct resource *r, const struct value *old,
    const struct value *nv)
{
	size_t	i;

	for (i = 0; i < r->nfields; i++) {
		if (old[i].isnull != nv[i].isnull || old[i].i != nv[i].i ||
		    (old[i].s == NULL) != (nv[i].s == NULL) ||
		    (old[i].s != NULL && strcmp(old[i].s, nv[i].s) != 0))
			return (1);
	}
	return (0);
}

/* Create or update the row's child; -1 only on a database failure. */
static int
row_write(struct import *im, const struct sheet_row *row, json_t *obj,
    int64_t *child, struct err *dbe)
{
	struct value	*old, *v;
	struct err	 e;
	json_t		*rec;
	int64_t		 id, rev;

	*child = 0;
	if ((id = match(im, obj, dbe)) == -1)
		return (-1);
	if (id == -2) {
		err_setl(&e, ERR_INVALID, "name",
		    "与多名已登记儿童的姓名、出生日期和居住村相同：请填写身份证号",
		    "matches several registered children by name, date of "
		    "birth and village: give the ID number");
		goto bad;
	}
	if (id == 0) {
		if ((rec = resource_create(im->r, im->db, im->ac, obj, im->ra,
		    &e)) == NULL)
			goto bad;
		*child = json_integer_value(json_object_get(rec, "id"));
		json_decref(rec);
		im->created++;
		return (0);
	}
	old = arena_alloc(im->ra, sizeof(*old) * im->r->nfields);
	v = arena_alloc(im->ra, sizeof(*v) * im->r->nfields);
	if (resource_load(im->r, im->db, id, old, &rev, im->ra, dbe) == -1)
		return (-1);
	if (!scope_ref_in_scope(im->r, im->db, im->ac, old, 1)) {
		err_setl(&e, ERR_FORBIDDEN, "id_number",
		    "与一名不在您工作范围内的已登记儿童相同，不能修改",
		    "matches a registered child outside your scope, whom you "
		    "may not change");
		goto bad;
	}
	if (resource_validate(im->r, obj, old, v, im->ra, &e) == -1)
		goto bad;
	if (!differs(im->r, old, v)) {
		*child = id;
		im->unchanged++;
		return (0);
	}
	if ((rec = resource_update(im->r, im->db, im->ac, id, rev, obj,
	    im->ra, &e)) == NULL)
		goto bad;
	json_decref(rec);
	*child = id;
	im->updated++;
	return (0);
bad:
	if (e.code == ERR_STORE || e.code == ERR_INTERNAL) {
		*dbe = e;
		return (-1);
	}
	row_problem(im, row, &e);
	im->rejected++;
	return (0);
}

/*
 * Household columns of the header row h (the survey form's father,
 * mother and caregiver columns), for cells no child field took.
 */
static void
map_household(struct import *im, const struct sheet_row *h)
{
	const struct import_household	*x;
	const char			*n;
	size_t				 c, i, k;
	int				 f;

	for (c = 0; c < h->ncells; c++) {
		for (k = 0; k < im->nmap; k++)
			if (im->map[k].col == c)
				break;
		if (k < im->nmap)
			continue;
		n = norm_header(h->cells[c], im->a);
		for (i = 0; i < import_nhousehold; i++) {
			x = &import_household[i];
			if (!alias_match(x->aliases, n, im->a) ||
			    (f = resource_field_index(im->hr[x->group],
			    x->field)) == -1)
				continue;
			for (k = 0; k < im->nhmap; k++)
				if (im->hmap[k].group == (int)x->group &&
				    im->hmap[k].field == f)
					break;
			if (k < im->nhmap)
				break;	/* a second column: ignored */
			im->hmap[im->nhmap++] = (struct hcol){ c,
			    (int)x->group, f, h->cells[c] };
			break;
		}
	}
}

static const char *
hfield_name(struct import *im, int group, const char *field)
{
	return (arena_printf(im->ra, "%s.%s", hgroups[group].key, field));
}

static int
hsensitive(struct import *im, int group, int field)
{
	return ((im->hr[group]->fields[field].flags & FF_SENSITIVE) != 0);
}

/*
 * The household cells of row into obj[group] (NULL when a group's cells
 * are all empty), each converted and checked; returns how many were bad.
 */
static int
household_objects(struct import *im, const struct sheet_row *row,
    json_t *obj[IMPORT_NGROUPS])
{
	const struct resource	*r;
	const struct hcol	*m;
	struct value		 v;
	struct err		 e;
	json_t			*j;
	const char		*s;
	size_t			 k;
	int			 bad = 0;

	for (k = 0; k < IMPORT_NGROUPS; k++)
		obj[k] = NULL;
	for (k = 0; k < im->nhmap; k++) {
		m = &im->hmap[k];
		r = im->hr[m->group];
		s = trim(sheet_cell(row, m->col), im->ra);
		if (*s == '\0')
			continue;
		if ((j = cell_json(&r->fields[m->field], s, im->ra, &e)) ==
		    NULL || resource_validate_field(r, m->field, j, &v, im->ra,
		    &e) == -1) {
			problem_at(im, row->line, m->col, m->header,
			    hfield_name(im, m->group, r->fields[m->field].name),
			    hsensitive(im, m->group, m->field), s, &e);
			json_decref(j);
			bad++;
			continue;
		}
		if (obj[m->group] == NULL)
			obj[m->group] = json_object();
		json_object_set_new(obj[m->group], r->fields[m->field].name, j);
	}
	return (bad);
}

/* A problem of a household record, placed at the column err names. */
static void
household_problem(struct import *im, const struct sheet_row *row, int g,
    const struct err *e)
{
	const struct resource	*r = im->hr[g];
	int			 f = resource_field_index(r, e->field);
	size_t			 k;

	for (k = 0; k < im->nhmap; k++)
		if (im->hmap[k].group == g && im->hmap[k].field == f) {
			problem_at(im, row->line, im->hmap[k].col,
			    im->hmap[k].header, hfield_name(im, g, e->field),
			    hsensitive(im, g, f), trim(sheet_cell(row,
			    im->hmap[k].col), im->ra), e);
			return;
		}
	problem_at(im, row->line, (size_t)-1, NULL, f == -1 ? NULL :
	    hfield_name(im, g, e->field), 0, NULL, e);
}

/*
 * The stored record of group g for child: a parent by child and role,
 * a caregiver by child and name.  0 none, -1 error.
 */
static int64_t
household_match(struct import *im, int g, int64_t child, json_t *obj,
    struct err *e)
{
	struct stmt	*st;
	const char	*nm;
	int64_t		 found;
	int		 rc;

	if (hgroups[g].role != NULL) {
		st = im->st_parent;
		stmt_bind_int64(st, 1, child);
		stmt_bind_text(st, 2, hgroups[g].role);
	} else {
		if ((nm = obj_str(obj, "name")) == NULL)
			return (0);
		st = im->st_carer;
		stmt_bind_int64(st, 1, child);
		stmt_bind_text(st, 2, nm);
	}
	rc = stmt_step(st, e);
	found = rc == 1 ? stmt_int64(st, 0) : 0;
	stmt_reset(st);
	return (rc == -1 ? -1 : found);
}

/*
 * Create or update group g's record of child from obj, through the
 * declaration (validation, scope, audit); -1 only on a database failure.
 */
static int
household_write(struct import *im, const struct sheet_row *row, int g,
    int64_t child, json_t *obj, struct err *dbe)
{
	const struct resource	*r = im->hr[g];
	struct hcount		*hc = hgroups[g].role ? &im->parents :
				    &im->caregivers;
	struct value		*old, *v;
	struct err		 e;
	json_t			*rec;
	int64_t			 id, rev;

	/* The import route's roles are the children's; these are r's. */
	if (im->ac->user_id != 0 && !(im->ac->roles & r->write_roles)) {
		err_setl(&e, ERR_FORBIDDEN, "child_id",
		    "您的角色不能写入 %s", "your role may not write %s",
		    r->name);
		goto bad;
	}
	if ((id = household_match(im, g, child, obj, dbe)) == -1)
		return (-1);
	if (id == 0) {
		json_object_set_new(obj, "child_id", json_integer(child));
		if (hgroups[g].role != NULL)
			json_object_set_new(obj, "role",
			    json_string(hgroups[g].role));
		if ((rec = resource_create(r, im->db, im->ac, obj, im->ra,
		    &e)) == NULL)
			goto bad;
		json_decref(rec);
		hc->n[0]++;
		return (0);
	}
	old = arena_alloc(im->ra, sizeof(*old) * r->nfields);
	v = arena_alloc(im->ra, sizeof(*v) * r->nfields);
	if (resource_load(r, im->db, id, old, &rev, im->ra, dbe) == -1)
		return (-1);
	if (resource_validate(r, obj, old, v, im->ra, &e) == -1)
		goto bad;
	if (!differs(r, old, v)) {
		hc->n[2]++;
		return (0);
	}
	if ((rec = resource_update(r, im->db, im->ac, id, rev, obj, im->ra,
	    &e)) == NULL)
		goto bad;
	json_decref(rec);
	hc->n[1]++;
	return (0);
bad:
	if (e.code == ERR_STORE || e.code == ERR_INTERNAL) {
		*dbe = e;
		return (-1);
	}
	household_problem(im, row, g, &e);
	return (0);
}

static int
prepare_household(struct import *im, struct err *e)
{
	im->st_parent = prep(im, "SELECT id FROM parents WHERE child_id = ? "
	    "AND role = ? ORDER BY id LIMIT 1", e);
	im->st_carer = prep(im, "SELECT id FROM caregivers WHERE child_id = ? "
	    "AND name = ? ORDER BY id LIMIT 1", e);
	return (im->st_parent && im->st_carer ? 0 : -1);
}

/* "C7" -> column 2, line 7; -1 if ref is not a cell reference. */
static int
cell_of(const char *ref, size_t *col, int *line)
{
	size_t	c = 0;
	int	n = 0;

	if (*ref < 'A' || *ref > 'Z')
		return (-1);
	for (; *ref >= 'A' && *ref <= 'Z' && c <= SHEET_MAX_COLS; ref++)
		c = c * 26 + (size_t)(*ref - 'A' + 1);
	if (*ref < '1' || *ref > '9')
		return (-1);
	for (; *ref >= '0' && *ref <= '9' && n <= SHEET_MAX_ROWS; ref++)
		n = n * 10 + (*ref - '0');
	if (*ref != '\0' || c > SHEET_MAX_COLS || n > SHEET_MAX_ROWS)
		return (-1);
	*col = c - 1;
	*line = n;
	return (0);
}

static int
read_file(struct import *im, const void *data, size_t len)
{
	struct err	e;
	size_t		col;
	int		rc, line;

	if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) ==
	    0) {
		err_setl(&e, ERR_INVALID, "file",
		    "不支持旧版 Excel (.xls) 文件：请另存为 .xlsx 或 CSV",
		    "old Excel (.xls) files are not read: save the sheet as "
		    ".xlsx or CSV");
		file_problem(im, &e);
		return (-1);
	}
	if (xlsx_sniff(data, len)) {
		json_object_set_new(im->report, "format", json_string("xlsx"));
		rc = xlsx_read(data, len, &im->sh, &e);
	} else {
		json_object_set_new(im->report, "format", json_string("csv"));
		rc = csv_read(data, len, &im->sh, &e);
	}
	if (rc == -1) {
		/* A cell the reader refused ("C7", a formula): point at it. */
		if (cell_of(e.field, &col, &line) == 0)
			problem(im, line, col, NULL, -1, NULL, &e);
		else
			file_problem(im, &e);
		return (-1);
	}
	json_object_set_new(im->report, "encoding",
	    json_string(im->sh.encoding));
	return (0);
}

static void
list_columns(struct import *im, const struct sheet_row *h)
{
	json_t	*cols = json_array(), *ign = json_array();
	char	 cn[8];
	size_t	 c, k;

	for (c = 0; c < h->ncells; c++) {
		sheet_col_name(c, cn);
		for (k = 0; k < im->nmap; k++)
			if (im->map[k].col == c)
				break;
		if (k == im->nmap) {
			for (k = 0; k < im->nhmap; k++)
				if (im->hmap[k].col == c)
					break;
			if (k < im->nhmap) {
				json_array_append_new(cols, json_pack(
				    "{s:s, s:s, s:s}", "column", cn, "header",
				    h->cells[c], "field", hfield_name(im,
				    im->hmap[k].group, im->hr[im->hmap[k].group]->
				    fields[im->hmap[k].field].name)));
				continue;
			}
			if (h->cells[c][0] != '\0')
				json_array_append_new(ign, json_pack("{s:s, s:s}",
				    "column", cn, "header", h->cells[c]));
			continue;
		}
		json_array_append_new(cols, json_pack("{s:s, s:s, s:s}",
		    "column", cn, "header", h->cells[c], "field",
		    im->r->fields[im->map[k].field].name));
	}
	json_object_set_new(im->report, "columns", cols);
	json_object_set_new(im->report, "ignored_columns", ign);
}

/* Every data row: checked, then written inside the open transaction. */
static int
import_rows(struct import *im, size_t first, struct err *e)
{
	const struct sheet_row	*row;
	json_t			*obj, *hobj[IMPORT_NGROUPS];
	int64_t			 child, np, cr = 0, up = 0, un = 0;
	size_t			 i, g;
	int			 bad, empty, rc = 0, rows = 0;

	for (i = first; i < im->sh.nrows && rc == 0; i++) {
		row = &im->sh.rows[i];
		arena_reset(im->ra);
		obj = json_object();
		bad = row_object(im, row, obj, &empty);
		bad += household_objects(im, row, hobj);
		child = 0;
		if (!empty) {
			rows++;
			if (bad > 0 || duplicate(im, row, obj))
				im->rejected++;
			else {
				cr = im->created;
				up = im->updated;
				un = im->unchanged;
				rc = row_write(im, row, obj, &child, e);
			}
			/* The household follows its child, once written. */
			np = im->nproblems;
			for (g = 0; g < IMPORT_NGROUPS && rc == 0 &&
			    bad == 0 && child != 0; g++)
				if (hobj[g] != NULL)
					rc = household_write(im, row, (int)g,
					    child, hobj[g], e);
			if (rc == 0 && child != 0 && im->nproblems > np) {
				/* The row counts as rejected, not written. */
				im->created = cr;
				im->updated = up;
				im->unchanged = un;
				im->rejected++;
			}
		}
		for (g = 0; g < IMPORT_NGROUPS; g++)
			json_decref(hobj[g]);
		json_decref(obj);
	}
	arena_reset(im->ra);
	json_object_set_new(im->report, "rows", json_integer(rows));
	return (rc);
}

static void
finish(struct import *im, int dry_run, int committed)
{
	json_t	*rp = im->report;

	json_object_set_new(rp, "ok", json_boolean(im->nproblems == 0));
	json_object_set_new(rp, "dry_run", json_boolean(dry_run));
	json_object_set_new(rp, "committed", json_boolean(committed));
	json_object_set_new(rp, "created", json_integer(im->created));
	json_object_set_new(rp, "updated", json_integer(im->updated));
	json_object_set_new(rp, "unchanged", json_integer(im->unchanged));
	json_object_set_new(rp, "rejected", json_integer(im->rejected));
	json_object_set_new(rp, "problem_count", json_integer(im->nproblems));
	if (json_object_get(rp, "problems_truncated") == NULL)
		json_object_set_new(rp, "problems_truncated", json_false());
	if (json_object_get(rp, "rows") == NULL)
		json_object_set_new(rp, "rows", json_integer(0));
	json_object_set_new(rp, "parents", json_pack("{s:I, s:I, s:I}",
	    "created", (json_int_t)im->parents.n[0], "updated",
	    (json_int_t)im->parents.n[1], "unchanged",
	    (json_int_t)im->parents.n[2]));
	json_object_set_new(rp, "caregivers", json_pack("{s:I, s:I, s:I}",
	    "created", (json_int_t)im->caregivers.n[0], "updated",
	    (json_int_t)im->caregivers.n[1], "unchanged",
	    (json_int_t)im->caregivers.n[2]));
}

/* Counts only: never a value from the file. */
static const char *
audit_detail(struct import *im, int dry_run, int committed)
{
	return (arena_printf(im->a, "{\"dry_run\":%s,\"committed\":%s,"
	    "\"created\":%lld,\"updated\":%lld,\"unchanged\":%lld,"
	    "\"rejected\":%lld,\"parents\":[%lld,%lld,%lld],"
	    "\"caregivers\":[%lld,%lld,%lld]}", dry_run ? "true" : "false",
	    committed ? "true" : "false", (long long)im->created,
	    (long long)im->updated, (long long)im->unchanged,
	    (long long)im->rejected, (long long)im->parents.n[0],
	    (long long)im->parents.n[1], (long long)im->parents.n[2],
	    (long long)im->caregivers.n[0], (long long)im->caregivers.n[1],
	    (long long)im->caregivers.n[2]));
}

static void
import_free(struct import *im)
{
	size_t	i;

	for (i = 0; i < im->capseen; i++)
		free(im->seen[i].key);
	free(im->seen);
	sheet_free(&im->sh);
	arena_free(im->ra);
	arena_free(im->a);
}

json_t *
roster_import(struct store *db, const struct actor *ac, const void *data,
    size_t len, int dry_run, struct err *e)
{
	struct import	 im;
	struct err	 fe;
	json_t		*rp = NULL;
	int		 h, committed = 0;

	memset(&im, 0, sizeof(im));
	im.r = resource_find("children");
	im.db = db;
	im.ac = ac;
	im.a = arena_new();
	im.ra = arena_new();
	im.report = json_object();
	im.problems = json_array();
	json_object_set_new(im.report, "problems", im.problems);
	im.f_id = resource_field_index(im.r, "id_number");
	im.f_birth = resource_field_index(im.r, "birth_date");
	im.f_sex = resource_field_index(im.r, "sex");
	for (h = 0; h < IMPORT_NGROUPS; h++)
		im.hr[h] = resource_find(hgroups[h].resource);
	if (read_file(&im, data, len) == -1)
		goto done;
	if ((h = find_header(&im)) == -1) {
		err_setl(&fe, ERR_INVALID, "file",
		    "前 %d 行中找不到表头 (应有“姓名”“性别”“出生日期”等列)",
		    "no header row in the first %d rows (columns such as "
		    "name, sex, birth_date were expected)", HEADER_SCAN);
		file_problem(&im, &fe);
		goto done;
	}
	map_household(&im, &im.sh.rows[h]);
	list_columns(&im, &im.sh.rows[h]);
	if (check_required(&im, im.sh.rows[h].line) == -1)
		goto done;
	if (prepare_match(&im, e) == -1 || prepare_household(&im, e) == -1 ||
	    store_begin(db, e) == -1)
		goto fail;
	if (import_rows(&im, (size_t)h + 1, e) == -1) {
		store_rollback(db);
		goto fail;
	}
	if (dry_run || im.nproblems > 0) {
		store_rollback(db);
		/* What was tried is on record even when nothing was written. */
		if (audit_append_tx(db, ac, "import", im.r->name, 0,
		    audit_detail(&im, dry_run, 0), e) == -1)
			goto fail;
	} else if (audit_append(db, ac, "import", im.r->name, 0,
	    audit_detail(&im, dry_run, 1), e) == -1 ||
	    store_commit(db, e) == -1) {
		store_rollback(db);
		goto fail;
	} else
		committed = 1;
done:
	finish(&im, dry_run, committed);
	rp = im.report;
	im.report = NULL;
	import_free(&im);
	return (rp);
fail:
	json_decref(im.report);
	import_free(&im);
	return (NULL);
}
