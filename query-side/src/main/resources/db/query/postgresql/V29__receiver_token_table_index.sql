-- Receiver searches match order_receiver_token (V28): tokens @> ARRAY[token] by GIN. Rows left in clear (written
-- before personal data was sealed, or rewritten from a row loaded before) are those whose name is neither sealed
-- nor erased: the partial index is what ReceiverSealing probes, empty once every row is sealed.
CREATE INDEX order_receiver_token_gin ON order_receiver_token USING gin (tokens);
CREATE INDEX order_view_unsealed_idx ON order_view (order_id)
    WHERE receiver_name NOT LIKE 'pd1:%' AND receiver_name <> '[erased]';
