-- Buyers' keys for their personal data (issue 20; README "Personal data"): receivers' names, phones and street
-- addresses are sealed with the buyer's key in the event store and the read models. wrapped_key is the key sealed
-- with the master key (ORDERS_PERSONAL_DATA_KEY): AES-GCM, IV ‖ ciphertext ‖ tag. Erasing the buyer sets it to null
-- and erased_at; the row stays, so a sealed value names a key that is known to be gone and the buyer gets no new one.
CREATE TABLE personal_data_key (
    buyer_id    VARCHAR(64)              NOT NULL PRIMARY KEY,
    key_id      VARCHAR(36)              NOT NULL,
    wrapped_key BYTEA,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    erased_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT personal_data_key_id_uk UNIQUE (key_id)
);
