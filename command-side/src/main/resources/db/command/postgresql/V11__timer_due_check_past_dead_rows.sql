-- The sweep's first question, asked every poll interval for each timer type (every 2 s for payment timeouts): is a
-- timer of this type due? (DueTable.claim.) Nearly every payment timer is deleted, its order paid, long before it
-- falls due, and until VACUUM reaches them the dead rows keep their entries in order_timer_due_idx, in the range the
-- question reads. The planner counts live rows only, found a few, and chose a bitmap scan, which visits the heap page
-- of every entry, dead or not: with 14,765 dead entries 869 pages and 23-62 ms a question under load, 2.3 % of
-- PostgreSQL's statement time in a probe (bench/README.md, session 63). A plain index scan marks each dead entry it
-- meets and skips it from then on without the heap: 133 index pages and 0.1-0.3 ms. PostgreSQL takes no hints in a
-- query, and SET LOCAL needs a transaction the question does without; a function's SET clause holds for its call.
CREATE FUNCTION order_timer_due(p_type VARCHAR, p_at TIMESTAMP WITH TIME ZONE) RETURNS BOOLEAN
    LANGUAGE sql STABLE SET enable_bitmapscan = off
AS $$
SELECT EXISTS (SELECT 1 FROM order_timer WHERE timer_type = p_type AND holds = 0 AND due_at <= p_at
                   AND (claimed_until IS NULL OR claimed_until <= p_at))
$$;
