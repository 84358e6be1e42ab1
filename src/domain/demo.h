/*
 * demo.h - a fictional, deterministic demonstration data set: the regions
 * of 西宁市城北区 down to illustrative villages, the organizations of a
 * purchase project, a roster of children and one user per role.  Every
 * person and organization in it is invented.
 */
#ifndef LBCARE_DEMO_H
#define LBCARE_DEMO_H

#include <stddef.h>

#include "../core/err.h"
#include "../store/store.h"
#include "auth.h"

#define DEMO_PASSWORD	"demo-pass-2026"
#define DEMO_CHILDREN	300		/* default roster size */
#define DEMO_CHILDREN_MAX 1000000

/* One demo account: sign in with login and DEMO_PASSWORD. */
struct demo_login {
	const char	*login;
	const char	*display_name;
	unsigned	 roles;		/* enum role bits */
	const char	*scope;		/* region-code prefix, "" = all */
	const char	*role_zh;
	const char	*role_en;
	const char	*scope_zh;	/* the scope in words */
	const char	*scope_en;
};

/* The demo accounts, in the order demo_seed() creates them. */
extern const struct demo_login	demo_logins[];
extern const size_t		demo_nlogins;

/*
 * Fill a migrated, empty database with the demo data: regions,
 * organizations, nchildren children (DEMO_CHILDREN if nchildren <= 0)
 * and the accounts of demo_logins, their passwords hashed at cost.  The
 * same seed gives the same rows.  Everything happens in one transaction:
 * on failure nothing is kept and e holds the first error (a duplicate
 * from a database that is not empty is ERR_CONFLICT).  Rows are created
 * through resource_create() as the system actor, so they pass the same
 * validation as the API.  Returns 0 or -1.
 */
int	demo_seed(struct store *, unsigned seed, int nchildren, struct pwcost,
	    struct err *);

/* demo_partners.c: the referral directory, as ac, inside demo_seed(). */
struct actor;
struct arena;
int	demo_partners_seed(struct store *, const struct actor *,
	    struct arena *, struct err *);

/*
 * demo_services.c: the project's service delivery (consents, assessments,
 * families, cases, groups, activities, donations, a training, visits,
 * referrals, a mandatory report), as the demo users, inside demo_seed(),
 * for a roster of at least DEMO_SERVICES_MIN children.
 */
#define DEMO_SERVICES_MIN 100
int	demo_services_seed(struct store *, unsigned seed, int64_t project,
	    struct arena *, struct err *);

#endif
