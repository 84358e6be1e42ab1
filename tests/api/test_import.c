/*
 * test_import.c - the children roster import through the API and the
 * domain call: the 2016 survey form and LBCare's layout, dry run and
 * commit, all-or-nothing, every problem reported (sensitive values
 * masked), duplicates, re-import changes nothing, update matching by ID
 * number and by name + birth date + village, scope and role refusals,
 * media types, malformed files, the export round trip (CSV and XLSX),
 * the profile as XLSX and the upload body limit; the survey form's
 * household columns (parents, caregiver: created, updated, unchanged,
 * refused by line and column); on SQLite and PostgreSQL.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "core/buf.h"
#include "core/sheet_write.h"
#include "core/xlsx_read.h"
#include "domain/roster_export.h"
#include "domain/roster_import.h"
#include "t_app.h"

#define CT_CSV	"text/csv"
#define CT_XLSX	"application/vnd.openxmlformats-officedocument." \
		"spreadsheetml.sheet"
#define IMPORT	"/api/v1/imports/children"

static const struct actor t_sys = { 0, 0, "", 0, NULL };

static void
up(void)
{
	t_app_up();
}

TestSuite(import, .init = up, .fini = t_app_down, .timeout = 60);

/*
 * The survey form: a title row, Chinese headers, dates as typed, labels
 * for codes; row 3 gives only the ID number (sex and birth date are read
 * from it).  Children live in 甲村 and 乙村 (630105100201/202).
 */
static const char survey[] =
    "农村留守儿童摸底排查表,,,,,,,,\n"
    "序号,姓名,性别,出生日期,民族,公民身份号码,居住村(居),就学情况,是否寄宿,"
    "父母务工地点\n"
    "1,张小梅,女,2015年3月4日,汉,,630105100201,小学,是,广东\n"
    "2,李明,男,2015/3/4,回族,630105201503041230,630105100202,学前,否,\n"
    "3,赵六,,,藏族,630105201001011234,630105100201,小学,否,\n";

static struct res *
post(const char *query, const char *body, size_t len, const char *ct)
{
	return (t_call_b("POST", query, body, len, ct, NULL));
}

static struct res *
post_csv(const char *query, const char *body)
{
	return (post(query, body, strlen(body), CT_CSV));
}

/* A JSON boolean of the report: 1, 0, or -1 if not a boolean. */
static int
jbool(const struct res *res, const char *key)
{
	json_t	*j = json_object_get(t_json(res), key);

	return (json_is_boolean(j) ? json_is_true(j) : -1);
}

static long long
nchildren(void)
{
	return (t_sql_int("SELECT COUNT(*) FROM children"));
}

Test(import, survey_dry_run_then_commit)
{
	struct res	*res;

	t_login("countylead");
	res = post_csv(IMPORT "?dry_run=true", survey);
	cr_assert(eq(int, res->status, 200), "%s", res->body);
	cr_assert(eq(str, (char *)t_str(res, "layout"), "survey_2016"));
	cr_assert(eq(str, (char *)t_str(res, "format"), "csv"));
	cr_assert(eq(i64, t_int(res, "header_line"), 2));
	cr_assert(eq(i64, t_int(res, "rows"), 3));
	cr_assert(eq(i64, t_int(res, "created"), 3));
	cr_assert(eq(int, jbool(res, "committed"), 0));
	cr_assert(eq(int, jbool(res, "dry_run"), 1));
	/* 序号 and 父母务工地点 are not child fields: listed, not read. */
	cr_assert(eq(str, (char *)t_str(res, "ignored_columns/0/header"),
	    "序号"));
	cr_assert(eq(str, (char *)t_str(res, "ignored_columns/1/header"),
	    "父母务工地点"));
	cr_assert(eq(i64, nchildren(), 0));
	/* No dry_run is a dry run too. */
	res = post_csv(IMPORT, survey);
	cr_assert(eq(int, res->status, 200));
	cr_assert(eq(i64, nchildren(), 0));

	res = post_csv(IMPORT "?dry_run=false", survey);
	cr_assert(eq(int, res->status, 200), "%s", res->body);
	cr_assert(eq(int, jbool(res, "committed"), 1));
	cr_assert(eq(i64, t_int(res, "created"), 3));
	cr_assert(eq(i64, nchildren(), 3));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM children WHERE "
	    "name = '张小梅' AND sex = 'F' AND birth_date = '2015-03-04' AND "
	    "ethnicity = '01' AND schooling = 'PRIMARY' AND boarding = 1"), 1));
	/* Sex and birth date from the ID number; the number sealed. */
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM children WHERE "
	    "name = '赵六' AND sex = 'M' AND birth_date = '2010-01-01' AND "
	    "ethnicity = '04' AND id_number LIKE 'v1:%' AND "
	    "id_number_bidx IS NOT NULL"), 1));
	/* The dry runs and the import itself are on record, counts only. */
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'import' AND resource = 'children' AND detail LIKE "
	    "'{\"dry_run\":true,\"committed\":false,\"created\":3,%'"), 2));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'import' AND detail LIKE '%\"committed\":true%'"), 1));
	/* Each write audited as a create by the importing person. */
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'create' AND resource = 'children' AND user_id = "
	    "(SELECT id FROM users WHERE login = 'countylead')"), 3));
}

Test(import, reimport_changes_nothing_and_updates_match)
{
	struct res	*res;
	char		 changed[2048];

	t_login("countylead");
	cr_assert(eq(int, post_csv(IMPORT "?dry_run=false", survey)->status,
	    200));
	res = post_csv(IMPORT "?dry_run=false", survey);
	cr_assert(eq(int, res->status, 200), "%s", res->body);
	cr_assert(eq(i64, t_int(res, "unchanged"), 3));
	cr_assert(eq(i64, t_int(res, "created"), 0));
	cr_assert(eq(i64, t_int(res, "updated"), 0));
	cr_assert(eq(i64, t_sql_int("SELECT MAX(revision) FROM children"), 1));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'update'"), 0));

	/*
	 * 张小梅 (no ID number) matched by name, birth date and village, now
	 * in junior school; 李明 matched by his ID number despite a new
	 * spelling of his birth date and a new village; 赵六 unchanged.
	 */
	snprintf(changed, sizeof(changed), "%s",
	    "姓名,性别,出生日期,民族,公民身份号码,居住村(居),就学情况\n"
	    "张小梅,女,2015.3.4,汉,,630105100201,初中\n"
	    "李明,男,20150304,回,630105201503041230,630105100201,学前\n"
	    "赵六,男,,藏,630105201001011234,630105100201,小学\n");
	res = post_csv(IMPORT "?dry_run=false", changed);
	cr_assert(eq(int, res->status, 200), "%s", res->body);
	cr_assert(eq(i64, t_int(res, "updated"), 2));
	cr_assert(eq(i64, t_int(res, "unchanged"), 1));
	cr_assert(eq(i64, t_int(res, "created"), 0));
	cr_assert(eq(i64, nchildren(), 3));
	cr_assert(eq(i64, t_sql_int("SELECT revision FROM children WHERE "
	    "name = '张小梅' AND schooling = 'JUNIOR'"), 2));
	cr_assert(eq(i64, t_sql_int("SELECT revision FROM children WHERE "
	    "name = '李明' AND village_code = '630105100201'"), 2));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'update' AND resource = 'children'"), 2));
	/* An empty cell keeps what is stored: 李明 is still boarding = 0. */
	cr_assert(eq(i64, t_sql_int("SELECT boarding FROM children WHERE "
	    "name = '李明'"), 0));
}

/* One problem of the report, by line and field; NULL if none. */
static json_t *
find_problem(const struct res *res, int line, const char *field)
{
	json_t	*p;
	size_t	 i;

	json_array_foreach(json_object_get(t_json(res), "problems"), i, p)
		if (json_integer_value(json_object_get(p, "line")) == line &&
		    json_is_string(json_object_get(p, "field")) &&
		    strcmp(json_string_value(json_object_get(p, "field")),
		    field) == 0)
			return (p);
	return (NULL);
}

static const char *
pstr(json_t *p, const char *k)
{
	return (json_string_value(json_object_get(p, k)));
}

Test(import, every_problem_reported_nothing_written)
{
	static const char bad[] =
	    "姓名,性别,出生日期,民族,公民身份号码,居住村(居),就学情况,寄宿,年级\n"
	    "张小梅,女,2015-03-04,汉,,630105100201,小学,是,3\n"
	    "王五,男,20150230,汉,630105201503041239,630105100201,大学,也许,三\n"
	    "李明,男,2016-03-04,汉,630105201503041230,630105100201,小学,否,\n"
	    ",女,2015-03-04,汉,,630105100201,,,\n"
	    "张小梅,女,2015/3/4,汉,,630105100201,小学,是,3\n"
	    "钱七,女,2015-03-04,汉,,630105100299,小学,否,\n";
	struct res	*res;
	json_t		*p;

	t_login("countylead");
	res = post_csv(IMPORT "?dry_run=false", bad);
	cr_assert(eq(int, res->status, 422), "%s", res->body);
	cr_assert(eq(int, jbool(res, "ok"), 0));
	cr_assert(eq(int, jbool(res, "committed"), 0));
	cr_assert(eq(i64, nchildren(), 0));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'create' AND resource = 'children'"), 0));
	cr_assert(eq(i64, t_int(res, "rows"), 6));
	cr_assert(eq(i64, t_int(res, "rejected"), 5));
	/* The refused attempt is audited, with counts and no values. */
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'import' AND detail LIKE '%\"committed\":false%' AND "
	    "detail LIKE '%\"rejected\":5,%'"), 1));

	/* Line 3: four bad cells, each with its column and both languages. */
	p = find_problem(res, 3, "birth_date");
	cr_assert(p != NULL);
	cr_assert(eq(str, (char *)pstr(p, "column"), "C"));
	cr_assert(eq(str, (char *)pstr(p, "value"), "20150230"));
	cr_assert(strstr(pstr(p, "zh"), "出生日期") != NULL);
	cr_assert(strstr(pstr(p, "en"), "Date of birth") != NULL);
	p = find_problem(res, 3, "id_number");
	cr_assert(p != NULL);
	cr_assert(eq(str, (char *)pstr(p, "column"), "E"));
	/* The ID number is masked in the report. */
	cr_assert(eq(str, (char *)pstr(p, "value"), "6301************39"));
	cr_assert(strstr(res->body, "630105201503041239") == NULL);
	p = find_problem(res, 3, "schooling");
	cr_assert(p != NULL && strcmp(pstr(p, "value"), "大学") == 0);
	cr_assert(find_problem(res, 3, "boarding") != NULL);
	cr_assert(find_problem(res, 3, "grade") != NULL);
	/* Line 4: the ID number's birth date disagrees with the record. */
	p = find_problem(res, 4, "id_number");
	cr_assert(p != NULL);
	cr_assert(strstr(pstr(p, "en"), "does not match") != NULL);
	/* Line 5: the name is required. */
	p = find_problem(res, 5, "name");
	cr_assert(p != NULL);
	cr_assert(strstr(pstr(p, "en"), "required") != NULL);
	/* Line 6 repeats line 2. */
	p = find_problem(res, 6, "name");
	cr_assert(p != NULL);
	cr_assert(strstr(pstr(p, "en"), "line 2") != NULL);
	/* Line 7: no such village. */
	p = find_problem(res, 7, "village_code");
	cr_assert(p != NULL);
	cr_assert(eq(str, (char *)pstr(p, "column"), "F"));
	cr_assert(eq(i64, t_int(res, "problem_count"), 9));
}

Test(import, missing_columns_named)
{
	struct res	*res;

	t_login("countylead");
	res = post_csv(IMPORT, "姓名,性别,民族\n张三,男,汉\n");
	cr_assert(eq(int, res->status, 422));
	cr_assert(eq(i64, json_array_size(json_object_get(t_json(res),
	    "problems")), 1));
	cr_assert(strstr(t_str(res, "problems/0/en"), "birth_date") != NULL);
	cr_assert(strstr(t_str(res, "problems/0/en"), "village_code") != NULL);
	cr_assert(strstr(t_str(res, "problems/0/zh"), "出生日期") != NULL);
	cr_assert(eq(i64, t_int(res, "problems/0/line"), 1));
	/* No header at all. */
	res = post_csv(IMPORT, "a,b\n1,2\n");
	cr_assert(eq(int, res->status, 422));
	cr_assert(strstr(t_str(res, "problems/0/en"), "no header") != NULL);
}

Test(import, scope_and_roles)
{
	static const char other[] =
	    "姓名,性别,出生日期,居住村(居)\n"
	    "甲,女,2015-03-04,630105100201\n"
	    "丙,男,2014-05-06,630105101201\n";
	struct res	*res;
	json_t		*p;

	/* The worker's scope is 大堡子镇 (630105100): 丙村 is outside. */
	t_login("worker");
	res = post_csv(IMPORT "?dry_run=false", other);
	cr_assert(eq(int, res->status, 422), "%s", res->body);
	p = find_problem(res, 3, "village_code");
	cr_assert(p != NULL);
	cr_assert(strstr(pstr(p, "en"), "outside your scope") != NULL);
	cr_assert(eq(i64, nchildren(), 0));
	/* Within scope it goes through. */
	res = post_csv(IMPORT "?dry_run=false",
	    "姓名,性别,出生日期,居住村(居)\n甲,女,2015-03-04,630105100201\n");
	cr_assert(eq(int, res->status, 200), "%s", res->body);
	cr_assert(eq(i64, nchildren(), 1));
	/* Roles that may not write children may not import them. */
	t_login("finance");
	cr_assert(eq(int, post_csv(IMPORT, other)->status, 403));
	t_login("purchaser");
	cr_assert(eq(int, post_csv(IMPORT, other)->status, 403));
	t_logout_local();
	cr_assert(eq(int, post_csv(IMPORT, other)->status, 401));
}

Test(import, a_match_outside_scope_is_refused)
{
	struct res	*res;

	/* 丙村 child with an ID number, registered by the county lead. */
	t_login("countylead");
	cr_assert(eq(int, post_csv(IMPORT "?dry_run=false",
	    "姓名,性别,出生日期,公民身份号码,居住村(居)\n"
	    "丙,男,2015-03-04,630105201503041230,630105101201\n")->status,
	    200));
	/* The worker claims the same ID number in a village of theirs. */
	t_login("worker");
	res = post_csv(IMPORT "?dry_run=false",
	    "姓名,性别,出生日期,公民身份号码,居住村(居)\n"
	    "丙,男,2015-03-04,630105201503041230,630105100201\n");
	cr_assert(eq(int, res->status, 422), "%s", res->body);
	cr_assert(strstr(t_str(res, "problems/0/en"), "outside your scope")
	    != NULL);
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM children WHERE "
	    "village_code = '630105101201'"), 1));
}

Test(import, media_types_and_parameters)
{
	struct res	*res;

	t_login("countylead");
	res = post(IMPORT, survey, strlen(survey), "application/json");
	cr_assert(eq(int, res->status, 415));
	res = post_csv(IMPORT "?dry_run=maybe", survey);
	cr_assert(eq(int, res->status, 400));
	cr_assert(eq(str, (char *)t_str(res, "field"), "dry_run"));
	res = post_csv(IMPORT "?other=1", survey);
	cr_assert(eq(int, res->status, 400));
	res = post(IMPORT, "", 0, CT_CSV);
	cr_assert(eq(int, res->status, 400));
}

Test(import, malformed_files_get_clean_errors)
{
	static const char gbk_bad[] = "\xFF\xFE\x80\x81,\xFF\n";
	static const char xls[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest";
	char		 rnd[2048];
	struct res	*res;
	size_t		 i;

	t_login("countylead");
	res = post(IMPORT, "PK\003\004\024\000\000\000", 8, CT_XLSX);
	cr_assert(eq(int, res->status, 422));
	cr_assert(strstr(t_str(res, "problems/0/en"), "damaged") != NULL);
	srand(11);
	for (i = 0; i < sizeof(rnd); i++)
		rnd[i] = (char)rand();
	res = post(IMPORT, rnd, sizeof(rnd), CT_CSV);
	cr_assert(eq(int, res->status, 422));
	res = post(IMPORT, gbk_bad, sizeof(gbk_bad) - 1, CT_CSV);
	cr_assert(eq(int, res->status, 422));
	cr_assert(strstr(t_str(res, "problems/0/en"), "encoding") != NULL);
	res = post(IMPORT, xls, sizeof(xls) - 1, CT_XLSX);
	cr_assert(eq(int, res->status, 422));
	cr_assert(strstr(t_str(res, "problems/0/en"), ".xls") != NULL);
	cr_assert(eq(i64, nchildren(), 0));
}

Test(import, gbk_survey_form)
{
	/* "姓名,性别,出生日期,居住村(居)\n李四,男,2014-01-02,630105100201" */
	static const char gbk[] = "\xD0\xD5\xC3\xFB,\xD0\xD4\xB1\xF0,"
	    "\xB3\xF6\xC9\xFA\xC8\xD5\xC6\xDA,\xBE\xD3\xD7\xA1\xB4\xE5(\xBE\xD3)"
	    "\r\n\xC0\xEE\xCB\xC4,\xC4\xD0,2014-01-02,630105100201\r\n";
	struct res	*res;

	t_login("countylead");
	res = post(IMPORT "?dry_run=false", gbk, sizeof(gbk) - 1, CT_CSV);
	cr_assert(eq(int, res->status, 200), "%s", res->body);
	cr_assert(eq(str, (char *)t_str(res, "encoding"), "GB18030"));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM children WHERE "
	    "name = '李四' AND sex = 'M'"), 1));
}

/* The children as an export sheet, then its bytes as CSV or XLSX. */
static void
export_bytes(int xlsx, struct buf *b)
{
	struct sheet	 sh;
	struct store	*s = store_pool_acquire(t_app.pool);
	struct err	 e;

	cr_assert(roster_export_children(s, &t_sys, "630105", &sh, &e) == 0,
	    "%s", e.msg_en);
	store_pool_release(t_app.pool, s);
	buf_init(b, 0);
	if (xlsx)
		cr_assert(sheet_xlsx_bytes(&sh, "children", 0, b, &e) == 0);
	else
		sheet_write_csv(&sh, b);
	sheet_free(&sh);
}

Test(import, export_round_trip_csv_and_xlsx)
{
	struct res	*res;
	struct buf	 b;
	int		 xlsx;

	t_login("countylead");
	cr_assert(eq(int, post_csv(IMPORT "?dry_run=false", survey)->status,
	    200));
	for (xlsx = 0; xlsx <= 1; xlsx++) {
		export_bytes(xlsx, &b);
		if (!xlsx) {
			/* Own layout: field names; sealed fields left out. */
			cr_assert(strncmp(b.data, "\xEF\xBB\xBFname,name_bo,sex,"
			    "birth_date,", 30) == 0);
			cr_assert(strstr(b.data, "id_number") == NULL);
			cr_assert(strstr(b.data, "name_pinyin") == NULL);
		}
		res = post(IMPORT "?dry_run=false", b.data, b.len, xlsx ?
		    CT_XLSX : CT_CSV);
		cr_assert(eq(int, res->status, 200), "%s", res->body);
		cr_assert(eq(str, (char *)t_str(res, "layout"), "lbcare"));
		cr_assert(eq(str, (char *)t_str(res, "format"), xlsx ? "xlsx" :
		    "csv"));
		cr_assert(eq(i64, t_int(res, "rows"), 3));
		cr_assert(eq(i64, t_int(res, "unchanged"), 3));
		buf_cleanup(&b);
	}
	cr_assert(eq(i64, nchildren(), 3));
}

Test(import, xlsx_upload_creates)
{
	struct sheet		 sh;
	struct sheet_row	*r;
	struct buf		 b;
	struct err		 e;
	struct res		*res;

	sheet_init(&sh);
	r = sheet_add_row(&sh, 1);
	sheet_set_cell(r, 0, "姓名", strlen("姓名"));
	sheet_set_cell(r, 1, "性别", strlen("性别"));
	sheet_set_cell(r, 2, "出生日期", strlen("出生日期"));
	sheet_set_cell(r, 3, "居住村(居)", strlen("居住村(居)"));
	sheet_set_cell(r, 4, "年级", strlen("年级"));
	r = sheet_add_row(&sh, 2);
	sheet_set_cell(r, 0, "马丽", strlen("马丽"));
	sheet_set_cell(r, 1, "F", 1);
	sheet_set_cell(r, 2, "42067", 5);	/* an Excel date serial */
	sheet_set_cell(r, 3, "630105100202", 12);
	sheet_set_cell(r, 4, "4", 1);
	buf_init(&b, 0);
	/* Date and grade written as numbers, as Excel would store them. */
	cr_assert(sheet_xlsx_bytes(&sh, "名单", (1ULL << 2) | (1ULL << 4), &b,
	    &e) == 0);
	sheet_free(&sh);
	t_login("lead");
	res = post(IMPORT "?dry_run=false", b.data, b.len, CT_XLSX);
	buf_cleanup(&b);
	cr_assert(eq(int, res->status, 200), "%s", res->body);
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM children WHERE "
	    "name = '马丽' AND birth_date = '2015-03-04' AND grade = 4"), 1));
}

static void
fill_formula(lxw_worksheet *ws)
{
	worksheet_write_string(ws, 0, 0, "姓名", NULL);
	worksheet_write_string(ws, 0, 1, "年级", NULL);
	worksheet_write_string(ws, 1, 0, "马丽", NULL);
	worksheet_write_formula(ws, 1, 1, "=1+2", NULL);
}

Test(import, xlsx_formula_refused_at_its_cell)
{
	lxw_workbook	*wb;
	struct res	*res;
	char		 path[] = "/tmp/t_import_XXXXXX", *p;
	size_t		 len;
	FILE		*f;
	int		 fd;

	fd = mkstemp(path);
	cr_assert(fd != -1);
	close(fd);
	wb = workbook_new(path);
	fill_formula(workbook_add_worksheet(wb, NULL));
	cr_assert(workbook_close(wb) == LXW_NO_ERROR);
	f = fopen(path, "rb");
	cr_assert(f != NULL);
	p = malloc(1 << 20);
	len = fread(p, 1, 1 << 20, f);
	fclose(f);
	unlink(path);
	t_login("countylead");
	res = post(IMPORT, p, len, CT_XLSX);
	free(p);
	cr_assert(eq(int, res->status, 422), "%s", res->body);
	cr_assert(eq(i64, t_int(res, "problems/0/line"), 2));
	cr_assert(eq(str, (char *)t_str(res, "problems/0/column"), "B"));
	cr_assert(strstr(t_str(res, "problems/0/en"), "cell B2 holds a "
	    "formula") != NULL);
}

Test(import, upload_limit_is_per_route)
{
	struct buf	 b;
	struct err	 e;
	struct res	*res;
	int		 i;

	cr_assert(conf_set(&t_app.conf, "max-body", "2048", SRC_FLAG, &e) ==
	    0);
	buf_init(&b, 0);
	buf_puts(&b, "姓名,性别,出生日期,居住村(居),备注\n");
	for (i = 0; i < 60; i++)
		buf_appendf(&b, "儿童%02d,女,2015-03-%02d,630105100201,"
		    "一段较长的备注文字用来让文件超过两千字节\n", i, 1 + i % 28);
	cr_assert(b.len > 2048);
	t_login("countylead");
	res = post(IMPORT "?dry_run=false", b.data, b.len, CT_CSV);
	cr_assert(eq(int, res->status, 200), "%s", res->body);
	cr_assert(eq(i64, nchildren(), 60));
	/* Other routes keep max-body. */
	res = t_call_b("POST", "/api/v1/children", b.data, b.len,
	    "application/json", NULL);
	cr_assert(eq(int, res->status, 413));
	cr_assert(conf_set(&t_app.conf, "max-import-body", "2048", SRC_FLAG,
	    &e) == 0);
	res = post(IMPORT, b.data, b.len, CT_CSV);
	cr_assert(eq(int, res->status, 413));
	cr_assert(strstr(res->body, "2048") != NULL);
	buf_cleanup(&b);
}

Test(import, profile_as_xlsx)
{
	struct sheet	 sh;
	struct err	 e;
	struct res	*res;

	t_login("countylead");
	cr_assert(eq(int, post_csv(IMPORT "?dry_run=false", survey)->status,
	    200));
	res = t_call("GET", "/api/v1/regions/630105000000/profile?format=xlsx",
	    NULL);
	cr_assert(eq(int, res->status, 200), "%s", res->body);
	cr_assert(eq(str, (char *)res->content_type, CT_XLSX));
	cr_assert(strstr(t_header(res, "Content-Disposition"), ".xlsx") !=
	    NULL);
	cr_assert(xlsx_read(res->body, res->body_len, &sh, &e) == 0, "%s",
	    e.msg_en);
	cr_assert(eq(str, sh.rows[0].cells[0], "group"));
	cr_assert(eq(str, sh.rows[1].cells[0], "total"));
	cr_assert(eq(str, sh.rows[1].cells[4], "3"));
	sheet_free(&sh);
	res = t_call("GET", "/api/v1/regions/630105000000/profile?format=pdf",
	    NULL);
	cr_assert(eq(int, res->status, 400));
}

Test(import, mask)
{
	struct arena	*a = arena_new();

	cr_assert(eq(str, (char *)import_mask("630105201503041230", a),
	    "6301************30"));
	cr_assert(eq(str, (char *)import_mask("123", a), "***"));
	cr_assert(eq(str, (char *)import_mask("甲村3组12号附近", a), "***"));
	arena_free(a);
}

/*
 * The survey form's household columns: the father's and mother's
 * situation and the entrusted caregiver, written with the child.
 */
static const char household[] =
    "姓名,性别,出生日期,公民身份号码,居住村(居),父亲是否外出务工,"
    "父亲务工地点,父亲外出时间,父亲联系电话,母亲是否外出务工,母亲务工地点,"
    "母亲监护能力,委托监护人姓名,与儿童关系,委托监护人联系电话\n"
    "张小梅,女,2015年3月4日,,630105100201,是,广东省,2019年2月1日,"
    "13812345678,否,,有监护能力,张大山,祖父母,13900001111\n"
    "李明,男,2015/3/4,630105201503041230,630105100202,是,浙江,2020-03-01,,"
    "是,浙江,,王秀英,外祖父母,\n";

Test(import, household_columns_create_parents_and_caregivers)
{
	struct res	*res;

	t_login("countylead");
	res = post_csv(IMPORT "?dry_run=true", household);
	cr_assert(eq(int, res->status, 200), "%s", res->body);
	cr_assert(eq(int, jbool(res, "ok"), 1), "%s", res->body);
	cr_assert(eq(i64, t_int(res, "parents/created"), 4));
	cr_assert(eq(i64, t_int(res, "caregivers/created"), 2));
	cr_assert(eq(str, (char *)t_str(res, "columns/5/field"),
	    "father.migrant"));
	cr_assert(eq(str, (char *)t_str(res, "columns/14/field"),
	    "caregiver.phone"));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM parents"), 0));

	res = post_csv(IMPORT "?dry_run=false", household);
	cr_assert(eq(int, res->status, 200), "%s", res->body);
	cr_assert(eq(int, jbool(res, "committed"), 1), "%s", res->body);
	cr_assert(eq(i64, t_int(res, "created"), 2));
	cr_assert(eq(i64, t_int(res, "parents/created"), 4));
	cr_assert(eq(i64, t_int(res, "parents/updated"), 0));
	cr_assert(eq(i64, t_int(res, "caregivers/created"), 2));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM parents p JOIN "
	    "children c ON c.id = p.child_id WHERE c.name = '张小梅' AND "
	    "p.role = 'FATHER' AND p.migrant = 1 AND p.work_province = "
	    "'广东省' AND p.away_since = '2019-02-01' AND p.phone LIKE 'v1:%'"),
	    1));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM parents p JOIN "
	    "children c ON c.id = p.child_id WHERE c.name = '张小梅' AND "
	    "p.role = 'MOTHER' AND p.migrant = 0 AND p.capacity = 'CAPABLE' "
	    "AND p.work_province IS NULL"), 1));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM parents p JOIN "
	    "children c ON c.id = p.child_id WHERE c.name = '李明' AND "
	    "p.migrant = 1 AND p.work_province = '浙江'"), 2));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM caregivers g JOIN "
	    "children c ON c.id = g.child_id WHERE c.name = '张小梅' AND "
	    "g.name = '张大山' AND g.relation = 'GRANDPARENT_P' AND "
	    "g.phone LIKE 'v1:%'"), 1));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM caregivers g JOIN "
	    "children c ON c.id = g.child_id WHERE c.name = '李明' AND "
	    "g.name = '王秀英' AND g.relation = 'GRANDPARENT_M' AND "
	    "g.phone IS NULL"), 1));
	/* Written through the declaration: each create audited. */
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'create' AND resource = 'parents'"), 4));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'create' AND resource = 'caregivers'"), 2));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'import' AND detail LIKE '%\"committed\":true%' AND "
	    "detail LIKE '%\"parents\":[4,0,0],\"caregivers\":[2,0,0]}'"),
	    1));

	/* The same file again changes nothing. */
	res = post_csv(IMPORT "?dry_run=false", household);
	cr_assert(eq(int, res->status, 200), "%s", res->body);
	cr_assert(eq(i64, t_int(res, "unchanged"), 2));
	cr_assert(eq(i64, t_int(res, "parents/created"), 0));
	cr_assert(eq(i64, t_int(res, "parents/updated"), 0));
	cr_assert(eq(i64, t_int(res, "parents/unchanged"), 4));
	cr_assert(eq(i64, t_int(res, "caregivers/created"), 0));
	cr_assert(eq(i64, t_int(res, "caregivers/unchanged"), 2));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM parents"), 4));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM caregivers"), 2));
	cr_assert(eq(i64, t_sql_int("SELECT MAX(revision) FROM parents"), 1));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'update'"), 0));
}

Test(import, household_change_updates_the_matched_rows)
{
	struct res	*res;

	t_login("countylead");
	cr_assert(eq(int, post_csv(IMPORT "?dry_run=false",
	    household)->status, 200));
	/* 张小梅's father came home; her caregiver's phone changed. */
	res = post_csv(IMPORT "?dry_run=false",
	    "姓名,性别,出生日期,居住村(居),父亲是否外出务工,委托监护人姓名,"
	    "与儿童关系,委托监护人联系电话\n"
	    "张小梅,女,2015-03-04,630105100201,否,张大山,祖父母,13900002222\n");
	cr_assert(eq(int, res->status, 200), "%s", res->body);
	cr_assert(eq(i64, t_int(res, "unchanged"), 1));
	cr_assert(eq(i64, t_int(res, "parents/updated"), 1));
	cr_assert(eq(i64, t_int(res, "parents/created"), 0));
	cr_assert(eq(i64, t_int(res, "caregivers/updated"), 1));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM parents WHERE "
	    "role = 'FATHER' AND migrant = 0 AND revision = 2 AND "
	    "work_province = '广东省'"), 1));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM caregivers"), 2));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'update' AND resource IN ('parents', 'caregivers')"),
	    2));
}

Test(import, household_problems_reported_nothing_written)
{
	struct res	*res;
	json_t		*p;

	t_login("countylead");
	res = post_csv(IMPORT "?dry_run=false",
	    "姓名,性别,出生日期,居住村(居),父亲外出时间,委托监护人姓名,"
	    "与儿童关系,委托监护人联系电话\n"
	    "张小梅,女,2015-03-04,630105100201,去年春天,张大山,邻居,"
	    "13900001111\n"
	    "李明,男,2015-03-04,630105100202,,,祖父母,13900001111\n");
	cr_assert(eq(int, res->status, 422), "%s", res->body);
	cr_assert(eq(int, jbool(res, "ok"), 0));
	cr_assert(eq(int, jbool(res, "committed"), 0));
	cr_assert(not(eq(ptr, (p = find_problem(res, 2,
	    "father.away_since")), NULL)), "%s", res->body);
	cr_assert(eq(str, (char *)pstr(p, "column"), "E"));
	cr_assert(eq(str, (char *)pstr(p, "header"), "父亲外出时间"));
	cr_assert(eq(str, (char *)pstr(p, "value"), "去年春天"));
	cr_assert(not(eq(ptr, strstr(pstr(p, "en"), "date"), NULL)));
	cr_assert(not(eq(ptr, (p = find_problem(res, 2,
	    "caregiver.relation")), NULL)), "%s", res->body);
	cr_assert(eq(str, (char *)pstr(p, "column"), "G"));
	cr_assert(eq(str, (char *)pstr(p, "value"), "邻居"));
	cr_assert(not(eq(ptr, strstr(pstr(p, "zh"), "与儿童关系"), NULL)));
	/* A caregiver without a name: reported, the phone masked. */
	cr_assert(not(eq(ptr, (p = find_problem(res, 3, "caregiver.name")),
	    NULL)), "%s", res->body);
	cr_assert(eq(i64, t_int(res, "rejected"), 2));
	cr_assert(eq(i64, t_int(res, "created"), 0));
	cr_assert(eq(i64, nchildren(), 0));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM parents"), 0));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM caregivers"), 0));
	cr_assert(eq(ptr, strstr(res->body, "13900001111"), NULL));
}

Test(import, household_phone_masked)
{
	struct res	*res;
	json_t		*p;

	t_login("countylead");
	res = post_csv(IMPORT "?dry_run=true",
	    "姓名,性别,出生日期,居住村(居),父亲联系电话\n"
	    "张小梅,女,2015-03-04,630105100201,1381234567812345678901234567890\n");
	cr_assert(eq(int, res->status, 422), "%s", res->body);
	cr_assert(not(eq(ptr, (p = find_problem(res, 2, "father.phone")),
	    NULL)), "%s", res->body);
	cr_assert(eq(str, (char *)pstr(p, "column"), "E"));
	cr_assert(eq(ptr, strstr(res->body, "12345678901234567890"), NULL));
}

Test(import, household_words_and_family_rules)
{
	struct res	*res;
	json_t		*p;

	t_login("countylead");
	/* 奶奶 and 外婆 are relations in words; 已故 is DECEASED. */
	res = post_csv(IMPORT "?dry_run=false",
	    "姓名,性别,出生日期,居住村(居),父亲是否健在,父亲监护能力,"
	    "委托监护人姓名,与儿童关系\n"
	    "张小梅,女,2015-03-04,630105100201,否,已故,张奶奶,奶奶\n"
	    "李明,男,2015-03-04,630105100202,是,服刑,王外婆,外婆\n");
	cr_assert(eq(int, res->status, 200), "%s", res->body);
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM parents WHERE "
	    "role = 'FATHER' AND alive = 0 AND capacity = 'DECEASED'"), 1));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM parents WHERE "
	    "role = 'FATHER' AND alive = 1 AND capacity = 'PRISON'"), 1));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM caregivers WHERE "
	    "(name = '张奶奶' AND relation = 'GRANDPARENT_P') OR "
	    "(name = '王外婆' AND relation = 'GRANDPARENT_M')"), 2));

	/* The declaration's rules apply: a dead father is not away working. */
	res = post_csv(IMPORT "?dry_run=false",
	    "姓名,性别,出生日期,居住村(居),父亲是否健在,父亲是否外出务工\n"
	    "赵六,男,2010-01-01,630105100201,否,是\n");
	cr_assert(eq(int, res->status, 422), "%s", res->body);
	cr_assert(not(eq(ptr, (p = find_problem(res, 2, "father.migrant")),
	    NULL)), "%s", res->body);
	cr_assert(eq(str, (char *)pstr(p, "column"), "F"));
	cr_assert(eq(i64, t_int(res, "rejected"), 1));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM children WHERE "
	    "name = '赵六'"), 0));
}

Test(import, household_in_the_workers_scope)
{
	struct res	*res;

	/* A worker imports within their scope, household included. */
	t_login("worker");
	res = post_csv(IMPORT "?dry_run=false",
	    "姓名,性别,出生日期,居住村(居),母亲是否外出务工,委托监护人姓名,"
	    "与儿童关系\n"
	    "甲,女,2015-03-04,630105100201,是,甲奶奶,奶奶\n");
	cr_assert(eq(int, res->status, 200), "%s", res->body);
	cr_assert(eq(i64, t_int(res, "parents/created"), 1));
	cr_assert(eq(i64, t_int(res, "caregivers/created"), 1));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'create' AND resource IN ('parents', 'caregivers') AND "
	    "user_id = (SELECT id FROM users WHERE login = 'worker')"), 2));
	cr_assert(eq(i64, t_sql_int("SELECT COUNT(*) FROM parents WHERE "
	    "role = 'MOTHER' AND migrant = 1"), 1));
}
