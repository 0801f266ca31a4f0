-- Substring searches of tracking numbers (V37) over the shipments' rows: lower(tracking_no), as the query asks.
CREATE INDEX order_shipment_view_tracking_trgm ON order_shipment_view USING gin (lower(tracking_no) gin_trgm_ops);
-- An upgrade in the middle of a rebuild (bin/rebuild-read-models prepare saved the definitions of the indexes it
-- dropped): finish must not build the index of the column V37 removed.
DO $$ BEGIN
  IF to_regclass('read_model_rebuild_index') IS NOT NULL THEN
    DELETE FROM read_model_rebuild_index WHERE index_name = 'order_search_tracking_nos_trgm';
  END IF;
END $$;
