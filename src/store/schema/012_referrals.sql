-- 012_referrals: home visits (走访) with their follow-ups, the directory
-- of partners a child can be referred to, referrals (DOMAIN.md §11.3)
-- and mandatory reports (强制报告, §2.2-2.3, §11.4).  Each row that
-- belongs to a child is scoped through it; the declared resources are
-- domain/res_visits.c, res_referrals.c and res_reports.c.

CREATE TABLE visits (
	@RESOURCE@,
	child_id BIGINT NOT NULL REFERENCES children (id),
	project_id BIGINT REFERENCES projects (id),
	visitor_user_id BIGINT REFERENCES users (id),
	visited_on TEXT NOT NULL,
	village_code TEXT,
	place TEXT,
	observations TEXT,
	child_present BIGINT,
	caregiver_present BIGINT,
	concerns TEXT,
	follow_up_due TEXT,
	follow_up_done_on TEXT
);
CREATE INDEX visits_child ON visits (child_id, visited_on);
-- Overdue follow-ups: due before today and not done.
CREATE INDEX visits_follow_up ON visits (follow_up_due, follow_up_done_on);

CREATE TABLE partners (
	@RESOURCE@,
	kind TEXT NOT NULL,
	name TEXT NOT NULL,
	region_code TEXT NOT NULL,
	address TEXT,
	postal_code TEXT,
	phone TEXT,
	email TEXT,
	service_name TEXT,
	service_description TEXT,
	hours TEXT
);
CREATE INDEX partners_region ON partners (region_code);
CREATE INDEX partners_kind ON partners (kind, region_code);

CREATE TABLE referrals (
	@RESOURCE@,
	child_id BIGINT NOT NULL REFERENCES children (id),
	project_id BIGINT REFERENCES projects (id),
	partner_id BIGINT NOT NULL REFERENCES partners (id),
	reason TEXT NOT NULL,
	urgency TEXT NOT NULL,
	status TEXT NOT NULL,
	sent_on TEXT,
	reply_due_on TEXT,
	feedback TEXT
);
CREATE INDEX referrals_child ON referrals (child_id);
CREATE INDEX referrals_partner ON referrals (partner_id, status);
-- Escalation: sent referrals past their reply date.
CREATE INDEX referrals_due ON referrals (status, reply_due_on);

CREATE TABLE mandatory_reports (
	@RESOURCE@,
	child_id BIGINT NOT NULL REFERENCES children (id),
	project_id BIGINT REFERENCES projects (id),
	report_trigger TEXT NOT NULL,
	detected_at TEXT NOT NULL,
	reported_at TEXT NOT NULL,
	report_delay_minutes BIGINT,
	report_delay_hours BIGINT,
	recipients TEXT NOT NULL,
	reporter_user_id BIGINT REFERENCES users (id),
	source_resource TEXT,
	source_id BIGINT,
	status TEXT NOT NULL,
	received_at TEXT,
	emergency_response TEXT,
	assessment TEXT,
	assistance TEXT,
	guardianship_intervention TEXT,
	monitoring TEXT,
	feedback_to_reporter TEXT,
	feedback_on TEXT
);
CREATE INDEX mandatory_reports_child ON mandatory_reports (child_id);
CREATE INDEX mandatory_reports_source ON mandatory_reports (source_resource,
    source_id);
