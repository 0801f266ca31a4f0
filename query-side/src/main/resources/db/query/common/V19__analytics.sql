-- Analytics read models (issue 20; API.md "Audit, history and analytics"), written by the analytics processing
-- group from the events alone. A day is a calendar day in ORDERS_ANALYTICS_ZONE (Asia/Shanghai by default), taken
-- from the event's own time (placed, paid, cancelled, refunded). shop_id '*' is the whole platform. Counters are
-- added per event batch in the transaction that stores the processor's token, so a batch counts once; a rebuild
-- starts from empty tables and comes to the same rows.

-- What the later events of an order need of it: its shop, buyer, the day it was placed (the funnel's day), its
-- total and lines (product, name, units, what was paid for them), and how far it went.
CREATE TABLE analytics_order (
    order_id   VARCHAR(36)    NOT NULL PRIMARY KEY,
    shop_id    VARCHAR(64)    NOT NULL,
    buyer_id   VARCHAR(64)    NOT NULL,
    placed_day DATE           NOT NULL,
    total      NUMERIC(15, 2) NOT NULL,
    lines      VARCHAR(20000) NOT NULL,
    paid       BOOLEAN        NOT NULL,
    shipped    BOOLEAN        NOT NULL,
    completed  BOOLEAN        NOT NULL,
    refunded   BOOLEAN        NOT NULL
);

-- Per day and shop: placed, paid and their value (gmv: the paid orders' totals), refunds paid out, cancellations,
-- paying buyers and those paying for the first time.
CREATE TABLE analytics_daily (
    id              VARCHAR(80)    NOT NULL PRIMARY KEY,
    stat_date       DATE           NOT NULL,
    shop_id         VARCHAR(64)    NOT NULL,
    placed          INTEGER        NOT NULL,
    paid            INTEGER        NOT NULL,
    gmv             NUMERIC(15, 2) NOT NULL,
    refunded_amount NUMERIC(15, 2) NOT NULL,
    refund_count    INTEGER        NOT NULL,
    cancelled       INTEGER        NOT NULL,
    buyers          INTEGER        NOT NULL,
    new_buyers      INTEGER        NOT NULL
);
CREATE INDEX analytics_daily_shop_idx ON analytics_daily (shop_id, stat_date);

-- The funnel by the day orders were placed: how many of them were then paid, shipped, completed, refunded.
CREATE TABLE analytics_funnel (
    id        VARCHAR(80) NOT NULL PRIMARY KEY,
    stat_date       DATE           NOT NULL,
    shop_id   VARCHAR(64) NOT NULL,
    placed    INTEGER     NOT NULL,
    paid      INTEGER     NOT NULL,
    shipped   INTEGER     NOT NULL,
    completed INTEGER     NOT NULL,
    refunded  INTEGER     NOT NULL
);
CREATE INDEX analytics_funnel_shop_idx ON analytics_funnel (shop_id, stat_date);

-- Per day, shop and product: units and revenue paid (the lines' paid amounts), refunds paid out on its lines.
CREATE TABLE analytics_product (
    id              VARCHAR(120)   NOT NULL PRIMARY KEY,
    stat_date       DATE           NOT NULL,
    shop_id         VARCHAR(64)    NOT NULL,
    product_id      VARCHAR(36)    NOT NULL,
    product_name    VARCHAR(200)   NOT NULL,
    quantity        INTEGER        NOT NULL,
    revenue         NUMERIC(15, 2) NOT NULL,
    refunded_amount NUMERIC(15, 2) NOT NULL,
    refund_count    INTEGER        NOT NULL
);
CREATE INDEX analytics_product_shop_idx ON analytics_product (shop_id, stat_date);

-- Per day (the application's), shop and reason: refund applications and the amounts asked.
CREATE TABLE analytics_refund_reason (
    id      VARCHAR(120)   NOT NULL PRIMARY KEY,
    stat_date DATE           NOT NULL,
    shop_id VARCHAR(64)    NOT NULL,
    reason  VARCHAR(32)    NOT NULL,
    refunds INTEGER        NOT NULL,
    amount  NUMERIC(15, 2) NOT NULL
);
CREATE INDEX analytics_refund_reason_shop_idx ON analytics_refund_reason (shop_id, stat_date);

-- The buyers who paid on a day (a buyer counts once a day), and the day each first paid, per shop and platform.
CREATE TABLE analytics_buyer_day (
    stat_date DATE        NOT NULL,
    shop_id  VARCHAR(64) NOT NULL,
    buyer_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (shop_id, stat_date, buyer_id)
);
CREATE TABLE analytics_buyer (
    shop_id   VARCHAR(64) NOT NULL,
    buyer_id  VARCHAR(64) NOT NULL,
    first_day DATE        NOT NULL,
    PRIMARY KEY (shop_id, buyer_id)
);
