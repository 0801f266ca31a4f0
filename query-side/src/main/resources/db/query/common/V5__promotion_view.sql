-- Promotions (满减, 满折, 加价购, 满赠) as shops and buyers list them: the terms as one JSON document.
CREATE TABLE promotion_view (
    promotion_id VARCHAR(36)     NOT NULL PRIMARY KEY,
    shop_id      VARCHAR(64),
    name         VARCHAR(100)    NOT NULL,
    type         VARCHAR(20)     NOT NULL,
    starts_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at     TIMESTAMP WITH TIME ZONE,
    rules        VARCHAR(100000) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    version      BIGINT          NOT NULL
);
CREATE INDEX promotion_view_shop_idx ON promotion_view (shop_id, created_at);
