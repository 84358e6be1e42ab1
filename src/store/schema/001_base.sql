-- 001_base: the first three declared resources, accounts, sessions and
-- the audit chain.  Sensitive fields hold sealed text (domain/protect.c);
-- a sensitive field that is searched or unique has a <name>_bidx blind
-- index column beside it.  Written in the subset SQLite and PostgreSQL share;
-- @ID@ is expanded per backend.  Every declared resource table starts
-- with @RESOURCE@: id, revision and who/when columns (store/store.c).

CREATE TABLE regions (
	@RESOURCE@,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	level TEXT NOT NULL,
	parent_code TEXT NOT NULL
);
CREATE INDEX regions_parent ON regions (parent_code);

CREATE TABLE organizations (
	@RESOURCE@,
	name TEXT NOT NULL,
	uscc TEXT UNIQUE,
	org_type TEXT NOT NULL,
	org_form TEXT,
	region_code TEXT NOT NULL,
	rating TEXT,
	phone TEXT,
	address TEXT
);
CREATE INDEX organizations_region ON organizations (region_code);

CREATE TABLE children (
	@RESOURCE@,
	name TEXT NOT NULL,
	name_bo TEXT,
	name_pinyin TEXT,
	sex TEXT NOT NULL,
	birth_date TEXT NOT NULL,
	ethnicity TEXT,
	id_number TEXT,
	id_number_bidx TEXT UNIQUE,
	village_code TEXT NOT NULL,
	address TEXT,
	hukou_type TEXT,
	schooling TEXT,
	school_name TEXT,
	grade BIGINT,
	boarding BIGINT,
	health TEXT,
	disability_grade BIGINT,
	left_behind_type TEXT,
	guardianship TEXT,
	risk_level TEXT,
	notes TEXT
);
CREATE INDEX children_village ON children (village_code, id);
CREATE INDEX children_risk ON children (risk_level);

CREATE TABLE users (
	id @ID@,
	login TEXT NOT NULL UNIQUE,
	pw_hash TEXT NOT NULL,
	display_name TEXT NOT NULL,
	roles BIGINT NOT NULL,
	scope TEXT NOT NULL DEFAULT '',
	org_id BIGINT,
	disabled BIGINT NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL
);

-- Check values of the data keys (id 0 is the blind-index key), so a key
-- file that belongs to another database is refused at start-up.
CREATE TABLE protect_keys (
	id BIGINT PRIMARY KEY,
	check_mac TEXT NOT NULL
);

-- Only the SHA-256 of a session token is kept.
CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id BIGINT NOT NULL REFERENCES users (id),
	csrf TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	last_seen BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
	id @ID@,
	login TEXT NOT NULL,
	addr TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX login_failures_login ON login_failures (login, at);
CREATE INDEX login_failures_addr ON login_failures (addr, at);

-- Append-only and hash-chained: each entry's hash covers the previous
-- hash, so an edit or a deletion breaks the chain where it happened.
-- audit_head is a single row every append updates first, which
-- serializes appenders on both backends.
CREATE TABLE audit_log (
	id BIGINT PRIMARY KEY,
	at TEXT NOT NULL,
	user_id BIGINT NOT NULL,
	roles BIGINT NOT NULL,
	action TEXT NOT NULL,
	resource TEXT NOT NULL,
	record_id BIGINT NOT NULL,
	detail TEXT NOT NULL,
	remote TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX audit_log_record ON audit_log (resource, record_id);
CREATE TABLE audit_head (
	id BIGINT PRIMARY KEY,
	last_id BIGINT NOT NULL,
	hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, hash) VALUES (1, 0, '');
