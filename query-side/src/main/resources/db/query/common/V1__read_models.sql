-- The query side's read models (its Flyway history: query_schema_history). Portable SQL: PostgreSQL, and H2 in
-- PostgreSQL mode for the embedded default; each database's list indexes follow in V2.

-- Query side read models. Every row carries the version (event sequence number) it reflects.
CREATE TABLE product_view (
    product_id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    shop_id             VARCHAR(64)  NOT NULL,
    name                VARCHAR(200) NOT NULL,
    image_url           VARCHAR(1024),
    freight_template_id VARCHAR(64),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    version             BIGINT       NOT NULL
);

CREATE TABLE product_sku_view (
    sku_id       VARCHAR(36)   NOT NULL PRIMARY KEY,
    product_id   VARCHAR(36)   NOT NULL,
    position     INTEGER       NOT NULL,
    sku_code     VARCHAR(64)   NOT NULL,
    properties   VARCHAR(4000) NOT NULL,
    price        NUMERIC(13, 2) NOT NULL,
    cost_price   NUMERIC(13, 2),
    points_price BIGINT,
    stock        BIGINT        NOT NULL
);
CREATE INDEX product_sku_view_product_idx ON product_sku_view (product_id, position);

CREATE TABLE order_view (
    order_id           VARCHAR(36)    NOT NULL PRIMARY KEY,
    order_no           VARCHAR(20)    NOT NULL,
    buyer_id           VARCHAR(64)    NOT NULL,
    shop_id            VARCHAR(64)    NOT NULL,
    order_type         VARCHAR(20)    NOT NULL,
    status             VARCHAR(20)    NOT NULL,
    review_pending     BOOLEAN        NOT NULL,
    refund_in_progress BOOLEAN        NOT NULL,
    refund_finished    BOOLEAN        NOT NULL,
    deleted_by_buyer   BOOLEAN        NOT NULL,
    goods_amount       NUMERIC(13, 2) NOT NULL,
    shipping_fee       NUMERIC(13, 2) NOT NULL,
    discount_amount    NUMERIC(13, 2) NOT NULL,
    pay_amount         NUMERIC(13, 2) NOT NULL,
    points_amount      BIGINT         NOT NULL,
    points_earned      BIGINT         NOT NULL,
    receiver_name      VARCHAR(100)   NOT NULL,
    receiver_phone     VARCHAR(32)    NOT NULL,
    receiver_province  VARCHAR(64)    NOT NULL,
    receiver_city      VARCHAR(64)    NOT NULL,
    receiver_district  VARCHAR(64)    NOT NULL,
    receiver_address   VARCHAR(512)   NOT NULL,
    receiver_zipcode   VARCHAR(16),
    buyer_remark       VARCHAR(512),
    -- Lower-cased product names and tracking numbers, so keyword searches stay on this one table.
    goods_names        VARCHAR(4000)  NOT NULL,
    tracking_nos       VARCHAR(1000)  NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    payable_until      TIMESTAMP WITH TIME ZONE,
    paid_at            TIMESTAMP WITH TIME ZONE,
    paid_amount        NUMERIC(13, 2),
    pay_channel        VARCHAR(32),
    transaction_no     VARCHAR(64),
    shipped_at         TIMESTAMP WITH TIME ZONE,
    completed_at       TIMESTAMP WITH TIME ZONE,
    cancelled_at       TIMESTAMP WITH TIME ZONE,
    cancel_reason      VARCHAR(512),
    review_rating      INTEGER,
    review_content     VARCHAR(2000),
    reviewed_at        TIMESTAMP WITH TIME ZONE,
    version            BIGINT         NOT NULL,
    -- Set when the order timer closes the after-sales window of a completed order.
    after_sales_closed BOOLEAN        DEFAULT FALSE NOT NULL,
    -- How many of the order's lines have a refund applying or awaiting goods: the orders projection keeps it as each
    -- refund event moves a line, so refund_in_progress (open_refund_lines > 0) needs no query over the lines.
    open_refund_lines  INT            DEFAULT 0 NOT NULL,
    CONSTRAINT order_view_order_no_uk UNIQUE (order_no)
);

CREATE TABLE order_line_view (
    order_line_id    VARCHAR(36)    NOT NULL PRIMARY KEY,
    order_id         VARCHAR(36)    NOT NULL,
    position         INTEGER        NOT NULL,
    product_id       VARCHAR(36)    NOT NULL,
    sku_id           VARCHAR(36)    NOT NULL,
    sku_code         VARCHAR(64)    NOT NULL,
    product_name     VARCHAR(200)   NOT NULL,
    image_url        VARCHAR(1024),
    properties       VARCHAR(4000)  NOT NULL,
    unit_price       NUMERIC(13, 2) NOT NULL,
    points_price     BIGINT,
    quantity         INTEGER        NOT NULL,
    line_total       NUMERIC(13, 2) NOT NULL,
    shipped_quantity INTEGER        NOT NULL,
    refund_state     VARCHAR(16)    NOT NULL,
    refunded_amount  NUMERIC(13, 2) NOT NULL
);
-- Serves: lines of one order (detail) and of a page of orders (list, order_id IN (...)).
CREATE INDEX order_line_view_order_idx ON order_line_view (order_id, position);

CREATE TABLE order_shipment_view (
    shipment_id  VARCHAR(36)   NOT NULL PRIMARY KEY,
    order_id     VARCHAR(36)   NOT NULL,
    carrier_code VARCHAR(32)   NOT NULL,
    carrier_name VARCHAR(64)   NOT NULL,
    tracking_no  VARCHAR(64)   NOT NULL,
    lines        VARCHAR(8000) NOT NULL,
    shipped_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
-- Serves: shipments of one order (detail).
CREATE INDEX order_shipment_view_order_idx ON order_shipment_view (order_id, shipped_at);

CREATE TABLE order_log_entry (
    order_id       VARCHAR(36)  NOT NULL,
    sequence       BIGINT       NOT NULL,
    at             TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_role     VARCHAR(16)  NOT NULL,
    actor_id       VARCHAR(64)  NOT NULL,
    action         VARCHAR(32)  NOT NULL,
    message        VARCHAR(1000) NOT NULL,
    status_after   VARCHAR(20)  NOT NULL,
    correlation_id VARCHAR(64),
    -- Serves: the log of one order, oldest first; also makes a replayed event a no-op.
    PRIMARY KEY (order_id, sequence)
);

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

-- Counters over every order for the admin's unfiltered /status-counts: counting a million order_view rows per
-- request takes hundreds of milliseconds (BENCHMARKS.md). The orders projection keeps them in the same transaction
-- as order_view. Counters: 'status:<status>', 'review_pending', 'refund_in_progress'. One row per counter and
-- projection segment (shard): each segment's batches add to their own rows, so two segments never wait for each
-- other's lock on a counter until commit (bench/README.md). A counter's value is the sum over its shards.
-- The key keeps the name it had before the history was split (the table was created as order_count_sharded).
CREATE TABLE order_count (
    counter VARCHAR(40) NOT NULL,
    shard   INT         DEFAULT 0 NOT NULL,
    n       BIGINT      NOT NULL,
    CONSTRAINT order_count_sharded_pkey PRIMARY KEY (counter, shard)
);
