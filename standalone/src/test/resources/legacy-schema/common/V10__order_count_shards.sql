-- order_count gets one row per counter and projection segment (shard): each segment's batches add to their own
-- rows, so two segments no longer wait for each other's lock on a counter until commit, which serialized most of a
-- replay (bench/README.md). A counter's value is the sum over its shards; how deltas spread over shards is free.
CREATE TABLE order_count_sharded (
    counter VARCHAR(40) NOT NULL,
    shard   INT         DEFAULT 0 NOT NULL,
    n       BIGINT      NOT NULL,
    PRIMARY KEY (counter, shard)
);
INSERT INTO order_count_sharded (counter, shard, n) SELECT counter, 0, n FROM order_count;
DROP TABLE order_count;
ALTER TABLE order_count_sharded RENAME TO order_count;
