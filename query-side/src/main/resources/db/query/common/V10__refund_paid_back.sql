-- How a refund's money went back (points, balance, gift card, the channel), as one JSON document.
ALTER TABLE refund_view ADD COLUMN paid_back VARCHAR(500);
