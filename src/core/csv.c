/*
 * csv.c - CSV into a sheet, with the encoding guessed once for the whole
 * file: UTF-8 if it is valid UTF-8, else GB18030.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include "buf.h"
#include "csv.h"
#include "util.h"

int
utf8_valid(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0, n, k;
	unsigned		 c;

	while (i < len) {
		c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3;
		else
			return (0);
		if (i + n >= len)
			return (0);
		for (k = 1; k <= n; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return (0);
		/* Overlong three- and four-byte forms, surrogates, > U+10FFFF. */
		if ((c == 0xE0 && s[i + 1] < 0xA0) ||
		    (c == 0xED && s[i + 1] >= 0xA0) ||
		    (c == 0xF0 && s[i + 1] < 0x90) ||
		    (c == 0xF4 && s[i + 1] >= 0x90))
			return (0);
		i += n + 1;
	}
	return (1);
}

/* GB18030 bytes to UTF-8 (malloc'd); NULL if they are not GB18030. */
static char *
gb18030_to_utf8(const char *in, size_t len, size_t *outlen)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UConverter	*cv;
	UChar		*u;
	char		*out;
	int32_t		 nu, n8;

	if (len > (size_t)INT32_MAX / 4)
		return (NULL);
	if ((cv = ucnv_open("GB18030", &st)) == NULL || U_FAILURE(st))
		return (NULL);
	ucnv_setToUCallBack(cv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL,
	    &st);
	u = xmalloc((len + 1) * sizeof(UChar));
	nu = ucnv_toUChars(cv, u, (int32_t)len + 1, in, (int32_t)len, &st);
	ucnv_close(cv);
	if (U_FAILURE(st)) {
		free(u);
		return (NULL);
	}
	st = U_ZERO_ERROR;
	out = xmalloc((size_t)nu * 3 + 1);
	u_strToUTF8(out, nu * 3 + 1, &n8, u, nu, &st);
	free(u);
	if (U_FAILURE(st)) {
		free(out);
		return (NULL);
	}
	*outlen = (size_t)n8;
	return (out);
}

static char
pick_delimiter(const char *p, size_t len)
{
	size_t	i, commas = 0, tabs = 0;

	for (i = 0; i < len && p[i] != '\n' && p[i] != '\r'; i++) {
		if (p[i] == ',')
			commas++;
		else if (p[i] == '\t')
			tabs++;
	}
	return (tabs > commas ? '\t' : ',');
}

static int
row_empty(const struct sheet_row *r)
{
	size_t	i;

	for (i = 0; i < r->ncells; i++)
		if (r->cells[i][0] != '\0')
			return (0);
	return (1);
}

/* Forget the last row (all its cells empty). */
static void
drop_last(struct sheet *s)
{
	struct sheet_row	*r = &s->rows[--s->nrows];
	size_t			 i;

	for (i = 0; i < r->ncells; i++)
		free(r->cells[i]);
	free(r->cells);
}

static int
too_big(struct err *e, int line)
{
	err_setl(e, ERR_INVALID, "file",
	    "第 %d 行：行数、列数或单元格长度超过上限",
	    "line %d: too many rows or columns, or a cell too long", line);
	return (-1);
}

/* Parse UTF-8 text p[0..len) into s. */
static int
parse(const char *p, size_t len, struct sheet *s, struct err *e)
{
	struct sheet_row	*row = NULL;
	struct buf		 cell;
	size_t			 i = 0, col = 0;
	int			 line = 1, start = 1, quoted, rc = -1;
	char			 d = pick_delimiter(p, len), c;

	buf_init(&cell, 0);
	while (i < len) {
		if (row == NULL) {
			start = line;
			if ((row = sheet_add_row(s, line)) == NULL) {
				too_big(e, line);
				goto out;
			}
			col = 0;
		}
		buf_reset(&cell);
		quoted = 0;
		if (p[i] == '"') {
			quoted = 1;
			for (i++;; i++) {
				if (i >= len) {
					err_setl(e, ERR_INVALID, "file",
					    "第 %d 行：引号未闭合",
					    "line %d: a quoted cell is not "
					    "closed", start);
					goto out;
				}
				if (p[i] == '"') {
					if (i + 1 < len && p[i + 1] == '"') {
						buf_putc(&cell, '"');
						i++;
						continue;
					}
					i++;
					break;
				}
				if (p[i] == '\n' || (p[i] == '\r' &&
				    (i + 1 >= len || p[i + 1] != '\n')))
					line++;
				buf_putc(&cell, p[i]);
			}
		}
		/* Unquoted text, or what follows a closing quote. */
		while (i < len && p[i] != d && p[i] != '\n' && p[i] != '\r') {
			if (quoted || p[i] == '"') {
				err_setl(e, ERR_INVALID, "file",
				    "第 %d 行：引号位置不正确",
				    "line %d: a quote in the middle of a cell",
				    line);
				goto out;
			}
			buf_putc(&cell, p[i++]);
		}
		if (sheet_set_cell(row, col++, cell.data ? cell.data : "",
		    cell.len) == -1) {
			too_big(e, start);
			goto out;
		}
		if (i >= len)
			break;
		c = p[i++];
		if (c == d)
			continue;
		if (c == '\r' && i < len && p[i] == '\n')
			i++;
		line++;
		if (row_empty(row))
			drop_last(s);
		row = NULL;
	}
	if (row != NULL && row_empty(row))
		drop_last(s);
	rc = 0;
out:
	buf_cleanup(&cell);
	if (rc == -1)
		sheet_free(s);
	return (rc);
}

int
csv_read(const char *data, size_t len, struct sheet *s, struct err *e)
{
	char	*conv = NULL;
	size_t	 n;
	int	 rc;

	sheet_init(s);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (memchr(data, '\0', len) != NULL) {
		err_setl(e, ERR_INVALID, "file",
		    "文件含有空字节：不是 CSV 文本 (UTF-16 请另存为 UTF-8)",
		    "the file has NUL bytes: it is not CSV text (save UTF-16 "
		    "files as UTF-8)");
		return (-1);
	}
	if (!utf8_valid(data, len)) {
		if ((conv = gb18030_to_utf8(data, len, &n)) == NULL) {
			err_setl(e, ERR_INVALID, "file",
			    "文件编码无法识别：既不是 UTF-8 也不是 GBK/GB18030",
			    "unknown text encoding: neither UTF-8 nor "
			    "GBK/GB18030");
			return (-1);
		}
		s->encoding = "GB18030";
		data = conv;
		len = n;
	}
	rc = parse(data, len, s, e);
	free(conv);
	return (rc);
}
