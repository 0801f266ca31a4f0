-- How many of the order's lines have a refund applying or awaiting goods: the orders projection keeps it as each
-- refund event moves a line, so refund_in_progress (open_refund_lines > 0) needs no query over the lines.
ALTER TABLE order_view ADD COLUMN open_refund_lines INT DEFAULT 0 NOT NULL;
UPDATE order_view SET open_refund_lines = (SELECT count(*) FROM order_line_view l
    WHERE l.order_id = order_view.order_id AND l.refund_state IN ('applying', 'refunding'));
