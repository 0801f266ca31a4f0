-- Product names and tracking numbers in a table of their own, as the receiver tokens are (V28): every status change
-- of an order is a non-HOT update of order_view (status is indexed), and each such update inserted the row's product
-- names and tracking numbers again into their two trigram GIN indexes: dropping those two indexes cut PostgreSQL's
-- CPU per command by a fifth (bench/README.md, session 44). Here they are written at placement and at each
-- shipment, and an archived order's row goes with it. The shop and buyer (never changed) let a scoped search name
-- its few matches from this table alone (OrderSpecifications.TextMatches) instead of joining the two.
CREATE TABLE order_search (
    order_id     VARCHAR(36)   NOT NULL PRIMARY KEY,
    shop_id      VARCHAR(64)   NOT NULL,
    buyer_id     VARCHAR(64)   NOT NULL,
    -- Lower-cased, one per line: what GOODS_NAME, TRACKING_NO and product_name searches match a substring of.
    goods_names  VARCHAR(4000) NOT NULL,
    tracking_nos VARCHAR(1000) NOT NULL
);
INSERT INTO order_search (order_id, shop_id, buyer_id, goods_names, tracking_nos)
SELECT order_id, shop_id, buyer_id, goods_names, tracking_nos FROM order_view;
ALTER TABLE order_view DROP COLUMN goods_names;
ALTER TABLE order_view DROP COLUMN tracking_nos;
