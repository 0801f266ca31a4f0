-- Command side: the steps group buying takes after a command, one row each until done: a group's deadline, a
-- seat paid or given back (from the order's events), a group's end carried to each of its orders. Written by the
-- group-tasks subscribing handler in the transaction that stores the event, so no step is ever lost or made
-- without its fact; claimed by the group sweep (GroupSweep) with FOR UPDATE SKIP LOCKED, so each runs on one
-- instance, and every step is idempotent, so a step run again after a crash changes nothing.
CREATE TABLE group_task (
    -- kind:group_id:order_id (order_id empty for a deadline): one row per step, inserted once
    task_id       VARCHAR(120) NOT NULL PRIMARY KEY,
    -- deadline | seat_paid | seat_released | settle_succeeded | settle_failed
    kind          VARCHAR(24)  NOT NULL,
    group_id      VARCHAR(36)  NOT NULL,
    group_buy_id  VARCHAR(36),
    order_id      VARCHAR(36),
    due_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_until TIMESTAMP WITH TIME ZONE,
    attempts      INTEGER      NOT NULL DEFAULT 0,
    last_error    VARCHAR(500)
);
-- Serves: the sweep's "due steps, oldest first".
CREATE INDEX group_task_due_idx ON group_task (due_at);
