/*
 * api_audit.c - GET /api/v1/audit: administrators search the audit log
 * by resource, record, user, action and time, a page at a time (cursor
 * by id, as resource lists).  No route writes, edits or deletes an entry:
 * only the domain appends.  The SELECT is kept in audit_search() so it
 * can move to domain/audit.c as it is.
 */
#include <string.h>

#include "../core/util.h"
#include "../domain/auth.h"
#include "../domain/roles.h"
#include "handlers.h"

struct audit_query {
	const char	*resource;	/* NULL = any */
	const char	*action;
	const char	*since;		/* compared with `at` as text */
	int64_t		 record_id;	/* -1 = any */
	int64_t		 user_id;
	int64_t		 after;		/* cursor: entries with a larger id */
	int		 limit;
};

/* A code (resource or action name): 1 to 32 of a-z, 0-9 and _. */
static int
code_param(struct req *r, const char *name, const char **out, struct err *e)
{
	const char	*v = req_query(r, name);
	size_t		 n;

	*out = v;
	if (v == NULL)
		return (0);
	n = strlen(v);
	if (n >= 1 && n <= 32 && strspn(v, "abcdefghijklmnopqrstuvwxyz"
	    "0123456789_") == n)
		return (0);
	err_setl(e, ERR_INVALID, name, "%s 应为 1 到 32 个小写字母、数字或 _",
	    "%s must be 1 to 32 lowercase letters, digits or _", name);
	return (-1);
}

/* A whole number from 0; *out stays -1 when the parameter is absent. */
static int
id_param(struct req *r, const char *name, int64_t *out, struct err *e)
{
	const char	*v = req_query(r, name);

	*out = -1;
	if (v == NULL)
		return (0);
	if (parse_int64(v, out) == 0 && *out >= 0)
		return (0);
	err_setl(e, ERR_INVALID, name, "%s 应为非负整数",
	    "%s must be a whole number from 0", name);
	return (-1);
}

static int
two_digits(const char *s, int max)
{
	return (s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
	    (s[0] - '0') * 10 + (s[1] - '0') <= max);
}

/*
 * since: a date (2026-01-01) or a UTC time (2026-01-01T08:30:00Z, with
 * an optional fraction).  Entries' `at` is RFC 3339 with milliseconds
 * and a Z, so the value without its Z compares right as text.
 */
static int
since_param(struct req *r, struct audit_query *q, struct err *e)
{
	const char	*v = req_query(r, "since"), *p;
	size_t		 n;

	q->since = NULL;
	if (v == NULL)
		return (0);
	n = strlen(v);
	if (n < 10)
		goto bad;
	if (n == 10) {
		if (date_valid(v) == -1)
			goto bad;
		q->since = v;
		return (0);
	}
	if (date_valid(arena_strndup(r->arena, v, 10)) == -1 || n < 20 ||
	    v[10] != 'T' || !two_digits(v + 11, 23) || v[13] != ':' ||
	    !two_digits(v + 14, 59) || v[16] != ':' ||
	    !two_digits(v + 17, 59) || v[n - 1] != 'Z')
		goto bad;
	p = v + 19;
	if (*p == '.') {
		p++;
		if (strspn(p, "0123456789") < 1 ||
		    strspn(p, "0123456789") > 9)
			goto bad;
		p += strspn(p, "0123456789");
	}
	if (p != v + n - 1)
		goto bad;
	q->since = arena_strndup(r->arena, v, n - 1);
	return (0);
bad:
	err_setl(e, ERR_INVALID, "since",
	    "since 应为日期 (2026-01-01) 或 UTC 时间 (2026-01-01T08:00:00Z)",
	    "since must be a date (2026-01-01) or a UTC time "
	    "(2026-01-01T08:00:00Z)");
	return (-1);
}

static int
audit_query_parse(struct req *r, struct audit_query *q, struct err *e)
{
	memset(q, 0, sizeof(*q));
	if (req_page(r, &q->limit, &q->after, e) == -1)
		return (-1);
	if (code_param(r, "resource", &q->resource, e) == -1 ||
	    code_param(r, "action", &q->action, e) == -1 ||
	    id_param(r, "record_id", &q->record_id, e) == -1 ||
	    id_param(r, "user_id", &q->user_id, e) == -1 ||
	    since_param(r, q, e) == -1)
		return (-1);
	return (0);
}

static json_t *
roles_json(unsigned roles)
{
	json_t	*a = json_array();
	int	 i;

	for (i = 0; i < ROLE__COUNT; i++)
		if (roles & role_table[i].bit)
			json_array_append_new(a,
			    json_string(role_table[i].code));
	return (a);
}

/* One entry; `remote` (an address) only for an administrator. */
static json_t *
entry_json(struct stmt *st, int with_remote)
{
	json_t		*o, *detail;
	const char	*d = stmt_text(st, 7);

	/* detail is JSON text as written; kept as text if it is not. */
	if ((detail = json_loads(d, JSON_REJECT_DUPLICATES, NULL)) == NULL)
		detail = json_string(d);
	o = json_pack("{s:I, s:s, s:I, s:o, s:s, s:s, s:I, s:o}",
	    "id", (json_int_t)stmt_int64(st, 0), "at", stmt_text(st, 1),
	    "user_id", (json_int_t)stmt_int64(st, 2),
	    "roles", roles_json((unsigned)stmt_int64(st, 3)),
	    "action", stmt_text(st, 4), "resource", stmt_text(st, 5),
	    "record_id", (json_int_t)stmt_int64(st, 6), "detail", detail);
	if (with_remote)
		json_object_set_new(o, "remote", json_string(stmt_text(st, 8)));
	return (o);
}

/* {"items": [...], "next_cursor": "N" | null}, or NULL with e set. */
static json_t *
audit_search(struct store *db, const struct audit_query *q, int with_remote,
    struct arena *a, struct err *e)
{
	struct stmt	*st;
	json_t		*items, *out;
	int64_t		 last = 0;
	int		 k = 1, n = 0, rc, more = 0;

	st = store_prepare(db, arena_printf(a, "SELECT id, at, user_id, "
	    "roles, action, resource, record_id, detail, remote FROM "
	    "audit_log WHERE id > ?%s%s%s%s%s ORDER BY id LIMIT %d",
	    q->resource ? " AND resource = ?" : "",
	    q->record_id >= 0 ? " AND record_id = ?" : "",
	    q->user_id >= 0 ? " AND user_id = ?" : "",
	    q->action ? " AND action = ?" : "",
	    q->since ? " AND at >= ?" : "", q->limit + 1), e);
	if (st == NULL)
		return (NULL);
	stmt_bind_int64(st, k++, q->after);
	if (q->resource)
		stmt_bind_text(st, k++, q->resource);
	if (q->record_id >= 0)
		stmt_bind_int64(st, k++, q->record_id);
	if (q->user_id >= 0)
		stmt_bind_int64(st, k++, q->user_id);
	if (q->action)
		stmt_bind_text(st, k++, q->action);
	if (q->since)
		stmt_bind_text(st, k++, q->since);
	items = json_array();
	while ((rc = stmt_step(st, e)) == 1) {
		if (n == q->limit) {
			more = 1;
			break;
		}
		last = stmt_int64(st, 0);
		json_array_append_new(items, entry_json(st, with_remote));
		n++;
	}
	stmt_finalize(st);
	if (rc == -1) {
		json_decref(items);
		return (NULL);
	}
	out = json_pack("{s:o}", "items", items);
	json_object_set_new(out, "next_cursor", more ? json_string(
	    arena_printf(a, "%lld", (long long)last)) : json_null());
	return (out);
}

void
api_audit_list(struct req *r, struct res *res)
{
	struct audit_query	 q;
	struct err		 e;
	json_t			*out;

	/*
	 * The route admits administrators only; the address is checked
	 * again here so that widening the route cannot leak it.
	 */
	if (audit_query_parse(r, &q, &e) == -1 ||
	    (out = audit_search(r->db, &q, (r->session->roles & ROLE_ADMIN) !=
	    0, r->arena, &e)) == NULL) {
		res_problem(r, res, &e);
		return;
	}
	res_json(r, res, 200, out);
}
