/*
 * sheet_write.c - sheets to CSV and XLSX files.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "sheet_write.h"
#include "util.h"

void
sheet_write_csv(const struct sheet *s, struct buf *b)
{
	size_t	i, k;

	buf_puts(b, "\xEF\xBB\xBF");
	for (i = 0; i < s->nrows; i++) {
		for (k = 0; k < s->rows[i].ncells; k++) {
			if (k > 0)
				buf_putc(b, ',');
			buf_put_csv(b, s->rows[i].cells[k]);
		}
		buf_puts(b, "\r\n");
	}
}

/* A temporary file name beside path (mkstemp'd, 0600): "path.XXXXXX". */
static char *
temp_beside(const char *path, struct err *e)
{
	char	*t = xstrdup_printf("%s.XXXXXX", path);
	int	 fd;

	if ((fd = mkstemp(t)) == -1) {
		err_setl(e, ERR_INVALID, "file", "无法写入 %s",
		    "cannot write %s", path);
		free(t);
		return (NULL);
	}
	fchmod(fd, 0600);
	close(fd);
	return (t);
}

static int
finish_temp(char *tmp, const char *path, int ok, struct err *e)
{
	if (ok && rename(tmp, path) == 0) {
		free(tmp);
		return (0);
	}
	unlink(tmp);
	free(tmp);
	if (ok)
		err_setl(e, ERR_INVALID, "file", "无法写入 %s",
		    "cannot write %s", path);
	return (-1);
}

int
sheet_write_csv_file(const struct sheet *s, const char *path, struct err *e)
{
	struct buf	 b;
	FILE		*f;
	char		*tmp;
	int		 ok;

	if ((tmp = temp_beside(path, e)) == NULL)
		return (-1);
	buf_init(&b, 0);
	sheet_write_csv(s, &b);
	ok = (f = fopen(tmp, "wb")) != NULL &&
	    fwrite(b.data, 1, b.len, f) == b.len;
	if (f != NULL && fclose(f) != 0)
		ok = 0;
	buf_cleanup(&b);
	return (finish_temp(tmp, path, ok, e));
}

static int
write_book(const struct sheet *s, const char *file, const char *name,
    uint64_t numeric, struct err *e)
{
	lxw_workbook	*wb;
	lxw_worksheet	*ws;
	lxw_error	 rc;
	const char	*c;
	char		*end;
	double		 d;
	size_t		 i, k;

	if ((wb = workbook_new(file)) == NULL ||
	    (ws = workbook_add_worksheet(wb, name)) == NULL) {
		if (wb != NULL)
			workbook_close(wb);
		err_setl(e, ERR_INTERNAL, "file", "无法创建 XLSX 文件",
		    "cannot create the XLSX file");
		return (-1);
	}
	for (i = 0; i < s->nrows; i++)
		for (k = 0; k < s->rows[i].ncells; k++) {
			c = s->rows[i].cells[k];
			if (*c == '\0')
				continue;
			if (k < 64 && numeric & (1ULL << k) && i > 0) {
				d = strtod(c, &end);
				if (end != c && *end == '\0') {
					worksheet_write_number(ws,
					    (lxw_row_t)i, (lxw_col_t)k, d,
					    NULL);
					continue;
				}
			}
			worksheet_write_string(ws, (lxw_row_t)i, (lxw_col_t)k,
			    c, NULL);
		}
	if ((rc = workbook_close(wb)) != LXW_NO_ERROR) {
		err_setl(e, ERR_INTERNAL, "file", "写入 XLSX 失败: %s",
		    "writing the XLSX file failed: %s", lxw_strerror(rc));
		return (-1);
	}
	return (0);
}

int
sheet_write_xlsx(const struct sheet *s, const char *path, const char *name,
    uint64_t numeric, struct err *e)
{
	char	*tmp;

	if ((tmp = temp_beside(path, e)) == NULL)
		return (-1);
	return (finish_temp(tmp, path, write_book(s, tmp, name, numeric,
	    e) == 0, e));
}

int
sheet_xlsx_bytes(const struct sheet *s, const char *name, uint64_t numeric,
    struct buf *b, struct err *e)
{
	const char	*dir = getenv("TMPDIR");
	char		*tmp, chunk[65536];
	FILE		*f;
	size_t		 n;
	int		 fd, rc = -1;

	tmp = xstrdup_printf("%s/lbcare-xlsx.XXXXXX", dir && *dir ? dir :
	    "/tmp");
	if ((fd = mkstemp(tmp)) == -1) {
		err_setl(e, ERR_INTERNAL, "file", "无法创建临时文件",
		    "cannot create a temporary file");
		free(tmp);
		return (-1);
	}
	close(fd);
	if (write_book(s, tmp, name, numeric, e) == 0 &&
	    (f = fopen(tmp, "rb")) != NULL) {
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_append(b, chunk, n);
		rc = ferror(f) || b->failed ? -1 : 0;
		fclose(f);
		if (rc == -1)
			err_setl(e, ERR_INTERNAL, "file", "读取临时文件失败",
			    "reading the temporary file failed");
	}
	unlink(tmp);
	free(tmp);
	return (rc);
}
