-- Top products over any range without summing its days (issue 20: p99 <= 20 ms over 180 days of a million orders).
-- Per shop (and '*', the platform), the running totals of every product it ever sold, as of the end of each day on
-- which any of its products changed (a "roll day"): a roll day holds a row for every such product. A range's figures
-- are the totals at the last roll day up to its end minus those at the last roll day before its start: two index
-- probes and two days' rows, however long the range. Written by the analytics group with analytics_product.
CREATE TABLE analytics_product_total (
    shop_id         VARCHAR(64)    NOT NULL,
    stat_date       DATE           NOT NULL,
    product_id      VARCHAR(36)    NOT NULL,
    product_name    VARCHAR(200)   NOT NULL,
    quantity        BIGINT         NOT NULL,
    revenue         NUMERIC(17, 2) NOT NULL,
    refunded_amount NUMERIC(17, 2) NOT NULL,
    refund_count    BIGINT         NOT NULL,
    PRIMARY KEY (shop_id, stat_date, product_id)
);
