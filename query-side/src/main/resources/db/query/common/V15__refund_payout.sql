-- A refund's payout through the payment channel (channel, out_request_no, amount, status, attempts, last error),
-- as one JSON document; null when nothing goes back through a channel.
ALTER TABLE refund_view ADD COLUMN payout VARCHAR(1000);
