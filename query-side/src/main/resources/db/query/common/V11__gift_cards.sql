-- Gift cards (seed 003 use_card): each card's balance and, once bound, its buyer.
CREATE TABLE gift_card_view (
    number      VARCHAR(16)    NOT NULL PRIMARY KEY,
    batch_id    VARCHAR(36)    NOT NULL,
    buyer_id    VARCHAR(64),
    amount      NUMERIC(13, 2) NOT NULL,
    balance     NUMERIC(13, 2) NOT NULL,
    valid_until TIMESTAMP WITH TIME ZONE NOT NULL,
    bound_at    TIMESTAMP WITH TIME ZONE,
    version     BIGINT         NOT NULL
);
-- Serves: a buyer's cards.
CREATE INDEX gift_card_view_buyer_idx ON gift_card_view (buyer_id);
