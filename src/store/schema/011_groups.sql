-- 011_groups: group work (MZ/T 095-2017), community activities and
-- social administration (DOMAIN.md §6, §10), and the evidence uploaded
-- for any record.  Declared resources: domain/res_groups.c,
-- res_activities.c, res_admin.c; rules among rows: domain/groups.c.

CREATE TABLE groups (
	@RESOURCE@,
	project_id BIGINT NOT NULL REFERENCES projects (id),
	region_code TEXT NOT NULL,
	name TEXT NOT NULL,
	type TEXT NOT NULL,
	purpose TEXT NOT NULL,
	target_members TEXT,
	planned_sessions BIGINT NOT NULL,
	facilitator_id BIGINT REFERENCES users (id),
	stage TEXT NOT NULL
);
CREATE INDEX groups_project ON groups (project_id);
CREATE INDEX groups_region ON groups (region_code);

CREATE TABLE group_members (
	@RESOURCE@,
	group_id BIGINT NOT NULL REFERENCES groups (id),
	child_id BIGINT NOT NULL REFERENCES children (id),
	joined_on TEXT NOT NULL,
	left_on TEXT
);
CREATE UNIQUE INDEX group_members_child ON group_members (group_id, child_id);
CREATE INDEX group_members_by_child ON group_members (child_id);

CREATE TABLE group_sessions (
	@RESOURCE@,
	group_id BIGINT NOT NULL REFERENCES groups (id),
	number BIGINT NOT NULL,
	planned_date TEXT NOT NULL,
	start_time TEXT NOT NULL,
	end_time TEXT NOT NULL,
	place TEXT,
	plan TEXT,
	status TEXT NOT NULL,
	record TEXT,
	held_on TEXT
);
CREATE UNIQUE INDEX group_sessions_number ON group_sessions (group_id, number);
CREATE INDEX group_sessions_date ON group_sessions (planned_date);

CREATE TABLE attendance (
	@RESOURCE@,
	session_id BIGINT NOT NULL REFERENCES group_sessions (id),
	child_id BIGINT NOT NULL REFERENCES children (id),
	status TEXT NOT NULL
);
CREATE UNIQUE INDEX attendance_once ON attendance (session_id, child_id);
-- The overlap rule looks up a child's presences.
CREATE INDEX attendance_child ON attendance (child_id, status);

CREATE TABLE activities (
	@RESOURCE@,
	project_id BIGINT NOT NULL REFERENCES projects (id),
	title TEXT NOT NULL,
	type TEXT NOT NULL,
	activity_date TEXT NOT NULL,
	village_code TEXT NOT NULL,
	place TEXT,
	organizer TEXT,
	partners TEXT,
	volunteers BIGINT,
	under6_m BIGINT,
	under6_f BIGINT,
	age6_11_m BIGINT,
	age6_11_f BIGINT,
	age12_15_m BIGINT,
	age12_15_f BIGINT,
	adult_m BIGINT,
	adult_f BIGINT,
	record TEXT
);
CREATE INDEX activities_project ON activities (project_id);
CREATE INDEX activities_village ON activities (village_code);

CREATE TABLE activity_participants (
	@RESOURCE@,
	activity_id BIGINT NOT NULL REFERENCES activities (id),
	child_id BIGINT NOT NULL REFERENCES children (id)
);
CREATE UNIQUE INDEX activity_participants_once
    ON activity_participants (activity_id, child_id);
CREATE INDEX activity_participants_child ON activity_participants (child_id);

CREATE TABLE donations (
	@RESOURCE@,
	project_id BIGINT NOT NULL REFERENCES projects (id),
	kind TEXT NOT NULL,
	description TEXT NOT NULL,
	value_fen BIGINT NOT NULL,
	donor_name TEXT NOT NULL,
	received_on TEXT NOT NULL
);
CREATE INDEX donations_project ON donations (project_id);

CREATE TABLE donation_allocations (
	@RESOURCE@,
	donation_id BIGINT NOT NULL REFERENCES donations (id),
	child_id BIGINT NOT NULL REFERENCES children (id),
	item TEXT NOT NULL,
	value_fen BIGINT NOT NULL,
	given_on TEXT NOT NULL
);
CREATE INDEX donation_allocations_donation ON donation_allocations (donation_id);
CREATE INDEX donation_allocations_child ON donation_allocations (child_id);

CREATE TABLE partnerships (
	@RESOURCE@,
	project_id BIGINT NOT NULL REFERENCES projects (id),
	partner_name TEXT,
	partner_org_id BIGINT REFERENCES organizations (id),
	kind TEXT NOT NULL,
	since TEXT NOT NULL,
	notes TEXT
);
CREATE INDEX partnerships_project ON partnerships (project_id);

CREATE TABLE trainings (
	@RESOURCE@,
	project_id BIGINT NOT NULL REFERENCES projects (id),
	audience TEXT NOT NULL,
	topic TEXT NOT NULL,
	training_date TEXT NOT NULL,
	hours BIGINT NOT NULL,
	trainer TEXT
);
CREATE INDEX trainings_project ON trainings (project_id);

CREATE TABLE training_attendees (
	@RESOURCE@,
	training_id BIGINT NOT NULL REFERENCES trainings (id),
	name TEXT NOT NULL,
	role TEXT,
	organization TEXT,
	hours_attended BIGINT NOT NULL
);
CREATE INDEX training_attendees_training ON training_attendees (training_id);

-- Evidence (domain/evidence.c): each distinct file once, named by the
-- SHA-256 of its bytes, in the database so that it is in the same
-- backup and transaction as the rows it proves; then one row per link
-- of a file to a record.
CREATE TABLE evidence_blobs (
	sha256 TEXT PRIMARY KEY,
	mime TEXT NOT NULL,
	size BIGINT NOT NULL,
	content @BLOB@ NOT NULL,
	created_at TEXT NOT NULL
);

CREATE TABLE evidence (
	id @ID@,
	resource TEXT NOT NULL,
	record_id BIGINT NOT NULL,
	kind TEXT NOT NULL,
	sha256 TEXT NOT NULL REFERENCES evidence_blobs (sha256),
	mime TEXT NOT NULL,
	size BIGINT NOT NULL,
	uploaded_by BIGINT NOT NULL,
	uploaded_at TEXT NOT NULL
);
CREATE INDEX evidence_record ON evidence (resource, record_id, id);
