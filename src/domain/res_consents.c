/*
 * res_consents.c - guardians' consents as a declared resource: who gave
 * consent to which purpose for which child, when, with what evidence,
 * and when it was withdrawn.  Rows are scoped through the child: the
 * scope field names the child_id reference (see scope_ref.c).
 */
#include <string.h>

#include "../core/util.h"
#include "consent.h"
#include "enums_consent.h"
#include "res_consents.h"
#include "declare.h"
#include "roles.h"

static const struct field consent_fields[] = {
	REF("child_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "children",
	    "儿童", "Child"),
	ENUM("scope", FF_REQUIRED | FF_FILTER, enum_consent_scope, "同意范围",
	    "Purpose consented to"),
	TEXT("given_by_name", FF_REQUIRED | FF_IDENTIFYING, 1, 50, NULL,
	    "监护人姓名", "Guardian's name"),
	ENUM("relation", FF_REQUIRED, enum_consent_relation, "与儿童关系",
	    "Relation to the child"),
	DATE("given_on", FF_REQUIRED, "同意日期", "Given on"),
	ENUM("evidence", FF_REQUIRED, enum_consent_evidence, "同意凭证",
	    "Evidence"),
	DATE("withdrawn_on", 0, "撤回日期", "Withdrawn on"),
	TEXT("notes", FF_SENSITIVE | FF_IDENTIFYING, 0, 2000, NULL, "备注",
	    "Notes"),
};

/*
 * A consent cannot be given in the future, nor withdrawn before it was
 * given.  Dates are YYYY-MM-DD, so text order is date order.
 */
static int
consent_derive(const struct resource *r, struct value *v,
    const struct value *old, struct arena *a, struct err *e)
{
	const struct value	*given, *wd;
	char			 today[11];

	given = &v[resource_field_index(r, "given_on")];
	wd = &v[resource_field_index(r, "withdrawn_on")];
	time_today(today);
	if (given->s != NULL && strcmp(given->s, today) > 0) {
		err_setl(e, ERR_INVALID, "given_on",
		    "同意日期 %s 晚于今天 (%s)",
		    "given_on %s is later than today (%s)", given->s, today);
		return (-1);
	}
	if (wd->s != NULL && given->s != NULL && strcmp(wd->s, given->s) < 0) {
		err_setl(e, ERR_INVALID, "withdrawn_on",
		    "撤回日期 %s 早于同意日期 %s",
		    "withdrawn_on %s is earlier than given_on %s", wd->s,
		    given->s);
		return (-1);
	}
	return (0);
}

const struct resource res_consents = {
	"consents", "监护人同意", "Guardian consents", FIELDS(consent_fields),
	ROLE_FIELD,
	ROLE_WORKER | ROLE_SUPERVISOR | ROLE_LEAD | ROLE_DIRECTOR |
	    ROLE_TOWNSHIP,
	/* scoped through the child: scope_ref.c */ "child_id",
	/* audit reads */ 1, consent_derive, NULL
};
