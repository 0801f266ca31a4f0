-- Online rebuilds (issue 20; POST /admin/processors/{name}/rebuild): a processor's tables are replayed into copies
-- in a schema of their own (shadow_schema) while the live ones serve, then swapped in one transaction. The token is
-- the position of the last event the shadow holds, written in the same transaction as the shadow's rows, so a
-- rebuild interrupted (kill -9) resumes from there on any instance once its heartbeat is stale.
CREATE TABLE read_model_rebuild (
    rebuild_id     VARCHAR(36)              NOT NULL PRIMARY KEY,
    processor      VARCHAR(64)              NOT NULL,
    -- replaying | done | failed
    status         VARCHAR(16)              NOT NULL,
    shadow_schema  VARCHAR(63)              NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    -- the global index of the last event in the shadow, and the store's head when the rebuild began
    position       BIGINT                   NOT NULL,
    head_at_start  BIGINT                   NOT NULL,
    events_done    BIGINT                   NOT NULL,
    owner          VARCHAR(255),
    heartbeat_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE,
    error          VARCHAR(2000)
);
