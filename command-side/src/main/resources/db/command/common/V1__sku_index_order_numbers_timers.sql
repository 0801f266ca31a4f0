-- The command side's own tables (its Flyway history: command_schema_history).

-- Command side: which product (and shop) a SKU belongs to. Written in the same transaction as ProductCreated by a
-- subscribing handler, read when an order is placed with nothing but SKU ids.
CREATE TABLE sku_index (
    sku_id     VARCHAR(36) NOT NULL PRIMARY KEY,
    product_id VARCHAR(36) NOT NULL,
    shop_id    VARCHAR(64) NOT NULL
);

-- Order numbers embed a node number; each starting instance draws one here (no per-order database round trip).
CREATE SEQUENCE order_node_seq MINVALUE 0 MAXVALUE 999 START WITH 0 CYCLE;

-- db-scheduler's table: Axon's deadlines (order timers) live here, so they survive restarts and fire once when
-- several instances poll (a due row is picked with an optimistic version update).
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(255) NOT NULL,
    task_instance        VARCHAR(255) NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN      NOT NULL,
    picked_by            VARCHAR(255),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INTEGER,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT       NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
-- Serves: the pollers' "what is due" and "who died while holding a task" queries.
CREATE INDEX scheduled_tasks_execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_idx ON scheduled_tasks (priority DESC, execution_time ASC);
