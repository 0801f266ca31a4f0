-- Outbound webhooks. webhook: the subscriptions as their events left them (a subscribing handler). webhook_owner:
-- each order's and refund's shop, so an event that does not name its shop finds its subscribers. webhook_delivery:
-- the outbox, written by the webhook-deliveries processor in the transaction that moves its token (so an event is
-- turned into deliveries exactly once), sent by the webhook sweep until the subscriber answers 2xx; it is also the
-- delivery log.
CREATE TABLE webhook (
    webhook_id VARCHAR(36)   NOT NULL PRIMARY KEY,
    shop_id    VARCHAR(64),
    url        VARCHAR(1000) NOT NULL,
    events     VARCHAR(1000) NOT NULL,
    secret     VARCHAR(200)  NOT NULL,
    active     BOOLEAN       NOT NULL,
    created_by VARCHAR(128)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE webhook_owner (
    resource_id VARCHAR(36) NOT NULL PRIMARY KEY,
    shop_id     VARCHAR(64) NOT NULL
);
CREATE TABLE webhook_delivery (
    delivery_id   VARCHAR(64)    NOT NULL PRIMARY KEY,
    webhook_id    VARCHAR(36)    NOT NULL,
    event_id      VARCHAR(64)    NOT NULL,
    topic         VARCHAR(32)    NOT NULL,
    payload       VARCHAR(200000) NOT NULL,
    status        VARCHAR(16)    NOT NULL,
    attempts      INTEGER        NOT NULL DEFAULT 0,
    due_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_until TIMESTAMP WITH TIME ZONE,
    last_status   INTEGER,
    last_error    VARCHAR(500),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at  TIMESTAMP WITH TIME ZONE
);
-- Serves: the sweep's "pending deliveries due, oldest first".
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (status, due_at);
-- Serves: a webhook's delivery log, newest first.
CREATE INDEX webhook_delivery_log_idx ON webhook_delivery (webhook_id, created_at);
