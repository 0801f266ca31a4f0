-- Group buying (拼团): a group order's group, campaign and group status on the order (detail and list), the
-- campaigns (GET /group-buys) and each group with its members (GET /groups/{id}, the share link).
ALTER TABLE order_view ADD COLUMN group_id VARCHAR(36);
ALTER TABLE order_view ADD COLUMN group_buy_id VARCHAR(36);
-- forming | succeeded | failed, as the order's own events state it
ALTER TABLE order_view ADD COLUMN group_status VARCHAR(16);

CREATE TABLE group_buy_view (
    group_buy_id    VARCHAR(36)    NOT NULL PRIMARY KEY,
    shop_id         VARCHAR(36)    NOT NULL,
    product_id      VARCHAR(36)    NOT NULL,
    sku_id          VARCHAR(36)    NOT NULL,
    product_name    VARCHAR(200)   NOT NULL,
    list_price      NUMERIC(13, 2) NOT NULL,
    group_price     NUMERIC(13, 2) NOT NULL,
    group_size      INTEGER        NOT NULL,
    -- ISO-8601, as created (PT24H)
    duration        VARCHAR(32)    NOT NULL,
    per_buyer_limit INTEGER        NOT NULL,
    starts_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the end it was created with, or when the seller ended it
    ends_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    auto_fill       BOOLEAN        NOT NULL,
    groups_opened   INTEGER        NOT NULL,
    groups_succeeded INTEGER       NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT         NOT NULL
);
-- Serves: a shop's campaigns, newest first; a SKU's running campaigns.
CREATE INDEX group_buy_view_shop_idx ON group_buy_view (shop_id, created_at);
CREATE INDEX group_buy_view_sku_idx ON group_buy_view (sku_id);

CREATE TABLE group_view (
    group_id     VARCHAR(36)    NOT NULL PRIMARY KEY,
    group_buy_id VARCHAR(36)    NOT NULL,
    shop_id      VARCHAR(36)    NOT NULL,
    sku_id       VARCHAR(36)    NOT NULL,
    product_name VARCHAR(200)   NOT NULL,
    group_price  NUMERIC(13, 2) NOT NULL,
    group_size   INTEGER        NOT NULL,
    status       VARCHAR(16)    NOT NULL,
    -- seats held by orders (paid or not); seats_left = group_size - taken
    taken        INTEGER        NOT NULL,
    paid         INTEGER        NOT NULL,
    -- seats the platform filled at an auto-filled deadline
    filled       INTEGER        NOT NULL,
    -- the members as shown: JSON [{"order_id","name","role","paid"}], names masked
    members      VARCHAR(20000) NOT NULL,
    opened_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    deadline     TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at     TIMESTAMP WITH TIME ZONE,
    fail_reason  VARCHAR(32),
    version      BIGINT         NOT NULL
);
-- Serves: a campaign's forming groups to join, soonest deadline first.
CREATE INDEX group_view_campaign_idx ON group_view (group_buy_id, status, deadline);
