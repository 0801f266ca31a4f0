-- A seller's flag filter (shop_id = ? AND seller_flag = ?) implies seller_flag IS NOT NULL, so the index needs only
-- the flagged orders: the others' status changes stop inserting entries into it.
DROP INDEX IF EXISTS order_view_shop_flag_idx;
CREATE INDEX order_view_shop_flag_idx ON order_view (shop_id, seller_flag) WHERE seller_flag IS NOT NULL;
-- An upgrade in the middle of a rebuild (bin/rebuild-read-models prepare, then this version started): prepare saved
-- the definitions of the indexes it dropped, and finish would build again the ones V32 and V34 removed.
DO $$ BEGIN
  IF to_regclass('read_model_rebuild_index') IS NOT NULL THEN
    DELETE FROM read_model_rebuild_index WHERE index_name IN ('order_view_goods_names_trgm',
      'order_view_tracking_nos_trgm', 'order_view_pay_no_idx', 'order_view_shop_flag_idx');
  END IF;
END $$;
