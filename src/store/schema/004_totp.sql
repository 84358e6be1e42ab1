-- 004_totp: the optional second factor.  The secret is sealed like any
-- protected field; recovery codes are kept as SHA-256 only.
CREATE TABLE user_totp (
	user_id BIGINT PRIMARY KEY REFERENCES users (id),
	secret TEXT NOT NULL,
	enabled BIGINT NOT NULL DEFAULT 0,
	last_step BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE recovery_codes (
	id @ID@,
	user_id BIGINT NOT NULL REFERENCES users (id),
	code_hash TEXT NOT NULL,
	used BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);
