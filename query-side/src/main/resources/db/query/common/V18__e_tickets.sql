-- E-tickets: an order that sells them (never shipped; shipped once its tickets are issued) with its tickets' states
-- counted on the order (detail and list), and every ticket (GET /orders/{id}/tickets, its QR image).
ALTER TABLE order_view ADD COLUMN ticket_order BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE order_view ADD COLUMN tickets_unused INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE order_view ADD COLUMN tickets_used INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE order_view ADD COLUMN tickets_expired INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE order_view ADD COLUMN tickets_refunded INTEGER DEFAULT 0 NOT NULL;

CREATE TABLE ticket_view (
    code          VARCHAR(32)    NOT NULL PRIMARY KEY,
    order_id      VARCHAR(36)    NOT NULL,
    buyer_id      VARCHAR(64)    NOT NULL,
    shop_id       VARCHAR(64)    NOT NULL,
    order_line_id VARCHAR(36)    NOT NULL,
    product_name  VARCHAR(200)   NOT NULL,
    amount        NUMERIC(13, 2) NOT NULL,
    -- unused | used | expired | refunded
    status        VARCHAR(16)    NOT NULL,
    valid_from    TIMESTAMP WITH TIME ZONE,
    valid_until   TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at       TIMESTAMP WITH TIME ZONE,
    refund_id     VARCHAR(36),
    -- the order's version that last changed it
    version       BIGINT         NOT NULL,
    -- the order of issue, for listing
    position      INTEGER        NOT NULL
);
-- Serves: an order's tickets in the order they were issued.
CREATE INDEX ticket_view_order_idx ON ticket_view (order_id, position);
