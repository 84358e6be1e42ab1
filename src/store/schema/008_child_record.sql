-- 008_child_record: the fuller child record (DOMAIN.md §10), the child's
-- family (parents, entrusted caregivers, parent-child contact), the
-- guardianship state machine's field (§11.5), merges of duplicate
-- records, and alerts raised for a person to act on.

ALTER TABLE children ADD COLUMN cat_left_behind BIGINT;
ALTER TABLE children ADD COLUMN cat_difficult BIGINT;
ALTER TABLE children ADD COLUMN cat_de_facto_unsupported BIGINT;
ALTER TABLE children ADD COLUMN cat_orphan BIGINT;
ALTER TABLE children ADD COLUMN econ_dibao BIGINT;
ALTER TABLE children ADD COLUMN econ_tekun BIGINT;
ALTER TABLE children ADD COLUMN econ_poverty_reg BIGINT;
ALTER TABLE children ADD COLUMN has_hukou BIGINT;
ALTER TABLE children ADD COLUMN income_source TEXT;
ALTER TABLE children ADD COLUMN confirmed_by TEXT;
ALTER TABLE children ADD COLUMN confirmed_on TEXT;
ALTER TABLE children ADD COLUMN guardianship_state TEXT;
ALTER TABLE children ADD COLUMN merged_into BIGINT REFERENCES children (id);
-- Children registered before the state machine start in parental care.
UPDATE children SET guardianship_state = 'PARENT_CARE';
-- Duplicate candidates: same pinyin, birth date and village.
CREATE INDEX children_pinyin_birth ON children (name_pinyin, birth_date);
CREATE INDEX children_merged ON children (merged_into);

CREATE TABLE parents (
	@RESOURCE@,
	child_id BIGINT NOT NULL REFERENCES children (id),
	role TEXT NOT NULL,
	name TEXT,
	alive BIGINT,
	migrant BIGINT,
	work_province TEXT,
	work_city TEXT,
	away_since TEXT,
	phone TEXT,
	capacity TEXT,
	notes TEXT
);
CREATE INDEX parents_child ON parents (child_id);

CREATE TABLE caregivers (
	@RESOURCE@,
	child_id BIGINT NOT NULL REFERENCES children (id),
	name TEXT NOT NULL,
	relation TEXT NOT NULL,
	phone TEXT,
	capable BIGINT,
	dq_harm BIGINT,
	dq_vice BIGINT,
	dq_neglect BIGINT,
	dq_other BIGINT,
	agreement_signed_on TEXT,
	school_notice_on TEXT,
	village_notice_on TEXT,
	notes TEXT
);
CREATE INDEX caregivers_child ON caregivers (child_id);

CREATE TABLE contact_logs (
	@RESOURCE@,
	child_id BIGINT NOT NULL REFERENCES children (id),
	contact_on TEXT NOT NULL,
	who TEXT NOT NULL,
	how TEXT NOT NULL,
	minutes BIGINT,
	notes TEXT
);
CREATE INDEX contact_logs_child ON contact_logs (child_id, contact_on);

CREATE TABLE alerts (
	@RESOURCE@,
	child_id BIGINT NOT NULL REFERENCES children (id),
	kind TEXT NOT NULL,
	source_resource TEXT,
	source_id BIGINT,
	raised_at TEXT NOT NULL,
	resolved BIGINT NOT NULL,
	resolved_at TEXT,
	resolution TEXT
);
CREATE INDEX alerts_child ON alerts (child_id, resolved);

-- Who overrode an assessment's risk level, and when (domain/field_rules.c).
ALTER TABLE assessments ADD COLUMN override_by BIGINT;
ALTER TABLE assessments ADD COLUMN override_at TEXT;
