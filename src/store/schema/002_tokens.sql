-- 002_tokens: bearer API tokens for machine clients (a bureau's
-- reporting system).  A token acts as its user, with the user's roles
-- and scope.  As with sessions, only the SHA-256 of a token is kept, so a
-- copy of the database holds no usable token.  Times are epoch seconds;
-- revoked_at and last_used are NULL until they happen.

CREATE TABLE tokens (
	id @ID@,
	user_id BIGINT NOT NULL REFERENCES users (id),
	name TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	last_used BIGINT,
	revoked_at BIGINT
);
CREATE INDEX tokens_user ON tokens (user_id);
