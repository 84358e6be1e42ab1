/*
 * demo_partners.c - the demo's referral directory: a few fictional
 * partners of 城北区 of every common kind (names, phones, addresses
 * invented; 810000 is 西宁's postal code area).  Written through the
 * declared resource, so each passes its validation.
 */
#include <jansson.h>

#include "../core/util.h"
#include "demo.h"
#include "res_referrals.h"

static const struct demo_partner {
	const char	*kind, *name, *region, *address, *postal, *phone;
	const char	*email, *service, *description, *hours;
} partners[] = {
	{ "SCHOOL", "大堡子镇中心小学", "630105100000",
	    "城北区大堡子镇（示例地址）", "810000", "0971-0000201",
	    "school@example.org", "留守儿童学业与心理支持",
	    "班主任跟进学业，心理老师个别辅导", "周一至周五 8:00-17:00" },
	{ "SCHOOL", "廿里铺镇中心小学", "630105101000",
	    "城北区廿里铺镇（示例地址）", "810000", "0971-0000202", NULL,
	    "控辍保学", "辍学、厌学儿童返校跟进", "周一至周五 8:00-17:00" },
	{ "POLICE", "大堡子派出所", "630105100000",
	    "城北区大堡子镇（示例地址）", "810000", "0971-0000203", NULL,
	    "接警与应急处置", "强制报告受理，出警，临时庇护转送", "全天" },
	{ "CLINIC", "大堡子镇卫生院", "630105100000",
	    "城北区大堡子镇（示例地址）", NULL, "0971-0000204", NULL,
	    "就医与验伤", "儿童就医、验伤、健康检查", "全天急诊" },
	{ "CIVIL_AFFAIRS", "城北区民政局儿童福利股", "630105000000",
	    "西宁市城北区（示例地址）", "810000", "0971-0000205",
	    "minzheng@example.org", "救助与临时监护",
	    "困境儿童认定、临时监护、社会救助", "工作日 9:00-17:00" },
	{ "WOMENS_FEDERATION", "城北区妇联", "630105000000", NULL, NULL,
	    "0971-0000206", NULL, "家庭教育指导", "监护人家庭教育指导、反家暴",
	    NULL },
	{ "LEGAL_AID", "城北区法律援助中心", "630105000000",
	    "西宁市城北区（示例地址）", "810000", "0971-0000207", NULL,
	    "法律援助", "未成年人法律援助、监护权诉讼", "工作日 9:00-17:00" },
};

int
demo_partners_seed(struct store *db, const struct actor *ac,
    struct arena *a, struct err *e)
{
	const struct demo_partner	*p;
	json_t				*in, *row;
	size_t				 i;

	for (i = 0; i < nitems(partners); i++) {
		p = &partners[i];
		in = json_pack("{s:s, s:s, s:s, s:s*, s:s*, s:s*, s:s*, s:s*, "
		    "s:s*, s:s*}", "kind", p->kind, "name", p->name,
		    "region_code", p->region, "address", p->address,
		    "postal_code", p->postal, "phone", p->phone,
		    "email", p->email, "service_name", p->service,
		    "service_description", p->description, "hours", p->hours);
		row = resource_create(&res_partners, db, ac, in, a, e);
		json_decref(in);
		if (row == NULL)
			return (-1);
		json_decref(row);
	}
	return (0);
}
