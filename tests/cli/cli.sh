#!/bin/sh
# cli.sh [BINARY] - the commands of the lbcare binary, run for real on a
# scratch SQLite database.  Prints TAP.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/tap.sh"

echo "1..41"
ok "version names the schema" sh -c "'$BIN' version | grep -q 'schema [1-9][0-9]*;'"
latest=$("$BIN" version | sed -n 's/.*(schema \([0-9]*\);.*/\1/p')
ok "help lists commands and options" sh -c \
    "'$BIN' --help | grep -q -- '--max-body' && '$BIN' help | grep -q 'demo'"
ok "config show: flag beats env beats default" sh -c \
    "LBCARE_PORT=9001 '$BIN' config show --threads 3 > o &&
     grep -q '^port *= 9001 *# env' o && grep -q '^threads *= 3 *# flag' o &&
     grep -q '^listen *= 127.0.0.1 *# default' o"
printf 'port = 9100\n# a comment\nlog-level = warn\n' > conf
ok "config file is read, env still wins" sh -c \
    "LBCARE_PORT=9002 '$BIN' --config conf config show > o &&
     grep -q '^port *= 9002' o && grep -q '^log-level *= warn *# file' o"
ok "out-of-range option is refused with its bounds" sh -c \
    "! '$BIN' config show --port 70000 2> e && grep -q '1 to 65535' e"
ok "unknown command is refused" sh -c "! '$BIN' frobnicate 2>/dev/null"
ok "migrate creates the schema" sh -c \
    "'$BIN' migrate --db t.db | grep -q 'version $latest (this binary knows $latest)'"
ok "migrate again changes nothing" sh -c \
    "'$BIN' migrate --db t.db | grep -q 'version $latest (this binary knows $latest)'"
ok "demo seeds a project and prints the logins" sh -c \
    "'$BIN' demo --db d.db --pwhash min > o && grep -q 'worker' o &&
     test \$(sqlite3 d.db 'SELECT COUNT(*) FROM children') -ge 300"
ok "demo refuses a database that is not empty" sh -c \
    "! '$BIN' demo --db d.db --pwhash min 2>/dev/null"
ok "user add reads the password from the environment" sh -c \
    "LBCARE_PASSWORD=another-pass-1 '$BIN' user add amy --role WORKER,SUPERVISOR --scope 630105 --db d.db --pwhash min &&
     '$BIN' user list --db d.db | grep -q '^amy .*active.*WORKER SUPERVISOR'"
ok "user add refuses a weak password" sh -c \
    "! LBCARE_PASSWORD=short '$BIN' user add bob --role WORKER --db d.db 2>e && grep -q '10 to 128' e"
ok "user disable" sh -c \
    "'$BIN' user disable amy --db d.db && '$BIN' user list --db d.db | grep -q '^amy .*disabled'"
ok "user member gives a role in a project, audited; bad ones refused" sh -c \
    "'$BIN' user member amy --project 1 --role SUPERVISOR --since 2026-03-01 --db d.db | grep -q 'is SUPERVISOR in project 1' &&
     test \$(sqlite3 d.db \"SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.login = 'amy' AND m.role = 'SUPERVISOR'\") -eq 1 &&
     test \$(sqlite3 d.db \"SELECT COUNT(*) FROM audit_log WHERE resource = 'memberships' AND action = 'create'\") -ge 6 &&
     ! '$BIN' user member amy --project 99 --role WORKER --db d.db 2>e && grep -q 'project_id' e &&
     ! '$BIN' user member amy --project 1 --role WORKER --until 2020-01-01 --since 2026-01-01 --db d.db 2>e && grep -q 'until' e"
ok "token create prints the token once, on stdout" sh -c \
    "'$BIN' token create worker --name 'bureau reports' --days 30 --db d.db >tok 2>msg &&
     grep -qx 'lbt_[A-Za-z0-9_-]\{43\}' tok && grep -q '^token 1 for worker' msg &&
     grep -q 'shown only this once' msg"
ok "the database keeps only the token's SHA-256" sh -c \
    "h=\$(tr -d '\\n' <tok | sha256sum | cut -c1-64) &&
     test \"\$(sqlite3 d.db 'SELECT token_hash FROM tokens')\" = \"\$h\" &&
     ! sqlite3 d.db .dump | grep -q \"\$(cat tok)\""
ok "token list shows it active and never used, without its value" sh -c \
    "'$BIN' token list --db d.db >o && grep -q '^1  *worker  *active  *[0-9-]* [0-9:]*  *never  *bureau reports\$' o &&
     ! grep -q lbt_ o && '$BIN' token list admin --db d.db | grep -qx 'no tokens'"
ok "token create refuses bad days, a disabled or unknown user" sh -c \
    "! '$BIN' token create worker --name x --days 0 --db d.db 2>e && grep -q '1 to 366 days' e &&
     ! '$BIN' token create amy --name x --db d.db 2>e && grep -q \"user 'amy' is disabled\" e &&
     ! '$BIN' token create nobody --name x --db d.db 2>e && grep -q \"no user 'nobody'\" e &&
     ! '$BIN' token list nobody --db d.db 2>e && grep -q \"no user 'nobody'\" e &&
     test \$('$BIN' token list --db d.db | grep -c lbt_) -eq 0"
ok "token create without --name is a usage error" sh -c \
    "'$BIN' token create worker --db d.db 2>e; test \$? -eq 2 && grep -q 'usage: lbcare token' e"
ok "token revoke, shown by token list" sh -c \
    "'$BIN' token revoke 1 --db d.db | grep -qx 'token 1 revoked' &&
     '$BIN' token list worker --db d.db | grep -q '^1  *worker  *revoked '"
ok "token revoke refuses a revoked or unknown token; both acts audited" sh -c \
    "! '$BIN' token revoke 1 --db d.db 2>e && grep -q 'token 1 is already revoked' e &&
     ! '$BIN' token revoke 99 --db d.db 2>e && grep -q 'no token with id 99' e &&
     test \"\$(sqlite3 d.db \"SELECT action || ':' || record_id FROM audit_log WHERE resource = 'tokens' ORDER BY id\" | tr '\\n' ' ')\" = 'create:1 revoke:1 '"
ok "audit verify passes on an untouched log" sh -c \
    "'$BIN' audit verify --db d.db | grep -q 'intact'"
sqlite3 d.db "UPDATE audit_log SET detail = '{}' WHERE id = 5"
ok "audit verify names the edited entry" sh -c \
    "! '$BIN' audit verify --db d.db > o; grep -q 'BROKEN at entry 5' o"
sqlite3 d.db "DELETE FROM children WHERE id = 1" 2>/dev/null
ok "the database refuses a binary older than its schema" sh -c \
    "sqlite3 t.db \"INSERT INTO schema_migrations VALUES (999, 'future', 'x')\" &&
     ! '$BIN' migrate --db t.db 2> e && grep -qi 'newer' e"
# Retention, purge and the per-child export, on a demo database of their
# own: child 3 is aged to an adult untouched since 2015, with a consent.
ok "demo database for retention" sh -c \
    "'$BIN' demo --db p.db --children 12 --pwhash min >/dev/null &&
     sqlite3 p.db \"UPDATE children SET birth_date = '2001-07-15',
       updated_at = '2015-01-01T00:00:00.000Z' WHERE id = 3;
     INSERT INTO consents (revision, created_at, created_by, updated_at,
       updated_by, child_id, scope, given_by_name, relation, given_on,
       evidence) VALUES (1, '2024-03-01T00:00:00.000Z', 0,
       '2024-03-01T00:00:00.000Z', 0, 3, 'REGISTRY', '赵桂兰', 'MOTHER',
       '2024-03-01', 'SIGNED_FORM');
     INSERT INTO assessments (revision, created_at, created_by, updated_at,
       updated_by, child_id, assessed_on, kind, safety_guardianship,
       physical_health, mental_emotional, parent_contact, schooling, peers,
       behaviour, self_protection, family_finances, hukou_schooling_status,
       risk_level, risk_override, override_reason, notes) VALUES (1,
       '2014-03-01T00:00:00.000Z', 0, '2014-03-01T00:00:00.000Z', 0, 3,
       '2014-03-01', 'INITIAL', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'LOW', 'HIGH',
       'sealed',
       'sealed');
     INSERT INTO visits (revision, created_at, created_by, updated_at,
       updated_by, child_id, visitor_user_id, visited_on, place, concerns)
       VALUES (1, '2014-05-01T00:00:00.000Z', 1, '2014-05-01T00:00:00.000Z',
       1, 3, 1, '2014-05-01', '家中', 'HEALTH');
     INSERT INTO mandatory_reports (revision, created_at, created_by,
       updated_at, updated_by, child_id, report_trigger, detected_at,
       reported_at, recipients, reporter_user_id, status, monitoring)
       VALUES (1, '2014-05-02T00:00:00.000Z', 1, '2014-05-02T00:00:00.000Z',
       1, 3, 'GUARDIAN_FAILS', '2014-05-02T08:00:00+08:00',
       '2014-05-02T09:00:00+08:00', 'POLICE', 1, 'MONITORING', 'sealed');
     INSERT INTO sessions (token_hash, user_id, csrf, created_at, last_seen)
       VALUES ('old', 1, 'x', 1000, 1000);
     INSERT INTO login_failures (login, addr, at) VALUES ('a', 'b', 1000)\" &&
     test \"\$(sqlite3 p.db \"SELECT COUNT(*) FROM children WHERE id = 3 AND
       id_number IS NOT NULL AND address IS NOT NULL\")\" = 1"
ok "purge --dry-run counts what is due and changes nothing" sh -c \
    "sqlite3 p.db .dump > before &&
     '$BIN' purge --dry-run --db p.db > o &&
     grep -q '^children_aged_out  *would anonymize 1 (kept 5 years, default)' o &&
     grep -q '^service_records_anonymized  *would anonymize 1 ' o &&
     grep -q '^sessions_expired  *would delete 1 (kept 12 hours, config)' o &&
     grep -q '^login_failures_old  *would delete 1 (kept 1 day, default)' o &&
     grep -q '^dry run: nothing was changed' o &&
     sqlite3 p.db .dump > after && cmp -s before after"
ok "purge anonymizes the aged-out child and deletes expired rows" sh -c \
    "'$BIN' purge --db p.db > o &&
     grep -q '^children_aged_out  *anonymized 1 ' o &&
     grep -q '^service_records_anonymized  *anonymized 1 ' o &&
     test \"\$(sqlite3 p.db \"SELECT COALESCE(place, observations, 'none')
       || '|' || visited_on || '|' || concerns FROM visits
       WHERE child_id = 3\")\" = 'none|2014-05-01|HEALTH' &&
     test \"\$(sqlite3 p.db \"SELECT COALESCE(monitoring, 'none') || '|' ||
       status || '|' || reporter_user_id FROM mandatory_reports
       WHERE child_id = 3\")\" = 'none|MONITORING|1' &&
     grep -q '^sessions_expired  *deleted 1 ' o &&
     grep -q '^login_failures_old  *deleted 1 ' o &&
     test \"\$(sqlite3 p.db \"SELECT name || '|' || birth_date || '|' ||
       COALESCE(name_bo, id_number, id_number_bidx, address, notes, 'none')
       FROM children WHERE id = 3\")\" = '已匿名|2001-01-01|none' &&
     test \"\$(sqlite3 p.db \"SELECT given_by_name FROM consents\")\" = 已匿名 &&
     test \"\$(sqlite3 p.db \"SELECT COALESCE(notes, override_reason,
       'none') FROM assessments WHERE child_id = 3\")\" = none &&
     test \"\$(sqlite3 p.db \"SELECT COUNT(*) FROM children WHERE
       name = '已匿名'\")\" = 1 &&
     test \"\$(sqlite3 p.db \"SELECT COUNT(*) FROM sessions\")\" = 0 &&
     test \"\$(sqlite3 p.db \"SELECT COUNT(*) FROM login_failures\")\" = 0 &&
     test \"\$(sqlite3 p.db \"SELECT action || ':' || resource || ':' ||
       record_id FROM audit_log WHERE action IN ('anonymize', 'purge')
       ORDER BY id\" | tr '\\n' ' ')\" = \
       'anonymize:children:3 anonymize:children:3 purge:sessions:0 purge:login_failures:0 '"
ok "audit verify still passes after the purge" sh -c \
    "'$BIN' audit verify --db p.db | grep -q 'intact'"
ok "purge again finds nothing due" sh -c \
    "'$BIN' purge --db p.db | grep -q '^children_aged_out  *anonymized 0 '"
ok "a retention period out of bounds is refused" sh -c \
    "! LBCARE_RETAIN_CHILD_YEARS=0 '$BIN' purge --db p.db 2>e >/dev/null &&
     grep -q 'LBCARE_RETAIN_CHILD_YEARS must be an integer from 1 to 50' e"
ok "export child writes one owner-only JSON document, audited" sh -c \
    "'$BIN' export child 1 --out c1.json --db p.db 2>/dev/null &&
     test \"\$(stat -c %a c1.json)\" = 600 &&
     jq -e '.subject == {\"resource\":\"children\",\"id\":1} and
       .included == [\"children\",\"consents\",\"assessments\",\"cases\",\"case_goals\",\"case_notes\",
         \"parents\",\"caregivers\",\"contact_logs\",\"alerts\",\"visits\",\"referrals\",
         \"mandatory_reports\",\"group_members\",\"attendance\",\"activity_participants\",
         \"donation_allocations\",\"evidence\",\"audit_log\"] and
       .records.children[0].id == 1 and (.records.consents | length) == 0 and
       ([.audit_log[] | select(.resource == \"children\" and
         .record_id == 1 and .action == \"create\")] | length) == 1 and
       all(.audit_log[]; .record_id == 1)' c1.json >/dev/null &&
     test \"\$(sqlite3 p.db \"SELECT COUNT(*) FROM audit_log WHERE
       action = 'export' AND record_id = 1\")\" = 1"
ok "export of the anonymized child holds no name and its consent" sh -c \
    "'$BIN' export child 3 --db p.db | jq -e '
       .records.children[0].name == \"已匿名\" and
       .records.children[0].id_number == null and
       .records.consents[0].given_by_name == \"已匿名\" and
       .records.visits[0].place == null and
       .records.mandatory_reports[0].status == \"MONITORING\" and
       .records.mandatory_reports[0].monitoring == null and
       (.records.mandatory_reports[0] | has(\"reporter_user_id\") | not) and
       all(.audit_log[]; .resource != \"mandatory_reports\") and
       ([.audit_log[] | select(.action == \"anonymize\")] | length) == 2' \
       >/dev/null"
ok "export of a child that does not exist is refused" sh -c \
    "! '$BIN' export child 999 --db p.db 2>e >/dev/null &&
     grep -q 'no child 999' e &&
     ! '$BIN' export child x --db p.db 2>e && grep -q 'usage: lbcare export' e"
sqlite3 d.db "INSERT INTO cases (revision, created_at, created_by,
    updated_at, updated_by, child_id, worker_user_id, opened_on, source,
    stage) VALUES (1, '2025-01-01', 0, '2025-01-01', 0, 1,
    (SELECT id FROM users WHERE login = 'worker'), '2025-01-01', 'SELF',
    'INTAKE')"
ok "case list shows a worker's caseload without names" sh -c \
    "'$BIN' case list --worker worker --db d.db >o &&
     grep -q '^13  *INTAKE  *1  *2025-01-01  *worker  *-\$' o &&
     grep -qx '13 cases' o &&
     '$BIN' case list --worker worker --stage CLOSED --db d.db | grep -qx '1 case'"
ok "case list refuses an unknown stage and stray words" sh -c \
    "! '$BIN' case list --stage DONE --db d.db 2>e && grep -q \"no stage 'DONE'\" e &&
     '$BIN' case list --worker --db d.db 2>e; test \$? -eq 2 && grep -q 'usage: lbcare case' e"
# The demo's service delivery, on a fresh demo database of the default
# seed: the numbers below are what that seed gives.
q() { sqlite3 s.db "$1"; }
is() {	# is SQL EXPECTED: the query's rows, joined by spaces, are EXPECTED
	got=$(q "$1" | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$2" ] || { echo "got '$got', want '$2' for: $1"; return 1; }
}
today=$(date -u +%Y-%m-%d)
served() {
	is "SELECT COUNT(*) FROM consents WHERE scope = 'REGISTRY'" 106 &&
	is "SELECT scope || ':' || COUNT(*) FROM consents GROUP BY scope
	    ORDER BY scope" \
	    'CASE_SERVICE:80 DATA_SHARING:56 GROUP_ACTIVITY:87 REGISTRY:106' &&
	is "SELECT COUNT(*), COUNT(DISTINCT child_id) FROM assessments" '106|106' &&
	is "SELECT COUNT(*) FROM assessments a JOIN consents c ON
	    c.child_id = a.child_id AND c.scope = 'REGISTRY'" 106 &&
	# the ratings give the level the roster recorded
	is "SELECT COUNT(*) FROM assessments a JOIN children c ON
	    c.id = a.child_id WHERE a.risk_level <> c.risk_level" 0 &&
	is "SELECT COUNT(*) FROM assessments WHERE risk_level = 'CRITICAL'
	    AND safety_guardianship <> 3" 0 &&
	# every entrusted child served has the caregiver, no one else has
	is "SELECT COUNT(*) FROM children c JOIN assessments a ON
	    a.child_id = c.id WHERE c.guardianship LIKE 'ENTRUSTED%' AND
	    NOT EXISTS (SELECT 1 FROM caregivers g WHERE g.child_id = c.id)" 0 &&
	is "SELECT COUNT(*) FROM caregivers" 91 &&
	# both parents away: two migrant parents with where they work
	is "SELECT COUNT(*) FROM children c JOIN assessments a ON
	    a.child_id = c.id WHERE c.left_behind_type = 'BOTH_AWAY' AND
	    (SELECT COUNT(*) FROM parents p WHERE p.child_id = c.id AND
	     p.migrant = 1 AND p.work_province IS NOT NULL AND
	     p.work_city IS NOT NULL) <> 2" 0 &&
	is "SELECT COUNT(*) FROM assessments WHERE next_review_on <
	    '2026-11-29'" 10 &&
	is "SELECT COUNT(*) FROM parents" 210 &&
	is "SELECT COUNT(*), COUNT(DISTINCT child_id) FROM contact_logs" '191|105'
}
cases() {
	is "SELECT stage || ':' || COUNT(*) FROM cases GROUP BY stage
	    ORDER BY stage" 'ASSESSMENT:1 CLOSED:1 CLOSING:1 EVALUATION:1 IDENTIFIED:1 INTAKE:1 INTERVENTION:3 PLANNING:2 SUSPENDED:1' &&
	is "SELECT COUNT(*) FROM cases c JOIN users w ON w.id =
	    c.worker_user_id JOIN users s ON s.id = c.supervisor_user_id
	    WHERE w.login = 'worker' AND s.login = 'supervisor'" 12 &&
	is "SELECT COUNT(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM
	    consents x WHERE x.child_id = c.child_id AND
	    x.scope = 'CASE_SERVICE')" 0 &&
	# the supervisor approved each plan that went ahead
	is "SELECT COUNT(*) FROM workflow_log l JOIN users u ON u.id = l.user_id
	    WHERE l.resource = 'cases' AND l.action = 'approve_plan' AND
	    u.login = 'supervisor'" 7 &&
	is "SELECT stage || ':' || COALESCE(suspended_from, '-') || ':' ||
	    COALESCE(closure_reason, '-') || ':' || (closure_summary IS NOT NULL)
	    FROM cases WHERE stage IN ('SUSPENDED', 'CLOSED') ORDER BY stage" \
	    'CLOSED:-:GOALS_MET:1 SUSPENDED:INTERVENTION:-:0' &&
	# each goal serves a need the child's assessment rated 1 or more
	is "SELECT COUNT(*) FROM case_goals g JOIN cases c ON c.id = g.case_id
	    JOIN assessments a ON a.child_id = c.child_id WHERE CASE
	    g.need_dimension WHEN 'safety_guardianship' THEN
	    a.safety_guardianship WHEN 'physical_health' THEN a.physical_health
	    WHEN 'mental_emotional' THEN a.mental_emotional WHEN
	    'parent_contact' THEN a.parent_contact WHEN 'schooling' THEN
	    a.schooling WHEN 'peers' THEN a.peers WHEN 'behaviour' THEN
	    a.behaviour WHEN 'self_protection' THEN a.self_protection WHEN
	    'family_finances' THEN a.family_finances ELSE
	    a.hukou_schooling_status END < 1" 0 &&
	is "SELECT COUNT(*), COUNT(DISTINCT case_id) FROM case_goals" '18|9' &&
	is "SELECT progress || ':' || COUNT(*) FROM case_goals GROUP BY
	    progress ORDER BY progress" 'ACHIEVED:4 NOT_STARTED:4 SOME:10' &&
	is "SELECT COUNT(*), COUNT(DISTINCT case_id) FROM case_notes" '37|11'
}
groups() {
	is "SELECT g.stage || ':' || (SELECT COUNT(*) FROM group_members m
	    WHERE m.group_id = g.id) || ':' || (SELECT COUNT(*) FROM
	    group_sessions s WHERE s.group_id = g.id AND s.status = 'HELD') ||
	    ':' || (SELECT COUNT(*) FROM group_sessions s WHERE
	    s.group_id = g.id) FROM groups g ORDER BY g.id" \
	    'EVALUATED:10:6:6 FORMING:9:1:6' &&
	# a row for every member at every held session
	is "SELECT COUNT(*) FROM attendance" 69 &&
	is "SELECT status || ':' || COUNT(*) FROM attendance GROUP BY status
	    ORDER BY status" 'ABSENT:4 EXCUSED:3 PRESENT:62' &&
	is "SELECT COUNT(*) FROM group_sessions WHERE status = 'HELD' AND
	    (held_on > '$today' OR held_on < '2026-03-01')" 0 &&
	is "SELECT COUNT(*) FROM group_sessions WHERE planned_date
	    NOT BETWEEN '2026-03-01' AND '2027-02-28'" 0 &&
	is "SELECT COUNT(*) FROM group_members m WHERE NOT EXISTS (SELECT 1
	    FROM consents x WHERE x.child_id = m.child_id AND
	    x.scope = 'GROUP_ACTIVITY')" 0
}
community() {
	is "SELECT a.type || ':' || COUNT(p.id) || ':' || (a.under6_m +
	    a.under6_f + a.age6_11_m + a.age6_11_f + a.age12_15_m +
	    a.age12_15_f + a.adult_m + a.adult_f) FROM activities a LEFT JOIN
	    activity_participants p ON p.activity_id = a.id GROUP BY a.id
	    ORDER BY a.id" 'FESTIVAL:6:78 SAFETY:8:41 PARENTING:10:51' &&
	is "SELECT kind || ':' || value_fen || ':' || (SELECT
	    COALESCE(SUM(value_fen), 0) || ':' || COUNT(*) FROM
	    donation_allocations x WHERE x.donation_id = d.id) FROM
	    donations d ORDER BY id" 'CASH:2000000:0:0 IN_KIND:1200000:480000:4' &&
	is "SELECT COUNT(*) FROM partnerships WHERE kind = 'SCHOOL'" 1 &&
	is "SELECT t.audience || ':' || t.hours || ':' || COUNT(x.id) || ':' ||
	    SUM(x.hours_attended) FROM trainings t JOIN training_attendees x ON
	    x.training_id = t.id GROUP BY t.id" 'CHILD_DIRECTOR:6:5:28'
}
visits() {
	is "SELECT u.login || ':' || COUNT(*) FROM visits v JOIN users u ON
	    u.id = v.visitor_user_id GROUP BY u.login ORDER BY u.login" \
	    'director:6 worker:10' &&
	is "SELECT COUNT(*) FROM visits WHERE follow_up_due < '$today' AND
	    follow_up_done_on IS NULL" 3 &&
	is "SELECT r.status || ':' || p.kind FROM referrals r JOIN partners p
	    ON p.id = r.partner_id ORDER BY r.id" \
	    'FEEDBACK:SCHOOL SENT:WOMENS_FEDERATION' &&
	is "SELECT COUNT(*) FROM referrals r WHERE EXISTS (SELECT 1 FROM
	    consents x WHERE x.child_id = r.child_id AND
	    x.scope = 'DATA_SHARING')" 2 &&
	is "SELECT m.status || ':' || m.source_resource || ':' ||
	    (v.child_id = m.child_id) || ':' || m.report_delay_minutes FROM
	    mandatory_reports m JOIN visits v ON v.id = m.source_id" \
	    'REPORTED:visits:1:25'
}
ok "demo of the default size seeds services (small ones do not)" sh -c \
    "'$BIN' demo --db s.db --pwhash min >/dev/null 2>&1 &&
     test \$(sqlite3 p.db 'SELECT COUNT(*) FROM cases') -eq 0"
ok "demo serves about a third: consents, assessments at the child's risk, families" served
ok "demo has 12 cases of the worker across the stages, goals citing assessed needs" cases
ok "demo groups: one evaluated with six sessions held, one forming; attendance" groups
ok "demo activities, donations with allocations, a partnership, a training" community
ok "demo visits with overdue follow-ups, two referrals, a report from a visit" visits
exit $((fails > 0))
