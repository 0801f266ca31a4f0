-- Substring searches over order_search (V32): the trigram indexes order_view's two columns had (V2), now on a row
-- written at placement and shipment only.
CREATE INDEX order_search_goods_names_trgm ON order_search USING gin (goods_names gin_trgm_ops);
CREATE INDEX order_search_tracking_nos_trgm ON order_search USING gin (tracking_nos gin_trgm_ops);
