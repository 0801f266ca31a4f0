-- No query looks an order up by pay_no on the read side (payments find their orders on the command side), yet every
-- status change of an order (a non-HOT update: status is indexed) inserted an entry into this index.
DROP INDEX IF EXISTS order_view_pay_no_idx;
