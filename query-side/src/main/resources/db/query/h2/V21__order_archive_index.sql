-- The archive's sweep: the finished orders, oldest first (H2 has no partial indexes).
CREATE INDEX order_view_finished_idx ON order_view (finished_at);
