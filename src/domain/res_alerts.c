/*
 * res_alerts.c - alerts as a declared resource (res_alerts.h).  An alert
 * is raised by the server; a person resolves it by setting resolved to
 * true (the server stamps resolved_at).  Open alerts are those with
 * resolved false: GET /api/v1/alerts?resolved=false.
 */
#include <string.h>

#include "../core/util.h"
#include "declare.h"
#include "enums_family.h"
#include "res_alerts.h"
#include "roles.h"

static const struct field alert_fields[] = {
	REF("child_id", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, "children",
	    "儿童", "Child"),
	ENUM("kind", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, enum_alert_kind,
	    "提醒类型", "Kind"),
	TEXT("source_resource", FF_IMMUTABLE | FF_FILTER, 0, 40, NULL,
	    "来源", "Raised by (resource)"),
	INT("source_id", FF_IMMUTABLE, 0, INT64_MAX, "来源记录",
	    "Raised by (record)"),
	TEXT("raised_at", FF_READONLY, 0, 32, NULL, "提出时间", "Raised at"),
	BOOL("resolved", FF_FILTER, "已处理", "Resolved"),
	TEXT("resolved_at", FF_READONLY, 0, 32, NULL, "处理时间",
	    "Resolved at"),
	TEXT("resolution", FF_IDENTIFYING, 0, 500, NULL, "处理情况",
	    "How it was resolved"),
};

/* The server stamps when an alert was raised and when it was resolved. */
static int
alert_derive(const struct resource *r, struct value *v,
    const struct value *old, struct arena *a, struct err *e)
{
	struct value	*res = &v[resource_field_index(r, "resolved")];
	struct value	*at = &v[resource_field_index(r, "resolved_at")];
	char		 now[32];
	int		 was;

	time_now_rfc3339(now);
	if (old == NULL)
		v[resource_field_index(r, "raised_at")] = (struct value){ 1, 0,
		    0, arena_strdup(a, now) };
	if (!res->set || res->isnull)
		*res = (struct value){ 1, 0, 0, NULL };
	was = old != NULL && old[resource_field_index(r, "resolved")].i;
	if (res->i && !was)
		*at = (struct value){ 1, 0, 0, arena_strdup(a, now) };
	else if (!res->i)
		*at = (struct value){ 1, 1, 0, NULL };
	return (0);
}

const struct resource res_alerts = {
	"alerts", "提醒", "Alerts", FIELDS(alert_fields),
	ROLE_FIELD,
	ROLE_WORKER | ROLE_SUPERVISOR | ROLE_LEAD | ROLE_DIRECTOR |
	    ROLE_TOWNSHIP,
	/* scoped through the child: scope_ref.c */ "child_id",
	/* audit reads */ 1, alert_derive, NULL
};

int
alert_raise(struct store *db, const struct actor *ac, int64_t child_id,
    const char *kind, const char *source, int64_t source_id, struct arena *a,
    struct err *e)
{
	json_t	*in, *rec;

	in = json_pack("{s:I, s:s, s:s, s:I}", "child_id", (json_int_t)child_id,
	    "kind", kind, "source_resource", source, "source_id",
	    (json_int_t)source_id);
	/* A savepoint inside the caller's transaction (store.c). */
	rec = resource_create(&res_alerts, db, ac, in, a, e);
	json_decref(in);
	if (rec == NULL)
		return (-1);
	json_decref(rec);
	return (0);
}
