/*
 * demo_names.c - the name lists and the regions of the demo data set.
 * Province, prefecture, district and town codes are the statistical
 * division codes of 青海省 / 西宁市 / 城北区 / 大堡子镇 / 廿里铺镇.  Village
 * codes and the pairing of village names with codes are illustrative
 * for the demo only: they are not taken from the official list.
 */
#include "demo_names.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

const struct demo_surname demo_surnames[] = {
	/* Han */
	{ "李", "01" }, { "王", "01" }, { "张", "01" }, { "刘", "01" },
	{ "陈", "01" }, { "赵", "01" }, { "杨", "01" }, { "孙", "01" },
	{ "朱", "01" }, { "何", "01" }, { "周", "01" }, { "祁", "01" },
	{ "魏", "01" }, { "宋", "01" }, { "晋", "01" }, { "苏", "01" },
	/* Hui: 马 and 冶 lead in Qinghai; 韩 is also the top Salar name. */
	{ "马", "03" }, { "冶", "03" }, { "韩", "03" }, { "沙", "03" },
	{ "喇", "03" },
	/* Tu (Monguor) of Huzhu and Minhe */
	{ "祁", "30" }, { "李", "30" }, { "鲁", "30" }, { "吕", "30" },
	{ "董", "30" },
};
const size_t demo_nsurnames = N(demo_surnames);

const char *const demo_given_m[] = {
	"浩然", "子轩", "宇航", "俊杰", "文博", "明轩", "家豪", "天佑",
	"鹏程", "嘉乐", "泽宇", "皓轩", "一鸣", "博文", "志强", "永福",
	"晓东", "国栋", "建华", "佳豪", "宇轩", "天翔", "俊熙", "金龙",
};
const size_t demo_ngiven_m = N(demo_given_m);

const char *const demo_given_f[] = {
	"欣怡", "梓萱", "雨涵", "诗琪", "思雨", "佳怡", "紫涵", "婷婷",
	"晓雪", "雅琪", "梦瑶", "欣悦", "可馨", "若曦", "艳芳", "玉兰",
	"春花", "佳琪", "雨欣", "静怡", "梦琪", "海燕", "小红", "文静",
};
const size_t demo_ngiven_f = N(demo_given_f);

/* Spellings checked letter by letter against their Wylie forms. */
const struct demo_bo_name demo_bo_names[] = {
	{ "卓玛", "སྒྲོལ་མ", 'F' },	/* sgrol ma */
	{ "拉毛", "ལྷ་མོ", 'F' },		/* lha mo */
	{ "德吉", "བདེ་སྐྱིད", 'F' },	/* bde skyid */
	{ "央金", "དབྱངས་ཅན", 'F' },	/* dbyangs can */
	{ "措毛", "མཚོ་མོ", 'F' },		/* mtsho mo */
	{ "多杰", "རྡོ་རྗེ", 'M' },		/* rdo rje */
	{ "扎西", "བཀྲ་ཤིས", 'M' },	/* bkra shis */
	{ "旦增", "བསྟན་འཛིན", 'M' },	/* bstan 'dzin */
	{ "桑杰", "སངས་རྒྱས", 'M' },	/* sangs rgyas */
	{ "仁青", "རིན་ཆེན", 'M' },		/* rin chen */
	{ "才让", "ཚེ་རིང", 'U' },		/* tshe ring */
	{ "索南", "བསོད་ནམས", 'U' },	/* bsod nams */
	{ "尼玛", "ཉི་མ", 'U' },		/* nyi ma */
	{ "格桑", "སྐལ་བཟང", 'U' },	/* skal bzang */
	{ "达瓦", "ཟླ་བ", 'U' },		/* zla ba */
};
const size_t demo_nbo_names = N(demo_bo_names);

const struct demo_region demo_regions[] = {
	{ "630000000000", "青海省" },
	{ "630100000000", "西宁市" },
	{ "630105000000", "城北区" },
	{ "630105100000", "大堡子镇" },
	{ "630105101000", "廿里铺镇" },
	/* Illustrative village codes and names (see the top of the file). */
	{ "630105100201", "陶家寨村" },
	{ "630105100202", "吧浪村" },
	{ "630105100203", "宋家寨村" },
	{ "630105100204", "乙其寨村" },
	{ "630105100205", "晋家湾村" },
	{ "630105101201", "廿里铺村" },
	{ "630105101202", "莫家庄村" },
	{ "630105101203", "孙家寨村" },
	{ "630105101204", "双苏堡村" },
	{ "630105101205", "花园台村" },
};
const size_t demo_nregions = N(demo_regions);
