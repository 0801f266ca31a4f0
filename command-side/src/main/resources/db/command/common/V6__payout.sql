-- Command side: money to pay back through a payment channel (a refund's channel share, or a trade's share an order
-- could not take), one row per payout until the channel confirms it or it fails for good. Written by the payouts
-- subscribing handler in the transaction that stores the event; claimed by the payout sweep (PayoutSweep) with FOR
-- UPDATE SKIP LOCKED, retried with back-off. Rebuilt from the events when lost.
CREATE TABLE payout (
    -- the out_request_no the channel sees: the channel pays one payout once
    payout_id     VARCHAR(64)   NOT NULL PRIMARY KEY,
    -- refund | payback
    kind          VARCHAR(16)   NOT NULL,
    refund_id     VARCHAR(36),
    order_id      VARCHAR(36)   NOT NULL,
    pay_no        VARCHAR(32)   NOT NULL,
    channel       VARCHAR(24)   NOT NULL,
    trade_no      VARCHAR(64)   NOT NULL,
    amount        NUMERIC(13, 2) NOT NULL,
    attempts      INTEGER       NOT NULL DEFAULT 0,
    due_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_until TIMESTAMP WITH TIME ZONE,
    last_error    VARCHAR(500),
    -- failed for good (the channel refused, or every attempt failed): waits for an admin's retry
    failed        BOOLEAN       NOT NULL DEFAULT FALSE
);
-- Serves: the sweep's "due payouts, oldest first".
CREATE INDEX payout_due_idx ON payout (due_at);

-- Every trade a channel reported, with its total: a channel's refund names the trade and (WeChat Pay) its total.
CREATE TABLE payment_trade (
    channel  VARCHAR(24)    NOT NULL,
    trade_no VARCHAR(64)    NOT NULL,
    pay_no   VARCHAR(32)    NOT NULL,
    amount   NUMERIC(13, 2) NOT NULL,
    PRIMARY KEY (channel, trade_no)
);
