-- Substring searches over order_search (V34): the trigram indexes order_view's two columns had (V2), now on a row
-- written at placement and shipment only; the shop and buyer for a scoped search's few matches.
CREATE INDEX order_search_goods_names_trgm ON order_search USING gin (goods_names gin_trgm_ops);
CREATE INDEX order_search_tracking_nos_trgm ON order_search USING gin (tracking_nos gin_trgm_ops);
CREATE INDEX order_search_shop_idx ON order_search (shop_id);
CREATE INDEX order_search_buyer_idx ON order_search (buyer_id);
-- An upgrade in the middle of a rebuild (bin/rebuild-read-models prepare saved the definitions of the indexes it
-- dropped): finish must not build the two indexes of columns V34 removed.
DO $$ BEGIN
  IF to_regclass('read_model_rebuild_index') IS NOT NULL THEN
    DELETE FROM read_model_rebuild_index
     WHERE index_name IN ('order_view_goods_names_trgm', 'order_view_tracking_nos_trgm');
  END IF;
END $$;
