-- Command side: which product (and shop) a SKU belongs to. Written in the same transaction as ProductCreated by a
-- subscribing handler, read when an order is placed with nothing but SKU ids.
CREATE TABLE sku_index (
    sku_id     VARCHAR(36) NOT NULL PRIMARY KEY,
    product_id VARCHAR(36) NOT NULL,
    shop_id    VARCHAR(64) NOT NULL
);

-- Order numbers embed a node number; each starting instance draws one here (no per-order database round trip).
CREATE SEQUENCE order_node_seq MINVALUE 0 MAXVALUE 999 START WITH 0 CYCLE;

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
