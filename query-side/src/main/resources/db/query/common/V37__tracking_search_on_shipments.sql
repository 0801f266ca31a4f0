-- Tracking-number searches match the shipments' rows (order_shipment_view.tracking_no, lower-cased by the query and,
-- on PostgreSQL, by its trigram index: V38), no longer order_search.tracking_nos: each shipment rewrote the order's
-- order_search row, and with it inserted its product names into their trigram index again (bench/README.md,
-- session 47). A shipment's row is written once; order_search is now written once, at placement.
ALTER TABLE order_search DROP COLUMN tracking_nos;
