/*
 * roles.c - role codes and labels.
 */
#include <string.h>

#include "roles.h"

const struct role_info role_table[ROLE__COUNT] = {
	{ ROLE_WORKER, "WORKER", "一线社工", "Social worker" },
	{ ROLE_SUPERVISOR, "SUPERVISOR", "督导", "Supervisor" },
	{ ROLE_LEAD, "LEAD", "项目主管", "Project lead" },
	{ ROLE_FINANCE, "FINANCE", "财务", "Finance officer" },
	{ ROLE_PURCHASER, "PURCHASER", "购买方", "Purchaser officer" },
	{ ROLE_EVALUATOR, "EVALUATOR", "第三方评估", "Evaluator" },
	{ ROLE_DIRECTOR, "DIRECTOR", "儿童主任", "Village child director" },
	{ ROLE_TOWNSHIP, "TOWNSHIP", "儿童督导员",
	    "Township child supervisor" },
	{ ROLE_SCHOOL, "SCHOOL", "学校联络人", "School contact" },
	{ ROLE_ADMIN, "ADMIN", "系统管理员", "Administrator" },
};

unsigned
role_parse(const char *code)
{
	int	i;

	for (i = 0; i < ROLE__COUNT; i++)
		if (strcmp(role_table[i].code, code) == 0)
			return (role_table[i].bit);
	return (0);
}

const struct role_info *
role_info(unsigned bit)
{
	int	i;

	for (i = 0; i < ROLE__COUNT; i++)
		if (role_table[i].bit == bit)
			return (&role_table[i]);
	return (NULL);
}
