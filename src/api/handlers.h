/*
 * handlers.h - every route handler, grouped by file.  routes.c puts them
 * in the table.
 */
#ifndef LBCARE_HANDLERS_H
#define LBCARE_HANDLERS_H

#include "router.h"

/* api_resources.c: generic handlers for every declared resource */
void	api_resource_list(struct req *, struct res *);
void	api_resource_get(struct req *, struct res *);
void	api_resource_create(struct req *, struct res *);
void	api_resource_update(struct req *, struct res *);

/* api_workflow.c: state-machine steps of resources with a workflow */
void	api_resource_transition(struct req *, struct res *);
void	api_resource_transitions(struct req *, struct res *);

/* api_session.c */
void	api_session_login(struct req *, struct res *);
void	api_session_get(struct req *, struct res *);
void	api_session_logout(struct req *, struct res *);

/* api_audit.c: the audit log, searched by administrators */
void	api_audit_list(struct req *, struct res *);

/* api_export.c */
void	api_child_export(struct req *, struct res *);

/* api_profile.c: the regional needs profile (JSON or CSV) */
void	api_region_profile(struct req *, struct res *);

/* api_import.c: a children roster from a spreadsheet */
void	api_import_children(struct req *, struct res *);

/* api_totp.c: the second factor of the signed-in person */
void	api_totp_setup(struct req *, struct res *);
void	api_totp_enable(struct req *, struct res *);
void	api_totp_disable(struct req *, struct res *);

/* api_prefs.c: the signed-in person's own settings */
void	api_session_lang_put(struct req *, struct res *);
/* Add user.lang (the language, or null) to a session answer. */
void	api_prefs_add_lang(struct req *, json_t *);
/* api_referrals.c: visits, referrals, mandatory reports, timeline */
void	api_visits_overdue(struct req *, struct res *);
void	api_referrals_escalate(struct req *, struct res *);
void	api_referrals_inbox(struct req *, struct res *);
void	api_reports_raise(struct req *, struct res *);
void	api_child_timeline(struct req *, struct res *);
void	api_partners_hsds(struct req *, struct res *);
/* api_registry.c: a child's eligibility, duplicates and merges */
void	api_child_eligibility(struct req *, struct res *);
void	api_child_duplicates(struct req *, struct res *);
void	api_child_merge(struct req *, struct res *);

/* api_system.c */
void	api_healthz(struct req *, struct res *);
void	api_schema_index(struct req *, struct res *);
void	api_schema_get(struct req *, struct res *);
void	api_home(struct req *, struct res *);
void	api_version(struct req *, struct res *);

/* api_groups.c: a group's attendance rates */
void	api_group_attendance(struct req *, struct res *);

/* api_evidence.c: evidence files linked to any record */
void	api_evidence_upload(struct req *, struct res *);
void	api_evidence_list(struct req *, struct res *);
void	api_evidence_content(struct req *, struct res *);
void	api_evidence_delete(struct req *, struct res *);

/* api_static.c */
void	api_static_get(struct req *, struct res *);

/* Shared by the record handlers (api_resources.c). */
int	path_id_or_reply(struct req *, struct res *, int64_t *id);
int	if_match_or_reply(struct req *, struct res *, int64_t *rev);
void	set_etag(struct req *, struct res *, json_t *rec);

/* The actor (who is asking) for domain calls, from the session. */
struct actor;
void	api_actor(const struct req *, struct actor *);

#endif
