-- 006_idempotency: a create sent again with the same Idempotency-Key (an
-- offline outbox replaying after a lost answer) finds the record it made
-- the first time instead of making a second one.
CREATE TABLE idempotency_keys (
	user_id BIGINT NOT NULL,
	idem_key TEXT NOT NULL,
	resource TEXT NOT NULL,
	record_id BIGINT NOT NULL,
	created_at TEXT NOT NULL,
	PRIMARY KEY (user_id, idem_key)
);
