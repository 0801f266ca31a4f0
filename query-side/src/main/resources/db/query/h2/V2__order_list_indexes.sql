-- The embedded default holds a shop's worth of orders, not millions: plain B-tree indexes for the scoped lists.
-- (PostgreSQL gets partial and trigram indexes: see db/query/postgresql.)
CREATE INDEX order_view_buyer_idx ON order_view (buyer_id, created_at DESC, order_no DESC);
CREATE INDEX order_view_shop_idx ON order_view (shop_id, created_at DESC, order_no DESC);
CREATE INDEX order_view_created_idx ON order_view (created_at DESC, order_no DESC);
CREATE INDEX order_view_status_idx ON order_view (status, created_at DESC);
