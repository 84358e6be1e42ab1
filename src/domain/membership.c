/*
 * membership.c - current project memberships (membership.h).  A
 * membership is current from its since date through its until date;
 * its role code is a role of roles.h.
 */
#include <string.h>

#include "../core/buf.h"
#include "membership.h"
#include "roles.h"

int
membership_load(struct store *db, int64_t user_id, const char *today,
    const struct project_role **out, size_t *n, int *bound,
    struct arena *a, struct err *e)
{
	struct project_role	*pr = NULL;
	struct stmt		*st;
	size_t			 k = 0, cap = 0, i;
	int64_t			 pid;
	unsigned		 bit;
	int			 rc;

	*out = NULL;
	*n = 0;
	*bound = 0;
	if ((st = store_prepare(db, "SELECT project_id, role, since, until "
	    "FROM memberships WHERE user_id = ? ORDER BY project_id", e)) ==
	    NULL)
		return (-1);
	stmt_bind_int64(st, 1, user_id);
	while ((rc = stmt_step(st, e)) == 1) {
		*bound = 1;
		if (strcmp(stmt_text(st, 2), today) > 0 || (!stmt_isnull(st, 3)
		    && strcmp(stmt_text(st, 3), today) < 0))
			continue;
		pid = stmt_int64(st, 0);
		bit = role_parse(stmt_text(st, 1));
		for (i = 0; i < k && pr[i].project_id != pid; i++)
			;
		if (i == k) {
			if (k == cap) {
				struct project_role	*np;

				cap = cap ? cap * 2 : 8;
				np = arena_alloc(a, cap * sizeof(*np));
				if (k > 0)
					memcpy(np, pr, k * sizeof(*np));
				pr = np;
			}
			pr[k++] = (struct project_role){ pid, 0 };
		}
		pr[i].roles |= bit;
	}
	stmt_finalize(st);
	if (rc == -1)
		return (-1);
	*out = pr;
	*n = k;
	return (0);
}

unsigned
membership_roles(const struct actor *ac, int64_t project_id)
{
	size_t	i;

	for (i = 0; i < ac->nprojects; i++)
		if (ac->projects[i].project_id == project_id)
			return (ac->projects[i].roles);
	return (0);
}

int64_t
membership_only(const struct actor *ac, unsigned roles)
{
	int64_t	pid = 0;
	size_t	i;

	for (i = 0; i < ac->nprojects; i++) {
		if (!(ac->projects[i].roles & roles))
			continue;
		if (pid != 0)
			return (0);
		pid = ac->projects[i].project_id;
	}
	return (pid);
}

const char *
membership_sql_list(const struct actor *ac, unsigned roles, struct arena *a)
{
	struct buf	 b;
	const char	*out;
	size_t		 i;

	buf_init(&b, 0);
	for (i = 0; i < ac->nprojects; i++)
		if (ac->projects[i].roles & roles)
			buf_appendf(&b, "%s%lld", b.len ? ", " : "",
			    (long long)ac->projects[i].project_id);
	out = b.len ? arena_strdup(a, buf_cstr(&b)) : NULL;
	buf_cleanup(&b);
	return (out);
}
