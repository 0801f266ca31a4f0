-- After-sales read models (query side). Portable SQL; the lists are small per buyer/shop.
CREATE TABLE refund_view (
    refund_id           VARCHAR(36)    NOT NULL PRIMARY KEY,
    order_id            VARCHAR(36)    NOT NULL,
    order_no            VARCHAR(20)    NOT NULL,
    order_line_id       VARCHAR(36)    NOT NULL,
    product_name        VARCHAR(200)   NOT NULL,
    buyer_id            VARCHAR(64)    NOT NULL,
    shop_id             VARCHAR(64)    NOT NULL,
    type                VARCHAR(20)    NOT NULL,
    goods_received      BOOLEAN        NOT NULL,
    reason              VARCHAR(32)    NOT NULL,
    amount              NUMERIC(13, 2) NOT NULL,
    note                VARCHAR(500),
    evidence_urls       VARCHAR(10000) NOT NULL,
    status              VARCHAR(20)    NOT NULL,
    refuse_reason       VARCHAR(500),
    return_address      VARCHAR(512),
    return_carrier_code VARCHAR(32),
    return_carrier_name VARCHAR(64),
    return_tracking_no  VARCHAR(64),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    refunded_at         TIMESTAMP WITH TIME ZONE,
    version             BIGINT         NOT NULL
);
-- Serves: the refunds of one order (order detail, GET /refunds?order_id=).
CREATE INDEX refund_view_order_idx ON refund_view (order_id, created_at);
-- Serves: GET /refunds for a buyer / a shop / everything, newest first, optionally by status.
CREATE INDEX refund_view_buyer_idx ON refund_view (buyer_id, created_at DESC);
CREATE INDEX refund_view_shop_idx ON refund_view (shop_id, status, created_at DESC);
CREATE INDEX refund_view_status_idx ON refund_view (status, created_at DESC);

CREATE TABLE refund_log_entry (
    refund_id    VARCHAR(36)   NOT NULL,
    sequence     BIGINT        NOT NULL,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_role   VARCHAR(16)   NOT NULL,
    actor_id     VARCHAR(64)   NOT NULL,
    action       VARCHAR(32)   NOT NULL,
    message      VARCHAR(1000) NOT NULL,
    status_after VARCHAR(20)   NOT NULL,
    PRIMARY KEY (refund_id, sequence)
);
