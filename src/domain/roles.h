/*
 * roles.h - the roles of DESIGN.md §2 as bits, so a route or a resource
 * names the set of roles it admits in one word.
 */
#ifndef LBCARE_ROLES_H
#define LBCARE_ROLES_H

enum role {
	ROLE_WORKER = 1 << 0,		/* 一线社工 social worker */
	ROLE_SUPERVISOR = 1 << 1,	/* 督导 */
	ROLE_LEAD = 1 << 2,		/* 项目主管 project lead */
	ROLE_FINANCE = 1 << 3,		/* 财务 */
	ROLE_PURCHASER = 1 << 4,	/* 购买方 bureau officer */
	ROLE_EVALUATOR = 1 << 5,	/* 第三方评估 */
	ROLE_DIRECTOR = 1 << 6,		/* 儿童主任 village child director */
	ROLE_TOWNSHIP = 1 << 7,		/* 儿童督导员 township supervisor */
	ROLE_SCHOOL = 1 << 8,		/* school contact */
	ROLE_ADMIN = 1 << 9,		/* administrator */
	ROLE__COUNT = 10
};

#define ROLE_NONE	0u		/* route needs no session */
#define ROLE_ANY	((1u << ROLE__COUNT) - 1)
#define ROLE_PROVIDER	(ROLE_WORKER | ROLE_SUPERVISOR | ROLE_LEAD)
#define ROLE_FIELD	(ROLE_PROVIDER | ROLE_DIRECTOR | ROLE_TOWNSHIP)

struct role_info {
	unsigned	 bit;
	const char	*code;
	const char	*zh;
	const char	*en;
};

extern const struct role_info role_table[ROLE__COUNT];

/* Bit for a code such as "WORKER"; 0 if unknown. */
unsigned		 role_parse(const char *);
const struct role_info	*role_info(unsigned bit);

#endif
