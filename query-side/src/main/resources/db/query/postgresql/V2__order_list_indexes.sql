-- Indexes for GET /orders and /status-counts at a million orders and more. Each list is "newest first":
-- ORDER BY created_at DESC, order_no DESC, so every scope has an index in that order to stop after one page.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Buyer's list ("my orders", deleted ones hidden) and the buyer's status counts.
CREATE INDEX order_view_buyer_idx ON order_view (buyer_id, created_at DESC, order_no DESC) WHERE NOT deleted_by_buyer;
-- With the two flags in the status indexes PostgreSQL counts from the index alone (an index-only scan) instead of
-- visiting every order's row: at 25,000 orders of one shop that was most of a /status-counts request.
CREATE INDEX order_view_buyer_status_idx ON order_view (buyer_id, status, created_at DESC)
  INCLUDE (review_pending, refund_in_progress) WHERE NOT deleted_by_buyer;
-- Seller back-office: the shop's list, by status (to_ship is the seller's work queue), and its counts.
CREATE INDEX order_view_shop_idx ON order_view (shop_id, created_at DESC, order_no DESC);
CREATE INDEX order_view_shop_status_idx ON order_view (shop_id, status, created_at DESC)
  INCLUDE (review_pending, refund_in_progress);
-- Admin: everything newest first, by status, and by time window.
CREATE INDEX order_view_created_idx ON order_view (created_at DESC, order_no DESC);
CREATE INDEX order_view_status_idx ON order_view (status, created_at DESC);
-- Flags used as list filters and counted by /status-counts; partial, because few orders carry them.
CREATE INDEX order_view_review_pending_idx ON order_view (created_at DESC) WHERE review_pending;
CREATE INDEX order_view_refund_idx ON order_view (created_at DESC) WHERE refund_in_progress;
-- Substring keyword searches (product_name, keyword_type=goods_name/receiver_name/receiver_phone/tracking_no).
CREATE INDEX order_view_goods_names_trgm ON order_view USING gin (goods_names gin_trgm_ops);
CREATE INDEX order_view_receiver_phone_trgm ON order_view USING gin (receiver_phone gin_trgm_ops);
CREATE INDEX order_view_receiver_name_trgm ON order_view USING gin (receiver_name gin_trgm_ops);
CREATE INDEX order_view_tracking_nos_trgm ON order_view USING gin (tracking_nos gin_trgm_ops);
