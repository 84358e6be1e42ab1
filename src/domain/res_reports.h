/*
 * res_reports.h - mandatory reports (强制报告, DOMAIN.md §2.2-2.3,
 * §11.4) as a declared resource with a state machine, and raising one in
 * a single step from any record that names a child.
 */
#ifndef LBCARE_RES_REPORTS_H
#define LBCARE_RES_REPORTS_H

#include <jansson.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"
#include "resource.h"

extern const struct resource res_mandatory_reports;
extern const struct enum_decl enum_report_trigger;
extern const struct enum_decl enum_report_recipient;

/*
 * Raise a report from row source_id of the declared resource
 * source_resource: any resource with a child_id reference to children,
 * or children itself.  The actor must be able to read the source (its
 * roles and scope; the read is audited).  in holds the report's own
 * fields (report_trigger, detected_at, reported_at, recipients, ...);
 * child_id, and project_id when the source has one, come from the
 * source.  In one transaction: the report is created (DETECTED), linked
 * to its source, and taken through the "report" step (REPORTED), so its
 * history shows both.  Returns the record (new reference) or NULL with e
 * set; nothing is written on failure.
 */
json_t	*reports_raise(struct store *, const struct actor *,
	    const char *source_resource, int64_t source_id, json_t *in,
	    struct arena *, struct err *);

#endif
