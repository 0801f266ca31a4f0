-- The archive's sweep: the finished orders, oldest first. Only they are in the index.
CREATE INDEX order_view_finished_idx ON order_view (finished_at) WHERE finished_at IS NOT NULL;
