-- Order timers without a saga or a scheduled row per deadline: the due dates the order's events state, one row per
-- order and timer, written by the order-due-dates projection (a few JDBC batches per event batch) and claimed in
-- batches by one recurring sweep per timer type (TimerSweep).
CREATE TABLE order_timer (
    order_id      VARCHAR(36) NOT NULL,
    timer_type    VARCHAR(24) NOT NULL,
    -- null while only holds keep the row (a refund opened before the order was shipped)
    due_at        TIMESTAMP WITH TIME ZONE,
    -- open refunds holding the automatic receipt; a held row is not due
    holds         INTEGER     NOT NULL DEFAULT 0,
    -- a sweep took the row until then; if its instance dies, the row is due again after that
    claimed_until TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (order_id, timer_type)
);
-- Serves: the sweep's "due rows of one timer type, oldest first".
CREATE INDEX order_timer_due_idx ON order_timer (timer_type, due_at);

-- What the per-order saga and Axon's deadlines kept is now read from the events: the new processor starts at the
-- beginning of the store and writes every open due date (an order cancelled, received or closed leaves none).
DELETE FROM scheduled_tasks WHERE task_name = 'AxonDeadline';
DELETE FROM association_value_entry WHERE saga_type = 'io.ordersvc.command.timer.OrderTimers';
DELETE FROM saga_entry WHERE saga_type = 'io.ordersvc.command.timer.OrderTimers';
DELETE FROM token_entry WHERE processor_name = 'order-timers';
