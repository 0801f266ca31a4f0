-- Command side: a parcel (carrier code, tracking number) to its order's shipment, written in the transaction that
-- stores the shipment (a subscribing handler), so that carriers' notifications find it. Shipments made before this
-- version are not in it: their carriers' notifications are answered 404 UNKNOWN_SHIPMENT.
CREATE TABLE shipment_index (
    carrier_code VARCHAR(32) NOT NULL,
    tracking_no  VARCHAR(64) NOT NULL,
    shipment_id  VARCHAR(36) NOT NULL PRIMARY KEY,
    order_id     VARCHAR(36) NOT NULL,
    shipped_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
-- Serves: the notification's "which shipment is this parcel".
CREATE INDEX shipment_index_parcel_idx ON shipment_index (carrier_code, tracking_no);
