/*
 * test_sheet.c - the spreadsheet readers and writers under the roster
 * import: CSV quoting, BOM, GBK, delimiters and malformed input; typed
 * dates; XLSX written here with libxlsxwriter and read back (shared and
 * inline strings, numbers, row numbers), formula refusal, and damaged
 * packages (truncated zip, random bytes, old .xls).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/date_loose.h"
#include "core/sheet.h"
#include "core/sheet_write.h"
#include "core/xlsx_read.h"

static struct sheet	sh;

static void
down(void)
{
	sheet_free(&sh);
}

TestSuite(sheet, .fini = down);

static int
csv(const char *s)
{
	struct err	e;
	int		rc = csv_read(s, strlen(s), &sh, &e);

	if (rc == -1)
		cr_log_info("%s", e.msg_en);
	return (rc);
}

Test(sheet, csv_quoting_and_line_numbers)
{
	cr_assert(csv("a,\"b,1\",\"say \"\"hi\"\"\"\r\n"
	    "\"two\nlines\",x\r\n\r\n,,\nlast,\"\"") == 0);
	cr_assert(eq(sz, sh.nrows, 3));
	cr_assert(eq(str, sh.rows[0].cells[1], "b,1"));
	cr_assert(eq(str, sh.rows[0].cells[2], "say \"hi\""));
	cr_assert(eq(str, sh.rows[1].cells[0], "two\nlines"));
	cr_assert(eq(int, sh.rows[1].line, 2));
	/* The empty lines are skipped but counted: "last" is on line 6. */
	cr_assert(eq(int, sh.rows[2].line, 6));
	cr_assert(eq(str, sh.rows[2].cells[0], "last"));
	cr_assert(eq(str, sh.rows[2].cells[1], ""));
	cr_assert(eq(str, (char *)sheet_cell(&sh.rows[2], 9), ""));
	cr_assert(eq(str, (char *)sh.encoding, "UTF-8"));
}

Test(sheet, csv_bom_tab_and_gbk)
{
	/* "姓名,性别" in GBK, then "张三,男". */
	static const char gbk[] = "\xD0\xD5\xC3\xFB,\xD0\xD4\xB1\xF0\n"
	    "\xD5\xC5\xC8\xFD,\xC4\xD0\n";

	cr_assert(csv("\xEF\xBB\xBF姓名,性别\n张三,男\n") == 0);
	cr_assert(eq(str, sh.rows[0].cells[0], "姓名"));
	sheet_free(&sh);
	cr_assert(csv("姓名\t性别\t备注\n张三\t男,x\t\n") == 0);
	cr_assert(eq(sz, sh.rows[0].ncells, 3));
	cr_assert(eq(str, sh.rows[1].cells[1], "男,x"));
	sheet_free(&sh);
	cr_assert(csv(gbk) == 0);
	cr_assert(eq(str, (char *)sh.encoding, "GB18030"));
	cr_assert(eq(str, sh.rows[0].cells[0], "姓名"));
	cr_assert(eq(str, sh.rows[1].cells[0], "张三"));
	cr_assert(eq(str, sh.rows[1].cells[1], "男"));
}

Test(sheet, csv_refusals)
{
	struct err	e;

	cr_assert(csv("a,\"open\nb,c\n") == -1);
	cr_assert(csv("a,b\"c\n") == -1);
	cr_assert(csv_read("a\0b", 3, &sh, &e) == -1);
	cr_assert(eq(str, e.field, "file"));
	/* Not UTF-8 and not GB18030 either (0xFF never starts a char). */
	cr_assert(csv_read("\xFF\xFF\xFF\x80", 4, &sh, &e) == -1);
	cr_assert(strstr(e.msg_en, "encoding") != NULL);
	cr_assert(eq(sz, sh.nrows, 0));
}

Test(sheet, utf8_validation)
{
	cr_assert(utf8_valid("张三 abc", strlen("张三 abc")));
	cr_assert(0 == utf8_valid("\xC0\xAF", 2));		/* overlong */
	cr_assert(0 == utf8_valid("\xED\xA0\x80", 3));	/* surrogate */
	cr_assert(0 == utf8_valid("\xE5\xBC", 2));		/* truncated */
	cr_assert(0 == utf8_valid("\xF4\x90\x80\x80", 4));	/* > U+10FFFF */
}

Test(sheet, dates_as_typed)
{
	static const struct {
		const char	*in, *out;
	} ok[] = {
		{ "2015-03-04", "2015-03-04" }, { "2015/3/4", "2015-03-04" },
		{ "2015.3.4", "2015-03-04" }, { "20150304", "2015-03-04" },
		{ "2015年3月4日", "2015-03-04" }, { "2015年03月04号",
		    "2015-03-04" }, { "42067", "2015-03-04" },
		{ "42067.0", "2015-03-04" }, { "2016-02-29", "2016-02-29" },
		{ "2015-03-04 00:00:00", "2015-03-04" }, { "61", "1900-03-01" },
	};
	static const char *const bad[] = { "2015-02-29", "2015/13/1",
		"20150230", "2015-3/4", "15-3-4", "2015年3月", "abc", "",
		"60", "2015-03-04x", "2015.3.4.5", "-1", "1e5" };
	char	out[11];
	size_t	i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		cr_assert(date_loose(ok[i].in, out) == 0, "%s", ok[i].in);
		cr_assert(eq(str, out, (char *)ok[i].out), "%s", ok[i].in);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_assert(date_loose(bad[i], out) == -1, "%s", bad[i]);
}

Test(sheet, column_names)
{
	char	n[8];

	sheet_col_name(0, n);
	cr_assert(eq(str, n, "A"));
	sheet_col_name(25, n);
	cr_assert(eq(str, n, "Z"));
	sheet_col_name(27, n);
	cr_assert(eq(str, n, "AB"));
}

/* The bytes of a workbook built by fill() with libxlsxwriter. */
static char *
book(void (*fill)(lxw_worksheet *), int constant_memory, size_t *len)
{
	lxw_workbook_options	 o = { 0 };
	lxw_workbook		*wb;
	char			 path[] = "/tmp/t_sheet_XXXXXX";
	FILE			*f;
	char			*p;
	long			 n;
	int			 fd;

	fd = mkstemp(path);
	cr_assert(fd != -1);
	close(fd);
	o.constant_memory = (uint8_t)constant_memory;
	o.tmpdir = "/tmp";
	wb = workbook_new_opt(path, &o);
	fill(workbook_add_worksheet(wb, "名单"));
	cr_assert(workbook_close(wb) == LXW_NO_ERROR);
	f = fopen(path, "rb");
	cr_assert(f != NULL);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = malloc((size_t)n);
	cr_assert(fread(p, 1, (size_t)n, f) == (size_t)n);
	fclose(f);
	unlink(path);
	*len = (size_t)n;
	return (p);
}

static void
fill_roster(lxw_worksheet *ws)
{
	worksheet_write_string(ws, 0, 0, "姓名", NULL);
	worksheet_write_string(ws, 0, 1, "出生日期", NULL);
	worksheet_write_string(ws, 0, 3, "年级", NULL);
	worksheet_write_string(ws, 1, 0, "张小梅", NULL);
	worksheet_write_number(ws, 1, 1, 42067, NULL);
	worksheet_write_number(ws, 1, 3, 3, NULL);
	worksheet_write_boolean(ws, 1, 4, 1, NULL);
	/* Row 4 in the sheet (index 3): row 3 is left empty. */
	worksheet_write_string(ws, 3, 0, "李 \"明\" & <b>", NULL);
	worksheet_write_string(ws, 3, 27, "AB4", NULL);
}

static void
fill_formula(lxw_worksheet *ws)
{
	worksheet_write_string(ws, 0, 0, "姓名", NULL);
	worksheet_write_number(ws, 6, 1, 1, NULL);
	worksheet_write_formula(ws, 6, 2, "=B7+1", NULL);
}

static void
check_roster(void)
{
	cr_assert(eq(sz, sh.nrows, 3));
	cr_assert(eq(str, (char *)sh.encoding, "XLSX"));
	cr_assert(eq(str, sh.rows[0].cells[0], "姓名"));
	cr_assert(eq(str, sh.rows[1].cells[0], "张小梅"));
	cr_assert(eq(str, sh.rows[1].cells[1], "42067"));
	cr_assert(eq(str, sh.rows[1].cells[3], "3"));
	cr_assert(eq(str, sh.rows[1].cells[4], "1"));
	cr_assert(eq(int, sh.rows[2].line, 4));
	cr_assert(eq(str, sh.rows[2].cells[0], "李 \"明\" & <b>"));
	cr_assert(eq(str, (char *)sheet_cell(&sh.rows[2], 27), "AB4"));
}

Test(sheet, xlsx_shared_and_inline_strings)
{
	struct err	 e;
	size_t		 len;
	char		*p;

	p = book(fill_roster, 0, &len);
	cr_assert(xlsx_sniff(p, len));
	cr_assert(xlsx_read(p, len, &sh, &e) == 0, "%s", e.msg_en);
	check_roster();
	sheet_free(&sh);
	free(p);
	/* constant_memory writes inline strings instead of shared ones. */
	p = book(fill_roster, 1, &len);
	cr_assert(xlsx_read(p, len, &sh, &e) == 0, "%s", e.msg_en);
	check_roster();
	free(p);
}

Test(sheet, xlsx_formula_refused)
{
	struct err	 e;
	size_t		 len;
	char		*p = book(fill_formula, 0, &len);

	cr_assert(xlsx_read(p, len, &sh, &e) == -1);
	cr_assert(eq(str, e.field, "C7"));
	cr_assert(strstr(e.msg_en, "cell C7 holds a formula") != NULL);
	cr_assert(strstr(e.msg_zh, "C7") != NULL);
	cr_assert(eq(sz, sh.nrows, 0));
	free(p);
}

Test(sheet, xlsx_damaged)
{
	struct err	 e;
	size_t		 len, cut;
	char		*p = book(fill_roster, 0, &len), rnd[4096];
	size_t		 i;

	for (cut = 4; cut < len; cut += len / 7) {
		cr_assert(xlsx_read(p, cut, &sh, &e) == -1, "cut at %zu", cut);
		cr_assert(eq(str, e.field, "file"));
	}
	srand(7);
	for (i = 0; i < sizeof(rnd); i++)
		rnd[i] = (char)rand();
	memcpy(rnd, "PK\003\004", 4);
	cr_assert(xlsx_read(rnd, sizeof(rnd), &sh, &e) == -1);
	cr_assert(strstr(e.msg_en, "damaged") != NULL);
	free(p);
}

Test(sheet, write_csv_and_xlsx_read_back)
{
	struct sheet	 out, back;
	struct sheet_row *r;
	struct buf	 b;
	struct err	 e;

	sheet_init(&out);
	r = sheet_add_row(&out, 1);
	sheet_set_cell(r, 0, "name", 4);
	sheet_set_cell(r, 1, "count", 5);
	r = sheet_add_row(&out, 2);
	sheet_set_cell(r, 0, "a,\"b\"", 6);
	sheet_set_cell(r, 1, "12", 2);
	buf_init(&b, 0);
	sheet_write_csv(&out, &b);
	cr_assert(eq(str, (char *)buf_cstr(&b),
	    "\xEF\xBB\xBFname,count\r\n\"a,\"\"b\"\"\",12\r\n"));
	buf_reset(&b);
	cr_assert(sheet_xlsx_bytes(&out, "t", 1ULL << 1, &b, &e) == 0);
	cr_assert(xlsx_read(b.data, b.len, &back, &e) == 0, "%s", e.msg_en);
	cr_assert(eq(str, back.rows[1].cells[0], "a,\"b\""));
	cr_assert(eq(str, back.rows[1].cells[1], "12"));
	sheet_free(&back);
	sheet_free(&out);
	buf_cleanup(&b);
}
