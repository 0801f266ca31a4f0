-- Command side: the promotions by shop (NULL: platform-wide) and time window, with their terms, written in the
-- transaction that stores the promotion's events (a subscribing handler). A checkout finds what runs in one query.
CREATE TABLE promotion_index (
    promotion_id VARCHAR(36)      NOT NULL PRIMARY KEY,
    shop_id      VARCHAR(64),
    starts_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    rules        VARCHAR(100000)  NOT NULL
);
CREATE INDEX promotion_index_shop_idx ON promotion_index (shop_id, ends_at);
