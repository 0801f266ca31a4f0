-- Wallets (seed 003 use_integral, use_money): each buyer's points and balance, and their ledgers, newest first.
CREATE TABLE wallet_view (
    buyer_id      VARCHAR(64)    NOT NULL PRIMARY KEY,
    points        BIGINT         NOT NULL,
    frozen_points BIGINT         NOT NULL,
    balance       NUMERIC(13, 2) NOT NULL,
    version       BIGINT         NOT NULL
);
CREATE TABLE points_ledger (
    buyer_id VARCHAR(64)  NOT NULL,
    sequence BIGINT       NOT NULL,
    at       TIMESTAMP WITH TIME ZONE NOT NULL,
    delta    BIGINT       NOT NULL,
    reason   VARCHAR(200) NOT NULL,
    order_id VARCHAR(36),
    -- Serves: a buyer's ledger, newest first; also makes a replayed event a no-op.
    PRIMARY KEY (buyer_id, sequence)
);
CREATE TABLE balance_ledger (
    buyer_id VARCHAR(64)    NOT NULL,
    sequence BIGINT         NOT NULL,
    at       TIMESTAMP WITH TIME ZONE NOT NULL,
    delta    NUMERIC(13, 2) NOT NULL,
    reason   VARCHAR(200)   NOT NULL,
    order_id VARCHAR(36),
    PRIMARY KEY (buyer_id, sequence)
);
