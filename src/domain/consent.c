/*
 * consent.c - the consent check later modules call before they act on a
 * child's data: one indexed query over consents (child_id, scope,
 * given_on), and a refusal that says which purpose lacks consent.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../core/util.h"
#include "consent.h"
#include "enums_consent.h"

int
consent_has(struct store *db, int64_t child_id, const char *scope_code,
    const char *on_date, struct err *e)
{
	struct stmt	*st;
	char		 today[11];
	int		 rc;

	if (scope_code == NULL ||
	    enum_find(&enum_consent_scope, scope_code) == NULL) {
		err_setl(e, ERR_INVALID, "scope", "%s 不是同意范围的有效代码",
		    "%s is not a valid consent scope code",
		    scope_code ? scope_code : "(null)");
		return (-1);
	}
	if (on_date == NULL) {
		time_today(today);
		on_date = today;
	} else if (date_valid(on_date) == -1) {
		err_setl(e, ERR_INVALID, "on_date",
		    "%s 不是有效日期 (YYYY-MM-DD)",
		    "%s is not a valid date (YYYY-MM-DD)", on_date);
		return (-1);
	}
	if ((st = store_prepare(db, "SELECT 1 FROM consents WHERE "
	    "child_id = ? AND scope = ? AND given_on <= ? AND "
	    "(withdrawn_on IS NULL OR withdrawn_on > ?) LIMIT 1", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, child_id);
	stmt_bind_text(st, 2, scope_code);
	stmt_bind_text(st, 3, on_date);
	stmt_bind_text(st, 4, on_date);
	rc = stmt_step(st, e);
	stmt_finalize(st);
	return (rc);
}

int
consent_require(struct store *db, int64_t child_id, const char *scope_code,
    const char *on_date, struct err *e)
{
	const struct enum_value	*v;
	char			 today[11];
	int			 rc;

	if ((rc = consent_has(db, child_id, scope_code, on_date, e)) != 0)
		return (rc == 1 ? 0 : -1);
	if (on_date == NULL) {
		time_today(today);
		on_date = today;
	}
	v = enum_find(&enum_consent_scope, scope_code);
	err_setl(e, ERR_FORBIDDEN, "child_id",
	    "缺少监护人对%s的同意：儿童 %lld，日期 %s",
	    "no guardian consent for %s: child %lld on %s", v->zh,
	    (long long)child_id, on_date);
	/* Same arguments, but each language names the purpose its own way. */
	snprintf(e->msg_en, sizeof(e->msg_en),
	    "no guardian consent for %s: child %lld on %s", v->en,
	    (long long)child_id, on_date);
	err_bo_label(e, v->zh);
	return (-1);
}

/*
 * Processing that needs a guardian's consent (PIPL Art. 31), as data:
 * creating a record of the resource for a child needs a consent of the
 * scope, current today.  Registration, needs assessment, home visits and
 * mandatory reports are the statutory duties of the civil-affairs system
 * (国发〔2016〕13号, 未保法 Art. 11) and need none; the services a provider
 * offers on top do.
 */
static const struct consent_rule {
	const char	*resource;
	const char	*scope;
} consent_rules[] = {
	{ "cases", "CASE_SERVICE" },
	{ "group_members", "GROUP_ACTIVITY" },
	{ "activity_participants", "GROUP_ACTIVITY" },
	{ "referrals", "DATA_SHARING" },
};

int
consent_check_create(const struct resource *r, struct store *db,
    const struct value *vals, struct err *e)
{
	size_t	i;
	int	k;

	for (i = 0; i < sizeof(consent_rules) / sizeof(consent_rules[0]); i++)
		if (strcmp(consent_rules[i].resource, r->name) == 0)
			break;
	if (i == sizeof(consent_rules) / sizeof(consent_rules[0]) ||
	    (k = resource_field_index(r, "child_id")) == -1 ||
	    !vals[k].set || vals[k].isnull)
		return (0);
	return (consent_require(db, vals[k].i, consent_rules[i].scope, NULL,
	    e));
}
