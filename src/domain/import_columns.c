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

/*
 * Household columns of the survey form (DOMAIN.md §2.1, §3): they fill
 * the child's FATHER and MOTHER rows of parents and the caregiver row.
 * Bare 联系电话 or 健康状况 stay the child's (or nobody's): only
 * headers naming whose they are read here.
 */
const struct import_household import_household[] = {
	{ IMPORT_FATHER, "name", "父亲姓名" },
	{ IMPORT_FATHER, "alive", "父亲是否健在|父亲是否在世|父亲在世" },
	{ IMPORT_FATHER, "migrant", "父亲是否外出务工|父亲外出务工|"
	    "父亲是否外出" },
	{ IMPORT_FATHER, "work_province", "父亲务工地点|父亲务工省份|"
	    "父亲务工地点(省)|父亲务工省" },
	{ IMPORT_FATHER, "work_city", "父亲务工城市|父亲务工地点(市)|"
	    "父亲务工市" },
	{ IMPORT_FATHER, "away_since", "父亲外出时间|父亲外出务工时间" },
	{ IMPORT_FATHER, "phone", "父亲联系电话|父亲电话" },
	{ IMPORT_FATHER, "capacity", "父亲监护能力|父亲健康状况|"
	    "父亲监护能力/健康状况" },
	{ IMPORT_MOTHER, "name", "母亲姓名" },
	{ IMPORT_MOTHER, "alive", "母亲是否健在|母亲是否在世|母亲在世" },
	{ IMPORT_MOTHER, "migrant", "母亲是否外出务工|母亲外出务工|"
	    "母亲是否外出" },
	{ IMPORT_MOTHER, "work_province", "母亲务工地点|母亲务工省份|"
	    "母亲务工地点(省)|母亲务工省" },
	{ IMPORT_MOTHER, "work_city", "母亲务工城市|母亲务工地点(市)|"
	    "母亲务工市" },
	{ IMPORT_MOTHER, "away_since", "母亲外出时间|母亲外出务工时间" },
	{ IMPORT_MOTHER, "phone", "母亲联系电话|母亲电话" },
	{ IMPORT_MOTHER, "capacity", "母亲监护能力|母亲健康状况|"
	    "母亲监护能力/健康状况" },
	{ IMPORT_CAREGIVER, "name", "委托监护人姓名|受委托监护人姓名|"
	    "被委托人姓名|委托监护人" },
	{ IMPORT_CAREGIVER, "relation", "与儿童关系|与儿童的关系|"
	    "委托监护人与儿童关系|与留守儿童关系" },
	{ IMPORT_CAREGIVER, "phone", "委托监护人联系电话|委托监护人电话|"
	    "受委托监护人联系电话|被委托人联系电话" },
	{ IMPORT_CAREGIVER, "capable", "委托监护人是否具有照护能力|"
	    "是否具有照护能力" },
};
const size_t import_nhousehold = sizeof(import_household) /
    sizeof(import_household[0]);

/* What the survey form's 与儿童关系 and 监护能力 cells say in words. */
const struct import_word import_words[] = {
	{ "caregiver_relation", "祖父", "GRANDPARENT_P" },
	{ "caregiver_relation", "祖母", "GRANDPARENT_P" },
	{ "caregiver_relation", "爷爷", "GRANDPARENT_P" },
	{ "caregiver_relation", "奶奶", "GRANDPARENT_P" },
	{ "caregiver_relation", "外祖父", "GRANDPARENT_M" },
	{ "caregiver_relation", "外祖母", "GRANDPARENT_M" },
	{ "caregiver_relation", "外公", "GRANDPARENT_M" },
	{ "caregiver_relation", "外婆", "GRANDPARENT_M" },
	{ "caregiver_relation", "姥爷", "GRANDPARENT_M" },
	{ "caregiver_relation", "姥姥", "GRANDPARENT_M" },
	{ "caregiver_relation", "哥哥", "SIBLING" },
	{ "caregiver_relation", "姐姐", "SIBLING" },
	{ "caregiver_relation", "兄", "SIBLING" },
	{ "caregiver_relation", "姐", "SIBLING" },
	{ "caregiver_relation", "伯父", "RELATIVE" },
	{ "caregiver_relation", "叔叔", "RELATIVE" },
	{ "caregiver_relation", "姑姑", "RELATIVE" },
	{ "caregiver_relation", "舅舅", "RELATIVE" },
	{ "caregiver_relation", "姨妈", "RELATIVE" },
	{ "caregiver_relation", "亲戚", "RELATIVE" },
	{ "parent_capacity", "健康", "CAPABLE" },
	{ "parent_capacity", "良好", "CAPABLE" },
	{ "parent_capacity", "有", "CAPABLE" },
	{ "parent_capacity", "已故", "DECEASED" },
	{ "parent_capacity", "去世", "DECEASED" },
};
const size_t import_nwords = sizeof(import_words) / sizeof(import_words[0]);
