/*
 * import_columns.c - the columns a children roster may have.  A header
 * matches a field by the field's own name (LBCare's export layout), its
 * Chinese label in the declaration, or one of the aliases here (the 2016
 * survey form and what people write).  A new child field is read by its
 * name and label with no line here; add a line for other headers.
 */
#include <stddef.h>

#include "roster_import.h"

const struct import_column import_columns[] = {
	{ "name", "姓名|儿童姓名|名字|Name" },
	{ "name_bo", "藏文姓名|藏文名" },
	{ "sex", "性别|Sex|Gender" },
	{ "birth_date", "出生日期|出生年月日|出生年月|生日|Date of birth" },
	{ "ethnicity", "民族|Ethnicity" },
	{ "id_number", "公民身份号码|身份证号|身份证号码|身份证件号码|ID number" },
	{ "village_code", "居住村(居)|村(居)代码|村居代码|村代码|区划代码|"
	    "居住村区划代码|Village code" },
	{ "address", "居住地址|家庭住址|现住址|住址|Address" },
	{ "hukou_type", "户口性质|户口登记|户籍性质|户口类型|Hukou" },
	{ "schooling", "就学情况|就学|就读情况|Schooling" },
	{ "school_name", "学校|就读学校|学校名称|School" },
	{ "grade", "年级|Grade" },
	{ "boarding", "寄宿|是否寄宿|Boarding" },
	{ "health", "健康状况|身体状况|Health" },
	{ "disability_grade", "残疾等级" },
	{ "left_behind_type", "留守类型" },
	{ "guardianship", "监护状况|监护情况|监护类型" },
	{ "risk_level", "风险等级" },
	{ "notes", "备注|Notes" },
};
const size_t import_ncolumns = sizeof(import_columns) /
    sizeof(import_columns[0]);
