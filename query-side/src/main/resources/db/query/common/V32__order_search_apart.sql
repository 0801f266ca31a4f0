-- Product names and tracking numbers in a table of their own, as the receiver tokens are (V28): every status change
-- of an order is a non-HOT update of order_view (status is indexed), and each such update inserted the row's product
-- names and tracking numbers again into their two trigram GIN indexes, the largest share of PostgreSQL's time per
-- command once the JVM is warm (bench/README.md, session 27). Here they are written at placement and at each
-- shipment, and an archived order's row goes with it.
CREATE TABLE order_search (
    order_id     VARCHAR(36)   NOT NULL PRIMARY KEY,
    -- Lower-cased, one per line: what GOODS_NAME, TRACKING_NO and product_name searches match a substring of.
    goods_names  VARCHAR(4000) NOT NULL,
    tracking_nos VARCHAR(1000) NOT NULL
);
INSERT INTO order_search (order_id, goods_names, tracking_nos)
SELECT order_id, goods_names, tracking_nos FROM order_view;
ALTER TABLE order_view DROP COLUMN goods_names;
ALTER TABLE order_view DROP COLUMN tracking_nos;
