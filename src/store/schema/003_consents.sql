-- 003_consents: guardians' consents (PIPL Arts. 28, 31), one row per
-- purpose consented to; a withdrawal is dated, never deleted, so the
-- history of what was allowed when stays.  The declared resource is
-- domain/res_consents.c; rows are scoped through the child.

CREATE TABLE consents (
	@RESOURCE@,
	child_id BIGINT NOT NULL REFERENCES children (id),
	scope TEXT NOT NULL,
	given_by_name TEXT NOT NULL,
	relation TEXT NOT NULL,
	given_on TEXT NOT NULL,
	evidence TEXT NOT NULL,
	withdrawn_on TEXT,
	notes TEXT
);
-- A child's consents (the filter, the export) and consent_has(): child,
-- purpose, date.
CREATE INDEX consents_child ON consents (child_id, scope, given_on);
CREATE INDEX consents_scope ON consents (scope, id);
