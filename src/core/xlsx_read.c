/*
 * xlsx_read.c - the first worksheet of an XLSX package, as text cells.
 * Each part is inflated whole (bounded) and parsed with expat; element
 * names are matched without their namespace prefix.
 */
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <zip.h>

#include "buf.h"
#include "util.h"
#include "xlsx_read.h"

int
xlsx_sniff(const void *data, size_t len)
{
	return (len >= 4 && memcmp(data, "PK\003\004", 4) == 0);
}

static void
bad(struct err *e, const char *what)
{
	err_setl(e, ERR_INVALID, "file", "XLSX 文件损坏或不完整 (%s)",
	    "the XLSX file is damaged or incomplete (%s)", what);
}

/* A part inflated into b; 0, 1 if absent, -1 on error. */
static int
read_part(zip_t *z, const char *name, struct buf *b, struct err *e)
{
	zip_stat_t	 st;
	zip_file_t	*f;
	char		 chunk[65536];
	zip_int64_t	 n;

	zip_stat_init(&st);
	if (zip_stat(z, name, 0, &st) == -1)
		return (1);
	if (!(st.valid & ZIP_STAT_SIZE) || st.size > XLSX_MAX_PART) {
		bad(e, name);
		return (-1);
	}
	if ((f = zip_fopen(z, name, 0)) == NULL) {
		bad(e, name);
		return (-1);
	}
	buf_init(b, XLSX_MAX_PART);
	while ((n = zip_fread(f, chunk, sizeof(chunk))) > 0)
		buf_append(b, chunk, (size_t)n);
	zip_fclose(f);
	if (n < 0 || b->failed) {
		buf_cleanup(b);
		bad(e, name);
		return (-1);
	}
	return (0);
}

static const char *
local(const char *name)
{
	const char	*c = strrchr(name, ':');

	return (c ? c + 1 : name);
}

static const char *
attr(const char **atts, const char *name)
{
	for (; atts[0] != NULL; atts += 2)
		if (strcmp(local(atts[0]), name) == 0)
			return (atts[1]);
	return (NULL);
}

/* Parse a part with the handlers; -1 (ERR_INVALID) on malformed XML. */
static int
parse_xml(const struct buf *b, void *ud, XML_StartElementHandler start,
    XML_EndElementHandler end, XML_CharacterDataHandler text,
    const char *name, int *stop, struct err *e)
{
	XML_Parser	p;
	int		ok;

	if ((p = XML_ParserCreate("UTF-8")) == NULL)
		fatalx("XML_ParserCreate");
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, start, end);
	if (text != NULL)
		XML_SetCharacterDataHandler(p, text);
	ok = XML_Parse(p, b->data ? b->data : "", (int)b->len, 1) ==
	    XML_STATUS_OK;
	if (!ok && (stop == NULL || !*stop))
		bad(e, name);
	XML_ParserFree(p);
	return (ok ? 0 : -1);
}

/* workbook.xml: the first sheet's relationship id. */
struct wb {
	char	rid[128];
};

static void
wb_start(void *ud, const char *el, const char **atts)
{
	struct wb	*w = ud;
	const char	*id;

	if (w->rid[0] == '\0' && strcmp(local(el), "sheet") == 0 &&
	    (id = attr(atts, "id")) != NULL)
		snprintf(w->rid, sizeof(w->rid), "%s", id);
}

static void
no_end(void *ud, const char *el)
{
	(void)ud;
	(void)el;
}

/* workbook.xml.rels: the target of that id. */
struct rels {
	const char	*rid;
	char		 target[256];
};

static void
rels_start(void *ud, const char *el, const char **atts)
{
	struct rels	*r = ud;
	const char	*id, *t;

	if (strcmp(local(el), "Relationship") == 0 &&
	    (id = attr(atts, "Id")) != NULL && strcmp(id, r->rid) == 0 &&
	    (t = attr(atts, "Target")) != NULL)
		snprintf(r->target, sizeof(r->target), "%s", t);
}

/* sharedStrings.xml: <si> of <t>, or of runs <r><t>; <rPh> skipped. */
struct sst {
	char		**s;
	size_t		  n, cap;
	struct buf	  cur;
	int		  in_t, in_rph;
};

static void
sst_start(void *ud, const char *el, const char **atts)
{
	struct sst	*t = ud;
	const char	*l = local(el);

	(void)atts;
	if (strcmp(l, "si") == 0)
		buf_reset(&t->cur);
	else if (strcmp(l, "rPh") == 0)
		t->in_rph = 1;
	else if (strcmp(l, "t") == 0 && !t->in_rph)
		t->in_t = 1;
}

static void
sst_end(void *ud, const char *el)
{
	struct sst	*t = ud;
	const char	*l = local(el);

	if (strcmp(l, "t") == 0)
		t->in_t = 0;
	else if (strcmp(l, "rPh") == 0)
		t->in_rph = 0;
	else if (strcmp(l, "si") == 0) {
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 256;
			t->s = xrealloc(t->s, t->cap * sizeof(*t->s));
		}
		t->s[t->n++] = xstrdup(buf_cstr(&t->cur));
	}
}

static void
sst_text(void *ud, const char *s, int len)
{
	struct sst	*t = ud;

	if (t->in_t)
		buf_append(&t->cur, s, (size_t)len);
}

/* The worksheet. */
struct ws {
	struct sheet		*sh;
	const struct sst	*sst;
	struct sheet_row	*row;
	struct buf		 val;
	char			 ref[16];
	char			 type[16];
	size_t			 col, next_col;
	int			 in_v, in_t, in_is, formula, stop;
	int			 next_row;
	struct err		*e;
	XML_Parser		 p;
};

/* "AB12" -> column 27, row 12; -1 if malformed. */
static int
cell_ref(const char *r, size_t *col, int *row)
{
	size_t	c = 0;
	long	n;
	char	*end;

	if (*r < 'A' || *r > 'Z')
		return (-1);
	for (; *r >= 'A' && *r <= 'Z'; r++) {
		c = c * 26 + (size_t)(*r - 'A' + 1);
		if (c > SHEET_MAX_COLS)
			return (-1);
	}
	n = strtol(r, &end, 10);
	if (end == r || *end != '\0' || n < 1 || n > SHEET_MAX_ROWS)
		return (-1);
	*col = c - 1;
	*row = (int)n;
	return (0);
}

static void
ws_fail(struct ws *w, int too_big)
{
	if (w->stop)
		return;
	w->stop = 1;
	if (too_big)
		err_setl(w->e, ERR_INVALID, "file",
		    "工作表第 %d 行：行数、列数或单元格长度超过上限",
		    "sheet row %d: too many rows or columns, or a cell too "
		    "long", w->row ? w->row->line : 0);
	else
		bad(w->e, "sheet");
	XML_StopParser(w->p, XML_FALSE);
}

static void
ws_start(void *ud, const char *el, const char **atts)
{
	struct ws	*w = ud;
	const char	*l = local(el), *r, *t;
	size_t		 col;
	int		 rn;

	if (w->stop)
		return;
	if (strcmp(l, "row") == 0) {
		r = attr(atts, "r");
		rn = r ? atoi(r) : w->next_row;
		if (rn < w->next_row || rn > SHEET_MAX_ROWS) {
			ws_fail(w, 0);
			return;
		}
		w->next_row = rn + 1;
		if ((w->row = sheet_add_row(w->sh, rn)) == NULL)
			ws_fail(w, 1);
		w->next_col = 0;
	} else if (strcmp(l, "c") == 0 && w->row != NULL) {
		r = attr(atts, "r");
		if (r != NULL) {
			if (cell_ref(r, &col, &rn) == -1) {
				ws_fail(w, 0);
				return;
			}
			snprintf(w->ref, sizeof(w->ref), "%s", r);
		} else {
			col = w->next_col;
			sheet_col_name(col, w->ref);
			snprintf(w->ref + strlen(w->ref), sizeof(w->ref) -
			    strlen(w->ref), "%d", w->row->line);
		}
		w->col = col;
		w->next_col = col + 1;
		t = attr(atts, "t");
		snprintf(w->type, sizeof(w->type), "%s", t ? t : "n");
		buf_reset(&w->val);
		w->formula = 0;
	} else if (strcmp(l, "f") == 0 && w->row != NULL)
		w->formula = 1;
	else if (strcmp(l, "v") == 0)
		w->in_v = 1;
	else if (strcmp(l, "is") == 0)
		w->in_is = 1;
	else if (strcmp(l, "t") == 0 && w->in_is)
		w->in_t = 1;
}

static void
ws_end(void *ud, const char *el)
{
	struct ws	*w = ud;
	const char	*l = local(el), *v;
	char		*end;
	long		 k;

	if (w->stop)
		return;
	if (strcmp(l, "v") == 0)
		w->in_v = 0;
	else if (strcmp(l, "t") == 0)
		w->in_t = 0;
	else if (strcmp(l, "is") == 0)
		w->in_is = 0;
	else if (strcmp(l, "row") == 0)
		w->row = NULL;
	else if (strcmp(l, "c") == 0 && w->row != NULL) {
		if (w->formula) {
			w->stop = 1;
			err_setl(w->e, ERR_INVALID, w->ref,
			    "单元格 %s 含有公式：请复制后“选择性粘贴为数值”再导入",
			    "cell %s holds a formula: copy the sheet and paste "
			    "it as values before importing", w->ref);
			XML_StopParser(w->p, XML_FALSE);
			return;
		}
		if (w->val.failed) {
			ws_fail(w, 1);
			return;
		}
		v = buf_cstr(&w->val);
		if (strcmp(w->type, "s") == 0) {
			k = strtol(v, &end, 10);
			if (end == v || *end != '\0' || k < 0 ||
			    (size_t)k >= w->sst->n) {
				ws_fail(w, 0);
				return;
			}
			v = w->sst->s[k];
		} else if (strcmp(w->type, "e") == 0)
			v = "";
		if (sheet_set_cell(w->row, w->col, v, strlen(v)) == -1)
			ws_fail(w, 1);
	}
}

static void
ws_text(void *ud, const char *s, int len)
{
	struct ws	*w = ud;

	if (!w->stop && (w->in_v || w->in_t))
		buf_append(&w->val, s, (size_t)len);
}

static int
read_sheet(zip_t *z, const char *path, const struct sst *sst,
    struct sheet *sh, struct err *e)
{
	struct ws	w;
	struct buf	b;
	XML_Parser	p;
	int		rc;

	if ((rc = read_part(z, path, &b, e)) != 0) {
		if (rc == 1)
			bad(e, path);
		return (-1);
	}
	memset(&w, 0, sizeof(w));
	w.sh = sh;
	w.sst = sst;
	w.e = e;
	w.next_row = 1;
	buf_init(&w.val, SHEET_MAX_CELL);
	if ((p = XML_ParserCreate("UTF-8")) == NULL)
		fatalx("XML_ParserCreate");
	w.p = p;
	XML_SetUserData(p, &w);
	XML_SetElementHandler(p, ws_start, ws_end);
	XML_SetCharacterDataHandler(p, ws_text);
	rc = XML_Parse(p, b.data ? b.data : "", (int)b.len, 1) ==
	    XML_STATUS_OK && !w.stop ? 0 : -1;
	if (rc == -1 && !w.stop)
		bad(e, path);
	XML_ParserFree(p);
	buf_cleanup(&w.val);
	buf_cleanup(&b);
	return (rc);
}

/* The first sheet's part name, e.g. "xl/worksheets/sheet1.xml". */
static int
first_sheet(zip_t *z, char *path, size_t len, struct err *e)
{
	struct wb	wb;
	struct rels	rl;
	struct buf	b;
	int		rc;

	memset(&wb, 0, sizeof(wb));
	memset(&rl, 0, sizeof(rl));
	if ((rc = read_part(z, "xl/workbook.xml", &b, e)) != 0) {
		if (rc == 1)
			err_setl(e, ERR_INVALID, "file",
			    "不是 XLSX 工作簿 (缺少 xl/workbook.xml)",
			    "not an XLSX workbook (no xl/workbook.xml)");
		return (-1);
	}
	rc = parse_xml(&b, &wb, wb_start, no_end, NULL, "workbook", NULL, e);
	buf_cleanup(&b);
	if (rc == -1)
		return (-1);
	rl.rid = wb.rid;
	if (wb.rid[0] != '\0' && read_part(z, "xl/_rels/workbook.xml.rels",
	    &b, e) == 0) {
		rc = parse_xml(&b, &rl, rels_start, no_end, NULL, "rels",
		    NULL, e);
		buf_cleanup(&b);
		if (rc == -1)
			return (-1);
	}
	if (rl.target[0] == '\0')
		snprintf(path, len, "xl/worksheets/sheet1.xml");
	else if (rl.target[0] == '/')
		snprintf(path, len, "%s", rl.target + 1);
	else
		snprintf(path, len, "xl/%s", rl.target);
	return (0);
}

int
xlsx_read(const void *data, size_t len, struct sheet *sh, struct err *e)
{
	zip_source_t	*src;
	zip_error_t	 ze;
	zip_t		*z = NULL;
	struct sst	 sst;
	struct buf	 b;
	char		 path[300];
	size_t		 i;
	int		 rc = -1, k;

	sheet_init(sh);
	sh->encoding = "XLSX";
	memset(&sst, 0, sizeof(sst));
	buf_init(&sst.cur, SHEET_MAX_CELL);
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, len, 0, &ze)) == NULL ||
	    (z = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		if (src != NULL)
			zip_source_free(src);
		bad(e, "zip");
		goto out;
	}
	if (first_sheet(z, path, sizeof(path), e) == -1)
		goto out;
	if ((k = read_part(z, "xl/sharedStrings.xml", &b, e)) == -1)
		goto out;
	if (k == 0) {
		k = parse_xml(&b, &sst, sst_start, sst_end, sst_text,
		    "sharedStrings", NULL, e);
		buf_cleanup(&b);
		if (k == -1)
			goto out;
	}
	rc = read_sheet(z, path, &sst, sh, e);
out:
	if (z != NULL)
		zip_discard(z);
	zip_error_fini(&ze);
	for (i = 0; i < sst.n; i++)
		free(sst.s[i]);
	free(sst.s);
	buf_cleanup(&sst.cur);
	if (rc == -1)
		sheet_free(sh);
	return (rc);
}
