/*
 * retention.c - the retention rules as data, and the one function that
 * runs them: count what is due, then (unless a dry run) delete or
 * anonymize it in one transaction, auditing every anonymized row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/util.h"
#include "audit.h"
#include "protect.h"
#include "retention.h"

/* The evidence rows about child c (an SQL expression): its own records'. */
#define CHILD_EVIDENCE(c) \
	"((evidence.resource = 'children' AND evidence.record_id = " c ") OR " \
	"(evidence.resource = 'visits' AND evidence.record_id IN (SELECT id " \
	"FROM visits WHERE child_id = " c ")) OR (evidence.resource = 'cases' " \
	"AND evidence.record_id IN (SELECT id FROM cases WHERE child_id = " c \
	")) OR (evidence.resource = 'referrals' AND evidence.record_id IN " \
	"(SELECT id FROM referrals WHERE child_id = " c ")) OR " \
	"(evidence.resource = 'consents' AND evidence.record_id IN (SELECT id " \
	"FROM consents WHERE child_id = " c ")))"

const struct retention_rule retention_rules[] = {
	/*
	 * An adult's childhood record, untouched for the period: kept as a
	 * count (sex, ethnicity, village, birth year), no longer as a
	 * person; the guardian's name in its consents goes with it.  The
	 * period is a policy choice of the project (DOMAIN.md gives none):
	 * 5 years unless LBCARE_RETAIN_CHILD_YEARS says otherwise, a name
	 * chosen so that a `retain-child-years` option in core/conf.c
	 * would read the same variable.
	 */
	{ "children_aged_out",
	    "已满 18 岁且超过保存期未更新的儿童记录：匿名化",
	    "children aged 18 or over whose record was not updated within "
	    "the period: anonymized",
	    RETAIN_ANONYMIZE, "children", -1, "LBCARE_RETAIN_CHILD_YEARS", 5,
	    1, 50, RETAIN_YEARS,
	    "SELECT id FROM children WHERE birth_date <= ? AND "
	    "updated_at < ? AND name <> '" RETAIN_ANON_NAME "' ORDER BY id",
	    { RP_ADULT, RP_TIME, RP_END },
	    { "UPDATE children SET revision = revision + 1, updated_at = ?, "
	    "updated_by = 0, name = '" RETAIN_ANON_NAME "', name_bo = NULL, "
	    "name_pinyin = NULL, id_number = NULL, id_number_bidx = NULL, "
	    "address = NULL, notes = NULL, confirmed_by = NULL, "
	    "birth_date = substr(birth_date, 1, 4) || '-01-01' WHERE id = ?",
	    "UPDATE consents SET revision = revision + 1, updated_at = ?, "
	    "updated_by = 0, given_by_name = '" RETAIN_ANON_NAME "', "
	    "notes = NULL WHERE child_id = ?",
	    "UPDATE assessments SET revision = revision + 1, updated_at = ?, "
	    "updated_by = 0, notes = NULL, override_reason = NULL "
	    "WHERE child_id = ?",
	    "UPDATE parents SET revision = revision + 1, updated_at = ?, "
	    "updated_by = 0, name = NULL, phone = NULL, notes = NULL "
	    "WHERE child_id = ?",
	    "UPDATE caregivers SET revision = revision + 1, updated_at = ?, "
	    "updated_by = 0, name = '" RETAIN_ANON_NAME "', phone = NULL, "
	    "notes = NULL WHERE child_id = ?",
	    "UPDATE contact_logs SET revision = revision + 1, updated_at = ?, "
	    "updated_by = 0, notes = NULL WHERE child_id = ?",
	    "UPDATE alerts SET revision = revision + 1, updated_at = ?, "
	    "updated_by = 0, resolution = NULL WHERE child_id = ?", NULL },
	    NULL, NULL,
	    "{\"rule\":\"children_aged_out\",\"fields\":[\"name\",\"name_bo\","
	    "\"name_pinyin\",\"birth_date\",\"id_number\",\"address\","
	    "\"notes\",\"confirmed_by\"],\"consents\":[\"given_by_name\","
	    "\"notes\"],\"assessments\":[\"notes\",\"override_reason\"],"
	    "\"parents\":[\"name\",\"phone\",\"notes\"],\"caregivers\":"
	    "[\"name\",\"phone\",\"notes\"],\"contact_logs\":[\"notes\"],"
	    "\"alerts\":[\"resolution\"]}" },
	/*
	 * Casework about a child anonymized above (in the same run, or
	 * before): the text of its cases, goals and notes goes too; stages,
	 * dates and closure reasons stay for the counts.
	 */
	{ "case_records_anonymized",
	    "已匿名儿童的个案、目标与记录：清除文字",
	    "cases, goals and notes of anonymized children: text cleared",
	    RETAIN_ANONYMIZE, "cases", -1, NULL, 0, 0, 0, RETAIN_YEARS,
	    "SELECT id FROM cases WHERE child_id IN (SELECT id FROM children "
	    "WHERE name = '" RETAIN_ANON_NAME "') AND (referral_reason IS NOT "
	    "NULL OR presenting_problem IS NOT NULL OR closure_summary IS NOT "
	    "NULL OR EXISTS (SELECT 1 FROM case_goals WHERE case_id = cases.id "
	    "AND (goal IS NOT NULL OR interventions IS NOT NULL)) OR EXISTS "
	    "(SELECT 1 FROM case_notes WHERE case_id = cases.id AND (facts IS "
	    "NOT NULL OR assessment IS NOT NULL OR next_steps IS NOT NULL))) "
	    "ORDER BY id",
	    { RP_END },
	    { "UPDATE cases SET revision = revision + 1, updated_at = ?, "
	    "updated_by = 0, referral_reason = NULL, presenting_problem = "
	    "NULL, closure_summary = NULL WHERE id = ?",
	    "UPDATE case_goals SET revision = revision + 1, updated_at = ?, "
	    "updated_by = 0, goal = NULL, interventions = NULL "
	    "WHERE case_id = ?",
	    "UPDATE case_notes SET revision = revision + 1, updated_at = ?, "
	    "updated_by = 0, facts = NULL, assessment = NULL, next_steps = "
	    "NULL WHERE case_id = ?", NULL },
	    NULL, NULL,
	    "{\"rule\":\"case_records_anonymized\",\"fields\":["
	    "\"referral_reason\",\"presenting_problem\",\"closure_summary\"],"
	    "\"case_goals\":[\"goal\",\"interventions\"],\"case_notes\":"
	    "[\"facts\",\"assessment\",\"next_steps\"]}" },
	/*
	 * Service records of a child anonymized above: the free text of
	 * its home visits (place, observations), referrals (reason,
	 * feedback) and mandatory reports goes; dates, stages, urgency,
	 * triggers and concern codes stay for the counts.  A mandatory
	 * report may be under a legal retention of its own (it is a
	 * report to the authorities, 强制报告): only its narrative text is
	 * cleared here; the row, its times, recipients and reporter stay.
	 * A referral's reason is sealed and NOT NULL: it becomes the
	 * anonymized name, sealed (seal_sql); a referral still written by
	 * a person (updated_by <> 0) is how an uncleared one shows.
	 */
	{ "service_records_anonymized",
	    "已匿名儿童的走访、转介与强制报告：清除文字（强制报告仅清除叙述）",
	    "visits, referrals and mandatory reports of anonymized children: "
	    "text cleared (mandatory reports: narrative only)",
	    RETAIN_ANONYMIZE, "children", -1, NULL, 0, 0, 0, RETAIN_YEARS,
	    "SELECT id FROM children WHERE name = '" RETAIN_ANON_NAME "' AND "
	    "(EXISTS (SELECT 1 FROM visits WHERE child_id = children.id AND "
	    "(place IS NOT NULL OR observations IS NOT NULL)) OR EXISTS "
	    "(SELECT 1 FROM referrals WHERE child_id = children.id AND "
	    "(updated_by <> 0 OR feedback IS NOT NULL)) OR EXISTS (SELECT 1 "
	    "FROM mandatory_reports WHERE child_id = children.id AND "
	    "(emergency_response IS NOT NULL OR assessment IS NOT NULL OR "
	    "assistance IS NOT NULL OR guardianship_intervention IS NOT NULL "
	    "OR monitoring IS NOT NULL OR feedback_to_reporter IS NOT NULL))) "
	    "ORDER BY id",
	    { RP_END },
	    { "UPDATE visits SET revision = revision + 1, updated_at = ?, "
	    "updated_by = 0, place = NULL, observations = NULL "
	    "WHERE child_id = ?",
	    "UPDATE mandatory_reports SET revision = revision + 1, "
	    "updated_at = ?, updated_by = 0, emergency_response = NULL, "
	    "assessment = NULL, assistance = NULL, guardianship_intervention "
	    "= NULL, monitoring = NULL, feedback_to_reporter = NULL "
	    "WHERE child_id = ?", NULL },
	    "UPDATE referrals SET revision = revision + 1, updated_at = ?, "
	    "updated_by = 0, reason = ?, feedback = NULL WHERE child_id = ?",
	    "referrals.reason",
	    "{\"rule\":\"service_records_anonymized\",\"visits\":[\"place\","
	    "\"observations\"],\"referrals\":[\"reason\",\"feedback\"],"
	    "\"mandatory_reports\":[\"emergency_response\",\"assessment\","
	    "\"assistance\",\"guardianship_intervention\",\"monitoring\","
	    "\"feedback_to_reporter\"]}" },
	/*
	 * Evidence files about an anonymized child (photos and papers of its
	 * record, visits, cases, referrals and consents) go with its name;
	 * a file no other record links to leaves the database.  A mandatory
	 * report's evidence stays with the report (see above), and files of
	 * group sessions, activities and the like are the project's, not the
	 * child's.  The apply statements take (now, id) like the others:
	 * the id is read once, as p.c, where it is needed more than once.
	 */
	{ "evidence_anonymized",
	    "已匿名儿童的证明材料（档案、走访、个案、转介、同意书）：删除；强制报告的材料保留",
	    "evidence of anonymized children (record, visits, cases, referrals, "
	    "consents): deleted; a mandatory report's stays",
	    RETAIN_ANONYMIZE, "children", -1, NULL, 0, 0, 0, RETAIN_YEARS,
	    "SELECT id FROM children WHERE name = '" RETAIN_ANON_NAME "' AND "
	    "EXISTS (SELECT 1 FROM evidence WHERE " CHILD_EVIDENCE("children.id")
	    ") ORDER BY id",
	    { RP_END },
	    { "DELETE FROM evidence WHERE CAST(? AS TEXT) IS NOT NULL AND id IN "
	    "(SELECT evidence.id FROM evidence, (SELECT CAST(? AS BIGINT) AS c) "
	    "p WHERE " CHILD_EVIDENCE("p.c") ")",
	    "DELETE FROM evidence_blobs WHERE CAST(? AS TEXT) IS NOT NULL AND "
	    "CAST(? AS BIGINT) > 0 AND sha256 NOT IN (SELECT sha256 FROM "
	    "evidence)", NULL },
	    NULL, NULL,
	    "{\"rule\":\"evidence_anonymized\",\"evidence\":[\"children\","
	    "\"visits\",\"cases\",\"referrals\",\"consents\"]}" },
	/* Past --session-max a session is refused; its row is litter. */
	{ "sessions_expired",
	    "超过最长有效期 (--session-max) 的会话：删除",
	    "sessions past their absolute life (--session-max): deleted",
	    RETAIN_DELETE, "sessions", CONF_SESSION_MAX, NULL, 0, 0, 0,
	    RETAIN_HOURS,
	    "SELECT COUNT(*) FROM sessions WHERE created_at < ?",
	    { RP_EPOCH, RP_END },
	    { "DELETE FROM sessions WHERE created_at < ?", NULL }, NULL, NULL,
	    NULL },
	/*
	 * A day: longer than the longest --login-window (24 hours), so a
	 * deleted failure could no longer count towards throttling.
	 */
	{ "login_failures_old",
	    "一天以前的登录失败记录：删除",
	    "failed sign-ins older than a day: deleted",
	    RETAIN_DELETE, "login_failures", -1, NULL, 1, 1, 1, RETAIN_DAYS,
	    "SELECT COUNT(*) FROM login_failures WHERE at < ?",
	    { RP_EPOCH, RP_END },
	    { "DELETE FROM login_failures WHERE at < ?", NULL }, NULL, NULL,
	    NULL },
};
const size_t retention_nrules = nitems(retention_rules);

const char *
retention_unit_name(enum retention_unit u, int64_t n)
{
	static const char *const names[][2] = { { "hour", "hours" },
		{ "day", "days" }, { "year", "years" } };

	return (names[u][n != 1]);
}

/* The rule's period: configuration, environment, or its default. */
static int
rule_keep(const struct retention_rule *ru, const struct conf *c,
    struct retention_result *res, struct err *e)
{
	const char	*v;

	res->source = "default";
	res->keep = ru->keep;
	if (ru->conf_key >= 0) {
		res->keep = conf_int(c, ru->conf_key);
		res->source = "config";
	} else if (ru->env != NULL && (v = getenv(ru->env)) != NULL) {
		if (parse_int64(v, &res->keep) == -1 || res->keep < ru->min ||
		    res->keep > ru->max) {
			err_setl(e, ERR_INVALID, ru->env,
			    "%s 应为 %lld 到 %lld 之间的整数",
			    "%s must be an integer from %lld to %lld", ru->env,
			    (long long)ru->min, (long long)ru->max);
			return (-1);
		}
		res->source = "env";
	}
	return (0);
}

/* Now minus the period, as a calendar would count it. */
static time_t
cutoff(time_t now, int64_t keep, enum retention_unit u)
{
	struct tm	tm;

	switch (u) {
	case RETAIN_HOURS:
		return (now - (time_t)keep * 3600);
	case RETAIN_DAYS:
		return (now - (time_t)keep * 86400);
	case RETAIN_YEARS:
		break;
	}
	gmtime_r(&now, &tm);
	tm.tm_year -= (int)keep;
	return (timegm(&tm));
}

static void
bind_params(struct stmt *st, const struct retention_rule *ru, int64_t keep,
    time_t now)
{
	struct tm	tm;
	time_t		t = cutoff(now, keep, ru->unit);
	char		s[32];
	int		i;

	for (i = 0; ru->params[i] != RP_END; i++)
		switch (ru->params[i]) {
		case RP_EPOCH:
			stmt_bind_int64(st, i + 1, (int64_t)t);
			break;
		case RP_TIME:
			gmtime_r(&t, &tm);
			strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%S", &tm);
			stmt_bind_text(st, i + 1, s);
			break;
		case RP_ADULT:
			/* Birthdays fall on the local calendar. */
			localtime_r(&now, &tm);
			snprintf(s, sizeof(s), "%04d-%02d-%02d",
			    tm.tm_year + 1900 - RETAIN_ADULT_AGE,
			    tm.tm_mon + 1, tm.tm_mday);
			stmt_bind_text(st, i + 1, s);
			break;
		case RP_END:
			break;
		}
}

/* Run a prepared statement to its end; -1 on error. */
static int
run(struct stmt *st, struct err *e)
{
	int	rc;

	while ((rc = stmt_step(st, e)) == 1)
		;
	return (rc);
}

/* RETAIN_DELETE: count, then delete with the same cutoffs. */
static int
rule_delete(struct store *db, const struct retention_rule *ru,
    const struct actor *sys, int dry_run, time_t now,
    struct retention_result *res, struct err *e)
{
	struct stmt	*st;
	char		 detail[128];
	int		 rc;

	if ((st = store_prepare(db, ru->due_sql, e)) == NULL)
		return (-1);
	bind_params(st, ru, res->keep, now);
	if ((rc = stmt_step(st, e)) == 1)
		res->rows = stmt_int64(st, 0);
	stmt_finalize(st);
	if (rc != 1)
		return (-1);
	if (dry_run || res->rows == 0)
		return (0);
	if ((st = store_prepare(db, ru->apply_sql[0], e)) == NULL)
		return (-1);
	bind_params(st, ru, res->keep, now);
	rc = run(st, e);
	res->rows = store_changes(db);
	stmt_finalize(st);
	if (rc == -1)
		return (-1);
	snprintf(detail, sizeof(detail), "{\"rule\":\"%s\",\"rows\":%lld}",
	    ru->name, (long long)res->rows);
	return (audit_append(db, sys, "purge", ru->table, 0, detail, e));
}

/* The rule's seal_sql for one row: a sealed placeholder, not NULL. */
static int
seal_one(struct store *db, const struct retention_rule *ru, const char *at,
    int64_t id, struct err *e)
{
	struct arena	*a = arena_new();
	struct stmt	*st;
	int		 rc = -1;

	if ((st = store_prepare(db, ru->seal_sql, e)) != NULL) {
		stmt_bind_text(st, 1, at);
		stmt_bind_text(st, 2, protect_seal(RETAIN_ANON_NAME,
		    ru->seal_aad, a));
		stmt_bind_int64(st, 3, id);
		rc = run(st, e);
		stmt_finalize(st);
	}
	arena_free(a);
	return (rc);
}

/* RETAIN_ANONYMIZE: the due ids, then each row's statements and audit. */
static int
rule_anonymize(struct store *db, const struct retention_rule *ru,
    const struct actor *sys, int dry_run, time_t now,
    struct retention_result *res, struct err *e)
{
	struct stmt	*st;
	int64_t		*ids = NULL;
	size_t		 n = 0, cap = 0, i, k;
	char		 at[32];
	int		 rc;

	if ((st = store_prepare(db, ru->due_sql, e)) == NULL)
		return (-1);
	bind_params(st, ru, res->keep, now);
	/* Collect first: the rows are about to change under the cursor. */
	while ((rc = stmt_step(st, e)) == 1) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = stmt_int64(st, 0);
	}
	stmt_finalize(st);
	res->rows = (int64_t)n;
	/*
	 * A dry run writes too, in the transaction retention_run() rolls
	 * back, so that a later rule counts what an earlier one would leave
	 * (the casework of a child this run anonymizes); it audits nothing.
	 */
	if (rc == -1)
		goto out;
	time_now_rfc3339(at);
	for (i = 0; i < n && rc != -1; i++) {
		for (k = 0; k < nitems(ru->apply_sql) &&
		    ru->apply_sql[k] != NULL && rc != -1; k++) {
			if ((st = store_prepare(db, ru->apply_sql[k], e)) ==
			    NULL) {
				rc = -1;
				break;
			}
			stmt_bind_text(st, 1, at);
			stmt_bind_int64(st, 2, ids[i]);
			rc = run(st, e);
			stmt_finalize(st);
		}
		if (rc != -1 && ru->seal_sql != NULL)
			rc = seal_one(db, ru, at, ids[i], e);
		if (rc != -1 && !dry_run)
			rc = audit_append(db, sys, "anonymize", ru->table,
			    ids[i], ru->audit_detail, e);
	}
out:
	free(ids);
	return (rc == -1 ? -1 : 0);
}

int
retention_run(struct store *db, const struct conf *c, int dry_run,
    struct retention_result *res, struct err *e)
{
	const struct retention_rule	*ru;
	struct actor			 sys = { 0, 0, "", 0, NULL };
	time_t				 now = time(NULL);
	size_t				 i;
	int				 rc;

	memset(res, 0, retention_nrules * sizeof(*res));
	for (i = 0; i < retention_nrules; i++)
		if (rule_keep(&retention_rules[i], c, &res[i], e) == -1)
			return (-1);
	if (store_begin(db, e) == -1)
		return (-1);
	for (i = 0; i < retention_nrules; i++) {
		ru = &retention_rules[i];
		rc = ru->action == RETAIN_DELETE ?
		    rule_delete(db, ru, &sys, dry_run, now, &res[i], e) :
		    rule_anonymize(db, ru, &sys, dry_run, now, &res[i], e);
		if (rc == -1) {
			store_rollback(db);
			return (-1);
		}
	}
	/* A dry run reads in the same snapshot and leaves no trace. */
	if (dry_run) {
		store_rollback(db);
		return (0);
	}
	if (store_commit(db, e) == -1) {
		store_rollback(db);
		return (-1);
	}
	return (0);
}
