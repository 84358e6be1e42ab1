/*
 * timeline.c - a child's timeline (timeline.h).  The sources are data;
 * rows come through resource_list() so scope, audit and de-identified
 * views are the resources' own, never re-implemented here.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/lang.h"
#include "../core/util.h"
#include "timeline.h"
#include "values.h"
#include "workflow.h"

/* One line a source: resource, child field, date field, labels, fields. */
static const struct timeline_source sources[] = {
	{ "consents", "child_id", "given_on", "监护人同意", "Consent given",
	    { "scope", "relation", NULL } },
	{ "consents", "child_id", "withdrawn_on", "撤回同意",
	    "Consent withdrawn", { "scope", NULL } },
	{ "assessments", "child_id", "assessed_on", "需求评估",
	    "Needs assessment", { "kind", "risk_level", "risk_override",
	    NULL } },
	{ "visits", "child_id", "visited_on", "走访", "Home visit",
	    { "place", "concerns", "follow_up_due", NULL } },
	{ "visits", "child_id", "follow_up_done_on", "走访跟进完成",
	    "Visit follow-up done", { NULL } },
	{ "referrals", "child_id", "created_at", "转介", "Referral",
	    { "partner_id", "urgency", "status", NULL } },
	{ "mandatory_reports", "child_id", "detected_at", "强制报告",
	    "Mandatory report", { "report_trigger", "recipients",
	    "report_delay_minutes", "status" } },
};

struct entry {
	const char	*at;
	int		 seq;	/* keeps equal dates in reading order */
	json_t		*j;
};

static int
entry_cmp(const void *pa, const void *pb)
{
	const struct entry	*x = pa, *y = pb;
	int			 c = strcmp(x->at, y->at);

	return (c != 0 ? c : x->seq - y->seq);
}

struct acc {
	struct entry	*v;
	size_t		 n;
	int		 truncated;
};

/*
 * The order of at: a date as it is (before any time of that day), a
 * date-time in UTC, so offsets compare rightly ("08:00+08:00" is before
 * "01:00Z"), with its fraction kept for steps of the same second.
 */
static const char *
sort_key(const char *at, struct arena *a)
{
	struct tm	 tm;
	struct err	 e;
	time_t		 t;
	const char	*frac;
	char		 buf[32];

	if (strlen(at) <= 10 || check_datetime(at, "at", &e) == -1)
		return (arena_strdup(a, at));
	t = (time_t)datetime_epoch(at);
	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	frac = strchr(at + 16, '.');	/* after HH:MM */
	return (arena_printf(a, "%s%.*s", buf, frac != NULL ?
	    (int)strspn(frac, ".0123456789") : 0, frac != NULL ? frac : ""));
}

static void
acc_add(struct acc *acc, const char *at, json_t *j, struct arena *a)
{
	if (acc->n == TIMELINE_MAX) {
		acc->truncated = 1;
		json_decref(j);
		return;
	}
	acc->v[acc->n].at = sort_key(at, a);
	acc->v[acc->n].seq = (int)acc->n;
	acc->v[acc->n++].j = j;
}

/* The workflow steps of one record. */
static int
add_steps(struct store *db, const struct resource *r, int64_t id,
    struct acc *acc, struct arena *a, struct err *e)
{
	const struct workflow	*w = r->workflow;
	struct stmt		*st;
	int			 rc;

	if ((st = store_prepare(db, "SELECT action, from_state, to_state, at "
	    "FROM workflow_log WHERE resource = ? AND record_id = ? ORDER BY "
	    "id", e)) == NULL)
		return (-1);
	stmt_bind_text(st, 1, r->name);
	stmt_bind_int64(st, 2, id);
	while ((rc = stmt_step(st, e)) == 1) {
		const struct transition *t = workflow_find(w, stmt_text(st, 0));

		json_t *o = json_pack("{s:s, s:s, s:s, s:I, s:s, s:s, s:s}",
		    "at", stmt_text(st, 3), "kind", "step", "resource",
		    r->name, "id", (json_int_t)id, "action", stmt_text(st, 0),
		    "from", stmt_text(st, 1), "to", stmt_text(st, 2));

		lang_put(o, t != NULL ? t->zh : stmt_text(st, 0),
		    t != NULL ? t->en : stmt_text(st, 0));
		acc_add(acc, stmt_text(st, 3), o, a);
	}
	stmt_finalize(st);
	return (rc == -1 ? -1 : 0);
}

static json_t *
summary_of(const struct timeline_source *s, json_t *rec)
{
	json_t	*o = json_object(), *v;
	size_t	 i;

	for (i = 0; i < TIMELINE_SUMMARY && s->summary[i] != NULL; i++)
		/* Absent: withheld from this reader; leave it out. */
		if ((v = json_object_get(rec, s->summary[i])) != NULL)
			json_object_set(o, s->summary[i], v);
	return (o);
}

static json_t *
record_entry(const struct timeline_source *s, const struct resource *r,
    json_t *rec, json_t *date)
{
	json_t	*o = json_pack("{s:O, s:s, s:s, s:O, s:o}", "at", date,
	    "kind", "record", "resource", r->name, "id",
	    json_object_get(rec, "id"), "summary", summary_of(s, rec));

	lang_put(o, s->zh, s->en);
	return (o);
}

/* Does an earlier source of the same resource already bring its steps? */
static int
steps_added(size_t k)
{
	size_t	i;

	for (i = 0; i < k; i++)
		if (strcmp(sources[i].resource, sources[k].resource) == 0)
			return (1);
	return (0);
}

static int
add_source(struct store *db, const struct actor *ac, size_t k,
    int64_t child, struct acc *acc, struct arena *a, struct err *e)
{
	const struct timeline_source	*s = &sources[k];
	const struct resource		*r = resource_find(s->resource);
	struct list_query		 lq;
	json_t				*page, *rec, *date;
	const char			*cur;
	size_t				 i;
	int				 f;

	if (r == NULL || (f = resource_field_index(r, s->child_field)) == -1 ||
	    (!(r->read_roles & ac->roles) && ac->user_id != 0))
		return (0);
	memset(&lq, 0, sizeof(lq));
	lq.limit = 500;
	lq.filters[0].field = f;
	lq.filters[0].value = arena_printf(a, "%lld", (long long)child);
	lq.nfilters = 1;
	do {
		if ((page = resource_list(r, db, ac, &lq, a, e)) == NULL)
			return (-1);
		json_array_foreach(json_object_get(page, "items"), i, rec) {
			date = json_object_get(rec, s->date_field);
			if (json_is_string(date))
				acc_add(acc, json_string_value(date),
				    record_entry(s, r, rec, date), a);
			if (r->workflow != NULL && !steps_added(k) &&
			    add_steps(db, r, json_integer_value(
			    json_object_get(rec, "id")), acc, a, e) == -1) {
				json_decref(page);
				return (-1);
			}
		}
		cur = json_string_value(json_object_get(page, "next_cursor"));
		if (cur != NULL)
			parse_int64(cur, &lq.after);
		json_decref(page);
	} while (cur != NULL && !acc->truncated);
	return (0);
}

json_t *
timeline_child(struct store *db, const struct actor *ac, int64_t child,
    struct arena *a, struct err *e)
{
	struct acc	 acc;
	json_t		*rec, *items;
	size_t		 i;
	int		 rc = 0;

	/* The child first: scope, audit of the read, 404 alike. */
	if ((rec = resource_get(resource_find("children"), db, ac, child, a,
	    e)) == NULL)
		return (NULL);
	json_decref(rec);
	memset(&acc, 0, sizeof(acc));
	acc.v = arena_alloc(a, TIMELINE_MAX * sizeof(*acc.v));
	for (i = 0; i < nitems(sources) && rc == 0; i++)
		rc = add_source(db, ac, i, child, &acc, a, e);
	if (rc == -1) {
		for (i = 0; i < acc.n; i++)
			json_decref(acc.v[i].j);
		return (NULL);
	}
	qsort(acc.v, acc.n, sizeof(*acc.v), entry_cmp);
	items = json_array();
	for (i = 0; i < acc.n; i++)
		json_array_append_new(items, acc.v[i].j);
	return (json_pack("{s:I, s:o, s:b}", "child_id", (json_int_t)child,
	    "items", items, "truncated", acc.truncated));
}
