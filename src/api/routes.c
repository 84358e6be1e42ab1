/*
 * routes.c - the route table.  Resource routes are not listed: router.c
 * makes four for every declared resource (list, get, create, update)
 * with the roles the declaration names.
 */
#include <stddef.h>

#include "../domain/roles.h"
#include "handlers.h"

static const char *const q_none[] = { NULL };
static const char *const q_logout[] = { "everywhere", NULL };
static const char *const q_audit[] = { "resource", "record_id", "user_id",
	"action", "since", "cursor", "limit", NULL };
static const char *const q_profile[] = { "on", "format", NULL };
static const char *const q_page[] = { "limit", "cursor", NULL };
static const char *const q_evidence[] = { "resource", "record_id", "kind",
	NULL };
static const char *const q_evidence_list[] = { "resource", "record_id",
	NULL };
static const char *const q_dup[] = { "name", "birth_date", "village_code",
	"id_number", NULL };
static const char *const q_import[] = { "dry_run", NULL };

const struct route static_routes[] = {
	{ HTTP_GET | HTTP_HEAD, "/healthz", api_healthz, ROLE_NONE, q_none,
	    NULL, 0 },
	{ HTTP_GET, "/api/v1/version", api_version, ROLE_NONE, q_none, NULL,
	    RF_NO_DB },
	{ HTTP_POST, "/api/v1/session", api_session_login, ROLE_NONE, q_none,
	    NULL, RF_NO_CSRF },
	{ HTTP_GET, "/api/v1/session", api_session_get, ROLE_ANY, q_none,
	    NULL, 0 },
	{ HTTP_DELETE, "/api/v1/session", api_session_logout, ROLE_ANY,
	    q_logout, NULL, 0 },
	{ HTTP_POST, "/api/v1/session/totp", api_totp_setup, ROLE_ANY, q_none,
	    NULL, 0 },
	{ HTTP_POST, "/api/v1/session/totp/enable", api_totp_enable, ROLE_ANY,
	    q_none, NULL, 0 },
	{ HTTP_POST, "/api/v1/session/totp/disable", api_totp_disable,
	    ROLE_ANY, q_none, NULL, 0 },
	{ HTTP_PUT, "/api/v1/session/lang", api_session_lang_put, ROLE_ANY,
	    q_none, NULL, 0 },
	{ HTTP_GET, "/api/v1/home", api_home, ROLE_ANY, q_none, NULL, 0 },
	/* A guardian's request for everything held on the child. */
	{ HTTP_GET, "/api/v1/children/:id/export", api_child_export,
	    ROLE_SUPERVISOR | ROLE_LEAD | ROLE_TOWNSHIP, q_none, NULL, 0 },
	/* The regional needs profile, small cells suppressed. */
	{ HTTP_GET, "/api/v1/regions/:code/profile", api_region_profile,
	    ROLE_FIELD | ROLE_PURCHASER | ROLE_EVALUATOR, q_profile, NULL, 0 },
	/* A roster (CSV or XLSX) into the registry, all or nothing. */
	{ HTTP_POST, "/api/v1/imports/children", api_import_children,
	    ROLE_FIELD, q_import, NULL, RF_LARGE_BODY },
	/* Read only: no route edits or deletes the audit log. */
	{ HTTP_GET, "/api/v1/audit", api_audit_list, ROLE_ADMIN, q_audit, NULL,
	    0 },
	{ HTTP_GET, "/api/v1/schema", api_schema_index, ROLE_ANY, q_none,
	    NULL, RF_NO_DB },
	{ HTTP_GET, "/api/v1/schema/:name", api_schema_get, ROLE_ANY, q_none,
	    NULL, RF_NO_DB },
	/* Visits, referrals, mandatory reports (api_referrals.c). */
	{ HTTP_GET, "/api/v1/alerts/overdue-visits", api_visits_overdue,
	    ROLE_FIELD, q_page, NULL, 0 },
	{ HTTP_POST, "/api/v1/referrals/escalate", api_referrals_escalate,
	    ROLE_SUPERVISOR | ROLE_LEAD | ROLE_TOWNSHIP | ROLE_ADMIN, q_none,
	    NULL, 0 },
	{ HTTP_GET, "/api/v1/referrals/inbox", api_referrals_inbox,
	    ROLE_SCHOOL, q_none, NULL, 0 },
	{ HTTP_POST, "/api/v1/mandatory_reports/raise", api_reports_raise,
	    ROLE_FIELD, q_none, NULL, 0 },
	{ HTTP_GET, "/api/v1/children/:id/timeline", api_child_timeline,
	    ROLE_FIELD | ROLE_PURCHASER | ROLE_EVALUATOR, q_none, NULL, 0 },
	{ HTTP_GET, "/api/v1/partners/hsds", api_partners_hsds, ROLE_ANY,
	    q_none, NULL, 0 },
	/* Attendance rates of a group's members and of the group. */
	{ HTTP_GET, "/api/v1/groups/:id/attendance", api_group_attendance,
	    ROLE_FIELD | ROLE_PURCHASER | ROLE_EVALUATOR, q_none, NULL, 0 },
	/*
	 * Evidence files: who may write the record uploads, who may read it
	 * lists and fetches (checked on the record itself).
	 */
	{ HTTP_POST, "/api/v1/evidence", api_evidence_upload,
	    ROLE_FIELD | ROLE_FINANCE | ROLE_PURCHASER | ROLE_ADMIN, q_evidence,
	    NULL, RF_UPLOAD },
	{ HTTP_GET, "/api/v1/evidence", api_evidence_list, ROLE_ANY,
	    q_evidence_list, NULL, 0 },
	{ HTTP_GET, "/api/v1/evidence/:id/content", api_evidence_content,
	    ROLE_ANY, q_none, NULL, 0 },
	/* Who uploaded it, or a supervisor, lead or administrator. */
	{ HTTP_DELETE, "/api/v1/evidence/:id", api_evidence_delete,
	    ROLE_FIELD | ROLE_FINANCE | ROLE_PURCHASER | ROLE_ADMIN, q_none,
	    NULL, 0 },
	/* The left-behind rule's answer for one child. */
	{ HTTP_GET, "/api/v1/children/:id/eligibility", api_child_eligibility,
	    ROLE_FIELD, q_none, NULL, 0 },
	/* Before /api/v1/children/:id: the router tries these first. */
	{ HTTP_GET, "/api/v1/children/duplicates", api_child_duplicates,
	    ROLE_WORKER | ROLE_SUPERVISOR | ROLE_LEAD | ROLE_DIRECTOR |
	    ROLE_TOWNSHIP, q_dup, NULL, 0 },
	{ HTTP_POST, "/api/v1/children/:id/merge", api_child_merge,
	    ROLE_SUPERVISOR | ROLE_LEAD, q_none, NULL, 0 },
	/* Last: everything outside /api/ and /healthz is the web app. */
	{ HTTP_GET | HTTP_HEAD, "/", api_static_get, ROLE_NONE, NULL, NULL,
	    RF_NO_DB | RF_STATIC },
};
const size_t nstatic_routes = sizeof(static_routes) / sizeof(static_routes[0]);
