-- The order projection's GIN indexes (receiver tokens V29, product names V35, tracking numbers V38) keep new entries
-- in a pending list and merge it into the index when it passes gin_pending_list_limit (4 MB by default): the
-- projection's INSERT that passes it does the whole merge, 40-60 ms, while the orders behind it wait to be visible
-- (half-load lag p99 over its 50 ms, bench/README.md session 59). With 64 kB the merges are as many times smaller and
-- more frequent. Autovacuum also merges the lists; this bounds the wait between its runs.
ALTER INDEX IF EXISTS order_receiver_token_gin SET (gin_pending_list_limit = 64);
ALTER INDEX IF EXISTS order_search_goods_names_trgm SET (gin_pending_list_limit = 64);
ALTER INDEX IF EXISTS order_shipment_view_tracking_trgm SET (gin_pending_list_limit = 64);
-- An upgrade in the middle of a rebuild (bin/rebuild-read-models prepare dropped these indexes and saved their
-- definitions): finish recreates them with the setting.
DO $$ BEGIN
  IF to_regclass('read_model_rebuild_index') IS NOT NULL THEN
    UPDATE read_model_rebuild_index SET definition = definition || ' WITH (gin_pending_list_limit = 64)'
     WHERE index_name IN ('order_receiver_token_gin', 'order_search_goods_names_trgm',
                          'order_shipment_view_tracking_trgm')
       AND definition NOT LIKE '%gin_pending_list_limit%';
  END IF;
END $$;
