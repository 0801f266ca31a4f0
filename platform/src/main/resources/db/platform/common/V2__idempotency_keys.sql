-- Idempotency-Key: the first response to (caller, key) is kept for 24 h and replayed to retries.
-- state: in_flight while the first request runs, done once its response is stored.
CREATE TABLE idempotency_key (
    caller            VARCHAR(255)  NOT NULL,
    idempotency_key   VARCHAR(64)   NOT NULL,
    request_hash      VARCHAR(64)   NOT NULL,
    state             VARCHAR(16)   NOT NULL,
    response_status   INTEGER,
    response_type     VARCHAR(255),
    response_location VARCHAR(1024),
    response_body     BYTEA,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (caller, idempotency_key)
);
-- Serves: the purge of expired keys.
CREATE INDEX idempotency_key_expires_idx ON idempotency_key (expires_at);
