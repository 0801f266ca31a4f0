-- A shipment's parcel as its carrier reports it: every trace (JSON, in the order recorded) and whether it was
-- delivered. The order detail shows the latest trace; GET .../tracking shows them all.
CREATE TABLE shipment_tracking (
    shipment_id VARCHAR(36)     NOT NULL PRIMARY KEY,
    order_id    VARCHAR(36)     NOT NULL,
    delivered   BOOLEAN         NOT NULL,
    traces      VARCHAR(200000) NOT NULL,
    version     BIGINT          NOT NULL
);
-- Serves: the tracking of one order's shipments (detail).
CREATE INDEX shipment_tracking_order_idx ON shipment_tracking (order_id);
