-- 007_projects: purchase projects (DOMAIN.md §10 PurchaseProject), the
-- memberships that give people roles in them, the project a child is
-- served by, and the log of every state-machine step (domain/workflow.c).

CREATE TABLE projects (
	@RESOURCE@,
	name TEXT NOT NULL,
	region_code TEXT NOT NULL,
	purchaser_org_id BIGINT NOT NULL REFERENCES organizations (id),
	provider_org_id BIGINT REFERENCES organizations (id),
	fund_source TEXT NOT NULL,
	procurement_method TEXT,
	budget_fen BIGINT,
	matching_fen BIGINT,
	contract_no TEXT,
	start_date TEXT,
	end_date TEXT,
	target_population TEXT,
	status TEXT NOT NULL
);
CREATE INDEX projects_region ON projects (region_code);

CREATE TABLE memberships (
	@RESOURCE@,
	user_id BIGINT NOT NULL REFERENCES users (id),
	project_id BIGINT NOT NULL REFERENCES projects (id),
	role TEXT NOT NULL,
	since TEXT NOT NULL,
	until TEXT
);
CREATE INDEX memberships_user ON memberships (user_id);
CREATE INDEX memberships_project ON memberships (project_id);

ALTER TABLE children ADD COLUMN project_id BIGINT REFERENCES projects (id);
CREATE INDEX children_project ON children (project_id);

-- Append-only: who took which step of a record's state machine, when,
-- from which state to which, and why.
CREATE TABLE workflow_log (
	id @ID@,
	resource TEXT NOT NULL,
	record_id BIGINT NOT NULL,
	action TEXT NOT NULL,
	from_state TEXT NOT NULL,
	to_state TEXT NOT NULL,
	reason TEXT,
	user_id BIGINT NOT NULL,
	roles BIGINT NOT NULL,
	at TEXT NOT NULL
);
CREATE INDEX workflow_log_record ON workflow_log (resource, record_id, id);
