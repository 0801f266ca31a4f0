-- The admin's order counters recomputed from order_view, as the orders projection would have written them (only
-- counters some order has touched, all in shard 0). replay.sh runs it after multiplying the read models.
INSERT INTO order_count (counter, n) SELECT 'status:' || status, count(*) FROM order_view GROUP BY status;
INSERT INTO order_count (counter, n) SELECT 'review_pending', count(*) FROM order_view WHERE review_pending
  HAVING count(*) > 0;
INSERT INTO order_count (counter, n) SELECT 'refund_in_progress', count(*) FROM order_view WHERE refund_in_progress
  HAVING count(*) > 0;
