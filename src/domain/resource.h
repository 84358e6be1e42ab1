/*
 * resource.h - a resource declared once, as data (DESIGN.md §4).
 *
 * A declaration lists the fields (type, bounds, enumeration, flags,
 * labels) and who may read and write.  Generic code in resource.c gives
 * every declared resource validation, storage (one table of the same
 * name, plus id, revision and who/when columns), list/get/create/update,
 * the JSON schema at /api/v1/schema/<name>, and audit records.  Adding a
 * resource takes a declaration here, a line in resources.c and a
 * migration.
 */
#ifndef LBCARE_RESOURCE_H
#define LBCARE_RESOURCE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"

enum field_type {
	FT_INT,		/* integer within [min, max] */
	FT_TEXT,	/* UTF-8 text, length in characters within [min, max] */
	FT_DATE,	/* calendar date YYYY-MM-DD */
	FT_BOOL,	/* true/false, stored 0/1 */
	FT_ENUM,	/* code from an enumeration */
	FT_REF		/* id of a row of another resource */
};

#define FF_REQUIRED	0x0001	/* must be present on create */
#define FF_SENSITIVE	0x0002	/* protected at rest; never in logs/exports */
#define FF_IDENTIFYING	0x0004	/* withheld from de-identified views */
#define FF_READONLY	0x0008	/* set by the server, not by clients */
#define FF_IMMUTABLE	0x0010	/* cannot change after create */
#define FF_UNIQUE	0x0020	/* a duplicate value is a 409 */
#define FF_FILTER	0x0040	/* ?name=value lists rows equal to value */
#define FF_PREFIX	0x0080	/* ?name=value lists rows starting with it */
#define FF_SEARCH	0x0100	/* ?q=text matches it by substring */
#define FF_LOWER	0x0200	/* stored lowercase: ?q= is lowercased for it */
#define FF_CREATOR	0x0400	/* REF users: the creator when absent on create */
/*
 * A REF "users" naming a person who must stay unknown (a mandatory
 * report's reporter, 高检发〔2020〕9号): shown only to that person, to
 * CONFIDENTIAL_ROLES and to the system; withheld from everyone else,
 * like an identifying field.  Never declare it FF_FILTER or FF_SEARCH.
 */
#define FF_CONFIDENTIAL	0x0800
/*
 * A REF "users" naming whose caseload the row is in (a case's worker):
 * a social worker who is not also a supervisor, lead or administrator
 * reads and writes only their own caseload's rows, and rows that hang
 * off them (a case's goals and notes).  scope_ref.c.
 */
#define FF_CASELOAD	0x1000

/* Who may see FF_CONFIDENTIAL fields besides the person they name. */
#define CONFIDENTIAL_ROLES	(ROLE_SUPERVISOR | ROLE_LEAD | ROLE_ADMIN)

struct enum_value {
	const char	*code;
	const char	*zh;
	const char	*en;
};

struct enum_decl {
	const char		*name;
	const struct enum_value	*values;
	size_t			 nvalues;
};

#define ENUM_DECL(n, arr)	{ (n), (arr), sizeof(arr) / sizeof((arr)[0]) }

struct field {
	const char		*name;
	enum field_type		 type;
	unsigned		 flags;
	int64_t			 min, max;	/* INT: value; TEXT: length */
	const struct enum_decl	*enumeration;	/* FT_ENUM */
	const char		*ref;		/* FT_REF: resource name */
	/* Extra rule for a text value (check characters and the like). */
	int			(*check)(const char *, const char *field,
				    struct err *);
	const char		*zh;
	const char		*en;
};

struct value {
	int		 set;		/* present in the input */
	int		 isnull;
	int64_t		 i;		/* INT, BOOL, REF */
	const char	*s;		/* TEXT, DATE, ENUM */
};

struct resource;
struct workflow;

/* A person's roles in one project (domain/membership.c). */
struct project_role {
	int64_t		 project_id;
	unsigned	 roles;
};

/* Who is asking: what generic code needs of the session. */
struct actor {
	int64_t		 user_id;	/* 0 = the system (CLI, demo) */
	unsigned	 roles;
	const char	*scope;		/* region-code prefix; "" = everywhere */
	int		 deidentify;	/* withhold FF_IDENTIFYING fields */
	const char	*remote_addr;
	/*
	 * Project-bound: the person has been a member of some project, so
	 * rows that belong to a project are theirs only through a current
	 * membership whose roles admit the operation (scope_ref.c).
	 */
	int				 project_bound;
	const struct project_role	*projects;
	size_t				 nprojects;
};

struct resource {
	const char		*name;		/* URL segment and table */
	const char		*zh;
	const char		*en;
	const struct field	*fields;
	size_t			 nfields;
	unsigned		 read_roles;
	unsigned		 write_roles;
	/*
	 * The field that scopes rows to an actor, or NULL: a region-code
	 * field, or an FT_REF whose target row's scope decides (a consent
	 * is in scope when its child is; domain/scope_ref.c).
	 */
	const char		*scope_field;
	int			 audit_reads;	/* log every read of a row */
	/*
	 * Derive read-only fields and check rules across fields, after
	 * each field is valid on its own.  vals is indexed like fields;
	 * old is the stored row on update, NULL on create.
	 */
	int			(*derive)(const struct resource *,
				    struct value *vals, const struct value *old,
				    struct arena *, struct err *);
	/* Its state machine, or NULL (workflow.h). */
	const struct workflow	*workflow;
};

/* The declared resources, NULL-terminated (resources.c). */
extern const struct resource *const resources[];
const struct resource	*resource_find(const char *name);
int			 resource_field_index(const struct resource *,
			    const char *name);
const struct enum_value	*enum_find(const struct enum_decl *, const char *code);
/* {"code", "zh", "en", "bo"?} for the schema and the workflow's states. */
json_t			*enum_value_json(const struct enum_value *);

/*
 * Validate a JSON object against the declaration into vals (an array of
 * nfields, arena-owned).  On update (old != NULL) absent fields keep
 * their old values.  Unknown fields, wrong types, bad codes, lengths and
 * checks are ERR_INVALID naming the field; nothing is written.
 */
int		 resource_validate(const struct resource *, json_t *in,
		    const struct value *old, struct value *vals,
		    struct arena *, struct err *);

/*
 * Storage.  Each returns a new JSON reference the caller owns (the record
 * as the actor may see it), or NULL with err set; nothing is written on
 * failure.
 */
json_t		*resource_create(const struct resource *, struct store *,
		    const struct actor *, json_t *in, struct arena *,
		    struct err *);
json_t		*resource_get(const struct resource *, struct store *,
		    const struct actor *, int64_t id, struct arena *,
		    struct err *);
/* expect_rev is the revision the writer read (If-Match). */
json_t		*resource_update(const struct resource *, struct store *,
		    const struct actor *, int64_t id, int64_t expect_rev,
		    json_t *in, struct arena *, struct err *);

/*
 * What an update does besides writing the row, for workflow.c: adjust
 * the new values once they are valid (set the state; may refuse), then
 * more writes in the same transaction once the row is written.
 */
struct update_hook {
	const char	*audit_action;		/* "update" when NULL */
	int		(*adjust)(void *ctx, const struct resource *,
			    struct store *, const struct actor *, int64_t id,
			    const struct value *old, struct value *nv,
			    struct arena *, struct err *);
	int		(*in_tx)(void *ctx, const struct resource *,
			    struct store *, const struct actor *, int64_t id,
			    const struct value *old, const struct value *nv,
			    struct arena *, struct err *);
	void		*ctx;
};
json_t		*resource_update_ex(const struct resource *, struct store *,
		    const struct actor *, int64_t id, int64_t expect_rev,
		    json_t *in, const struct update_hook *, struct arena *,
		    struct err *);
/* Whether the actor may see an FF_CONFIDENTIAL field holding v. */
int		 resource_confidential_visible(const struct actor *,
		    const struct value *v);
/* Whether the actor's scope admits this row (vals as loaded). */
int		 resource_in_scope(const struct resource *, struct store *,
		    const struct actor *, const struct value *vals);

struct list_query {
	int64_t		 after;		/* cursor: last id seen, 0 = start */
	int		 limit;
	const char	*q;		/* search text or NULL */
	/* filters: field index and value, from query parameters */
	struct {
		int		 field;
		const char	*value;
	}		 filters[8];
	size_t		 nfilters;
	/*
	 * ?sort=field or -field; NULL for id order.  A sorted list pages by
	 * offset (after is then the count of rows already seen).
	 */
	const struct field *sort;
	int		 sort_desc;
};

/*
 * Whether a list may be sorted by field k for this actor: not by a sealed
 * value, nor by a withheld one (its order would tell what it hides).
 */
int		 resource_sortable(const struct resource *, int k,
		    const struct actor *);

/* {"items": [...], "next_cursor": "…" | null} */
json_t		*resource_list(const struct resource *, struct store *,
		    const struct actor *, const struct list_query *,
		    struct arena *, struct err *);

/*
 * Re-seal, under the newest data key, up to batch values of this
 * resource's sensitive fields that are sealed under an older key, in one
 * transaction.  Returns how many it re-sealed (0: none left), or -1.
 * Safe to run while the server runs, and to stop and run again.
 */
int		 resource_reseal(const struct resource *, struct store *,
		    int batch, struct arena *, struct err *);
/* {"<field>": {"<key id>": count, ...}, ...} for sensitive fields. */
json_t		*resource_seal_status(const struct resource *, struct store *,
		    struct arena *, struct err *);

/*
 * One field's value (field index k) checked on its own, as
 * resource_validate() checks it (type, bounds, codes, check function),
 * into v: for readers that report every bad cell, not the first.
 */
int		 resource_validate_field(const struct resource *, int k,
		    json_t *, struct value *v, struct arena *, struct err *);
/*
 * The stored row id into vals (indexed like fields, sealed fields
 * opened) and its revision; unchecked for scope and not audited: for
 * callers that check scope themselves before they write (imports).
 */
int		 resource_load(const struct resource *, struct store *,
		    int64_t id, struct value *vals, int64_t *revision,
		    struct arena *, struct err *);

/* The JSON schema the browser renders forms from. */
json_t		*resource_schema(const struct resource *);

#endif
