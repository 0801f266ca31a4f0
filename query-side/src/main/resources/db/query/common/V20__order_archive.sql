-- The archive (issue 20; API.md "Audit, history and analytics"; seed 002's order history). An order is finished
-- when nothing more can happen to it but its buyer hiding it: cancelled, closed, or completed with its after-sales
-- window shut and no refund open. finished_at is the time of the event that finished it. Finished orders older than
-- ORDERS_ARCHIVE_AFTER leave order_view (with their lines and log) for order_history, what GET /orders/history
-- lists; their detail is then folded from their events.
ALTER TABLE order_view ADD COLUMN finished_at TIMESTAMP WITH TIME ZONE;
-- Rows from before this migration: the best time they carry. A rebuild replaces it with the event's own.
UPDATE order_view SET finished_at = COALESCE(after_sales_until, cancelled_at, completed_at, paid_at, created_at)
WHERE status IN ('cancelled', 'closed') OR (status = 'completed' AND after_sales_closed AND NOT refund_in_progress);

CREATE TABLE order_history (
    order_id         VARCHAR(36)              NOT NULL PRIMARY KEY,
    order_no         VARCHAR(32)              NOT NULL,
    buyer_id         VARCHAR(64)              NOT NULL,
    shop_id          VARCHAR(64)              NOT NULL,
    status           VARCHAR(20)              NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    pay_amount       NUMERIC(15, 2)           NOT NULL,
    -- the channel it was paid through; null for an order never paid
    pay_channel      VARCHAR(32),
    -- its lines' product names, one per line, in line order
    goods_names      VARCHAR(20000)           NOT NULL,
    finished_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    archived_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_by_buyer BOOLEAN                  NOT NULL
);
-- Serves: a buyer's and a shop's history, newest first.
CREATE INDEX order_history_buyer_idx ON order_history (buyer_id, created_at DESC, order_no DESC);
CREATE INDEX order_history_shop_idx ON order_history (shop_id, created_at DESC, order_no DESC);
CREATE INDEX order_history_created_idx ON order_history (created_at DESC, order_no DESC);
