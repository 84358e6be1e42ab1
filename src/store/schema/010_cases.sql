-- 010_cases: casework after MZ/T 094-2017 (DOMAIN.md §6, §11.1): the case
-- and its stage, the goals of its plan (each rating a step in
-- workflow_log), and its notes.  Rows are scoped through the child.

CREATE TABLE cases (
	@RESOURCE@,
	child_id BIGINT NOT NULL REFERENCES children (id),
	project_id BIGINT REFERENCES projects (id),
	worker_user_id BIGINT REFERENCES users (id),
	supervisor_user_id BIGINT REFERENCES users (id),
	opened_on TEXT NOT NULL,
	source TEXT NOT NULL,
	referral_reason TEXT,
	presenting_problem TEXT,
	stage TEXT NOT NULL,
	suspended_from TEXT,
	closure_reason TEXT,
	closure_summary TEXT
);
CREATE INDEX cases_child ON cases (child_id);
-- A caseload: a worker's cases by stage.
CREATE INDEX cases_worker ON cases (worker_user_id, stage);

CREATE TABLE case_goals (
	@RESOURCE@,
	case_id BIGINT NOT NULL REFERENCES cases (id),
	need_dimension TEXT NOT NULL,
	goal TEXT,		-- required, but cleared by a purge
	interventions TEXT,
	target_date TEXT,
	progress TEXT NOT NULL
);
CREATE INDEX case_goals_case ON case_goals (case_id);

CREATE TABLE case_notes (
	@RESOURCE@,
	case_id BIGINT NOT NULL REFERENCES cases (id),
	noted_on TEXT NOT NULL,
	kind TEXT NOT NULL,
	minutes BIGINT,
	facts TEXT,		-- required, but cleared by a purge
	assessment TEXT,
	next_steps TEXT
);
CREATE INDEX case_notes_case ON case_notes (case_id, noted_on);
