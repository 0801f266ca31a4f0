-- A seller's flag filter (shop_id = ? AND seller_flag = ?) implies seller_flag IS NOT NULL, so the index needs only
-- the flagged orders: the others' status changes stop inserting entries into it.
DROP INDEX IF EXISTS order_view_shop_flag_idx;
CREATE INDEX order_view_shop_flag_idx ON order_view (shop_id, seller_flag) WHERE seller_flag IS NOT NULL;
-- Started in the middle of an offline rebuild (bin/rebuild-read-models prepare saved the definitions of the indexes it
-- dropped): finish must not build the pay_no index V32 removed again.
DO $$ BEGIN
  IF to_regclass('read_model_rebuild_index') IS NOT NULL THEN
    DELETE FROM read_model_rebuild_index WHERE index_name = 'order_view_pay_no_idx';
  END IF;
END $$;
