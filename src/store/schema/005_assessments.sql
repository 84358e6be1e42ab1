-- 005_assessments: needs assessments (DOMAIN.md §7), one row per
-- assessment, never overwritten by a later one, so a child's history
-- stays.  risk_level is derived by the rule table in
-- domain/res_assessments.c; rows are scoped through the child.

CREATE TABLE assessments (
	@RESOURCE@,
	child_id BIGINT NOT NULL REFERENCES children (id),
	assessed_on TEXT NOT NULL,
	kind TEXT NOT NULL,
	safety_guardianship BIGINT NOT NULL,
	physical_health BIGINT NOT NULL,
	mental_emotional BIGINT NOT NULL,
	parent_contact BIGINT NOT NULL,
	schooling BIGINT NOT NULL,
	peers BIGINT NOT NULL,
	behaviour BIGINT NOT NULL,
	self_protection BIGINT NOT NULL,
	family_finances BIGINT NOT NULL,
	hukou_schooling_status BIGINT NOT NULL,
	notes TEXT,
	risk_level TEXT NOT NULL,
	risk_override TEXT,
	override_reason TEXT,
	next_review_on TEXT
);
-- A child's assessments in date order: the filter, and the latest on or
-- before a date (the regional needs profile).
CREATE INDEX assessments_child ON assessments (child_id, assessed_on);
