/*
 * enums.c - the value tables of the enumerations in DOMAIN.md §10: a
 * stable ASCII code (stored and exchanged), a Chinese and an English
 * label.  Codes never change once released; labels may.
 */
#include "enums.h"

static const struct enum_value sex_values[] = {
	{ "M", "男", "Male" },
	{ "F", "女", "Female" },
};

/* GB/T 3304 names of China's ethnic groups, in the standard's order. */
static const struct enum_value ethnicity_values[] = {
	{ "01", "汉族", "Han" },
	{ "02", "蒙古族", "Mongol" },
	{ "03", "回族", "Hui" },
	{ "04", "藏族", "Tibetan" },
	{ "05", "维吾尔族", "Uyghur" },
	{ "06", "苗族", "Miao" },
	{ "07", "彝族", "Yi" },
	{ "08", "壮族", "Zhuang" },
	{ "09", "布依族", "Bouyei" },
	{ "10", "朝鲜族", "Korean" },
	{ "11", "满族", "Manchu" },
	{ "12", "侗族", "Dong" },
	{ "13", "瑶族", "Yao" },
	{ "14", "白族", "Bai" },
	{ "15", "土家族", "Tujia" },
	{ "16", "哈尼族", "Hani" },
	{ "17", "哈萨克族", "Kazakh" },
	{ "18", "傣族", "Dai" },
	{ "19", "黎族", "Li" },
	{ "20", "傈僳族", "Lisu" },
	{ "21", "佤族", "Va" },
	{ "22", "畲族", "She" },
	{ "23", "高山族", "Gaoshan" },
	{ "24", "拉祜族", "Lahu" },
	{ "25", "水族", "Sui" },
	{ "26", "东乡族", "Dongxiang" },
	{ "27", "纳西族", "Naxi" },
	{ "28", "景颇族", "Jingpo" },
	{ "29", "柯尔克孜族", "Kirgiz" },
	{ "30", "土族", "Tu (Monguor)" },
	{ "31", "达斡尔族", "Daur" },
	{ "32", "仫佬族", "Mulao" },
	{ "33", "羌族", "Qiang" },
	{ "34", "布朗族", "Blang" },
	{ "35", "撒拉族", "Salar" },
	{ "36", "毛南族", "Maonan" },
	{ "37", "仡佬族", "Gelao" },
	{ "38", "锡伯族", "Xibe" },
	{ "39", "阿昌族", "Achang" },
	{ "40", "普米族", "Pumi" },
	{ "41", "塔吉克族", "Tajik" },
	{ "42", "怒族", "Nu" },
	{ "43", "乌孜别克族", "Uzbek" },
	{ "44", "俄罗斯族", "Russian" },
	{ "45", "鄂温克族", "Ewenki" },
	{ "46", "德昂族", "De'ang" },
	{ "47", "保安族", "Bonan" },
	{ "48", "裕固族", "Yugur" },
	{ "49", "京族", "Gin" },
	{ "50", "塔塔尔族", "Tatar" },
	{ "51", "独龙族", "Derung" },
	{ "52", "鄂伦春族", "Oroqen" },
	{ "53", "赫哲族", "Hezhen" },
	{ "54", "门巴族", "Monba" },
	{ "55", "珞巴族", "Lhoba" },
	{ "56", "基诺族", "Jino" },
	{ "97", "其他", "Other" },
	{ "98", "外国血统中国籍人士", "Chinese citizen of foreign origin" },
};

static const struct enum_value region_level_values[] = {
	{ "PROV", "省", "Province" },
	{ "PREF", "市", "Prefecture" },
	{ "COUNTY", "县", "County" },
	{ "TOWN", "乡镇", "Township" },
	{ "VILLAGE", "村居", "Village" },
};

/* The part an organization plays in a project. */
static const struct enum_value org_type_values[] = {
	{ "PURCHASER", "购买方(民政部门)", "Purchaser (civil affairs)" },
	{ "PROVIDER", "承接机构(社会工作服务机构)",
	    "Provider (social work service organization)" },
	{ "SCHOOL", "学校", "School" },
	{ "VILLAGE_COMMITTEE", "村(居)委会", "Village (residents') committee" },
	{ "EVALUATOR", "第三方评估机构", "Third-party evaluator" },
	{ "OTHER", "其他", "Other" },
};

/* Its legal form, which decides who registers it. */
static const struct enum_value org_form_values[] = {
	{ "SOCIAL_GROUP", "社会团体", "Social group" },
	{ "SOCIAL_SERVICE_ORG", "社会服务机构", "Social service organization" },
	{ "FOUNDATION", "基金会", "Foundation" },
	{ "GOVERNMENT", "机关", "Government body" },
	{ "PUBLIC_INSTITUTION", "事业单位", "Public institution" },
	{ "VILLAGE_COMMITTEE", "基层群众性自治组织",
	    "Village or residents' committee" },
	{ "ENTERPRISE", "企业", "Enterprise" },
};

/* Social organization assessment grade (社会组织评估等级). */
static const struct enum_value org_rating_values[] = {
	{ "NONE", "未评估", "Not rated" },
	{ "1A", "1A", "1A" },
	{ "2A", "2A", "2A" },
	{ "3A", "3A", "3A" },
	{ "4A", "4A", "4A" },
	{ "5A", "5A", "5A" },
};

static const struct enum_value hukou_type_values[] = {
	{ "AGRICULTURAL", "农业户口", "Agricultural hukou" },
	{ "NON_AGRICULTURAL", "非农业户口", "Non-agricultural hukou" },
	{ "UNIFIED", "居民户口", "Unified resident hukou" },
	{ "NONE", "无户口", "No hukou" },
};

static const struct enum_value schooling_values[] = {
	{ "PRESCHOOL", "学前", "Preschool" },
	{ "PRIMARY", "小学", "Primary school" },
	{ "JUNIOR", "初中", "Junior secondary" },
	{ "SENIOR", "高中/中职", "Senior or vocational secondary" },
	{ "NOT_ENROLLED", "未入学", "Not enrolled" },
	{ "DROPPED_OUT", "失学辍学", "Out of school (dropped out)" },
};

static const struct enum_value health_values[] = {
	{ "HEALTHY", "健康", "Healthy" },
	{ "ILL", "患病", "Ill" },
	{ "DISABLED", "残疾", "Disabled" },
};

static const struct enum_value left_behind_type_values[] = {
	{ "BOTH_AWAY", "父母双方外出", "Both parents away" },
	{ "ONE_AWAY_INCAPABLE", "一方外出另一方无监护能力",
	    "One parent away, the other without guardianship capacity" },
	{ "LEGACY_ONE_AWAY", "一方外出(2016年前口径)",
	    "One parent away (pre-2016 definition)" },
	{ "NOT_LEFT_BEHIND", "非留守", "Not left behind" },
};

static const struct enum_value guardianship_values[] = {
	{ "PARENT_CARE", "父母照料", "Cared for by parents" },
	{ "ENTRUSTED_GRANDPARENT", "祖辈委托监护",
	    "Entrusted to grandparents" },
	{ "ENTRUSTED_OTHER", "亲友委托监护",
	    "Entrusted to relatives or friends" },
	{ "PARENT_AT_HOME", "一方在家", "One parent at home" },
	{ "UNSUPERVISED", "无人监护", "Unsupervised" },
	{ "TEMP_CUSTODY", "临时监护", "Temporary custody" },
	{ "COURT_APPOINTED", "另行指定监护人", "Guardian appointed by court" },
};

/* Levels are configurable in rules; the codes are fixed. */
static const struct enum_value risk_level_values[] = {
	{ "LOW", "一般", "Low" },
	{ "MEDIUM", "关注", "Watch" },
	{ "HIGH", "重点", "High" },
	{ "CRITICAL", "紧急", "Critical" },
};

const struct enum_decl enum_sex = ENUM_DECL("sex", sex_values);
const struct enum_decl enum_ethnicity =
    ENUM_DECL("ethnicity", ethnicity_values);
const struct enum_decl enum_region_level =
    ENUM_DECL("region_level", region_level_values);
const struct enum_decl enum_org_type = ENUM_DECL("org_type", org_type_values);
const struct enum_decl enum_org_form = ENUM_DECL("org_form", org_form_values);
const struct enum_decl enum_org_rating =
    ENUM_DECL("org_rating", org_rating_values);
const struct enum_decl enum_hukou_type =
    ENUM_DECL("hukou_type", hukou_type_values);
const struct enum_decl enum_schooling =
    ENUM_DECL("schooling", schooling_values);
const struct enum_decl enum_health = ENUM_DECL("health", health_values);
const struct enum_decl enum_left_behind_type =
    ENUM_DECL("left_behind_type", left_behind_type_values);
const struct enum_decl enum_guardianship =
    ENUM_DECL("guardianship", guardianship_values);
const struct enum_decl enum_risk_level =
    ENUM_DECL("risk_level", risk_level_values);
