-- Counters over every order for the admin's unfiltered /status-counts: counting a million order_view rows per
-- request takes hundreds of milliseconds (BENCHMARKS.md). The orders projection keeps them in the same transaction
-- as order_view. Counters: 'status:<status>', 'review_pending', 'refund_in_progress'.
CREATE TABLE order_count (
    counter VARCHAR(40) NOT NULL PRIMARY KEY,
    n       BIGINT      NOT NULL
);
INSERT INTO order_count (counter, n) SELECT 'status:' || status, count(*) FROM order_view GROUP BY status;
-- Only counters some order has touched, as the projection would write them (a rebuild must produce the same rows).
INSERT INTO order_count (counter, n) SELECT 'review_pending', count(*) FROM order_view WHERE review_pending
  HAVING count(*) > 0;
INSERT INTO order_count (counter, n) SELECT 'refund_in_progress', count(*) FROM order_view WHERE refund_in_progress
  HAVING count(*) > 0;
