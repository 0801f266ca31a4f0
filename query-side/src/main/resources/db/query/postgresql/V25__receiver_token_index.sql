-- Receiver searches match blind tokens (V24): the trigram indexes on ciphertext serve nothing. The GIN index serves
-- receiver_tokens @> ARRAY[token]; the partial one finds the rows ReceiverSealing has left to seal.
DROP INDEX order_view_receiver_phone_trgm;
DROP INDEX order_view_receiver_name_trgm;
CREATE INDEX order_view_receiver_tokens_gin ON order_view USING gin (receiver_tokens);
CREATE INDEX order_view_unsealed_idx ON order_view (order_id) WHERE receiver_tokens IS NULL;
