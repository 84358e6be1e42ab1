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

/* api_system.c */
void	api_healthz(struct req *, struct res *);
void	api_schema_index(struct req *, struct res *);
void	api_schema_get(struct req *, struct res *);
void	api_home(struct req *, struct res *);
void	api_version(struct req *, struct res *);

/* api_static.c */
void	api_static_get(struct req *, struct res *);

/* The actor (who is asking) for domain calls, from the session. */
struct actor;
void	api_actor(const struct req *, struct actor *);

#endif
