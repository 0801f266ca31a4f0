-- A scoped product or tracking-number search names its few matches from order_search (V34) by shop or buyer.
CREATE INDEX order_search_shop_idx ON order_search (shop_id);
CREATE INDEX order_search_buyer_idx ON order_search (buyer_id);
