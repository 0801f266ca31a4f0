-- Each SKU row keeps the product's event sequence number it last took a change from, as product_view does for its
-- own columns. A stock reservation, made by every order, then changes only the SKU rows it names: product_view's row
-- was written again by each one only to move its version, about 4 % of PostgreSQL's statement time under load
-- (bench/README.md, session 46). A product's version is the higher of its row's and its SKUs' (ProductQueries).
ALTER TABLE product_sku_view ADD COLUMN version BIGINT DEFAULT -1 NOT NULL;
UPDATE product_sku_view SET version = (SELECT p.version FROM product_view p
                                       WHERE p.product_id = product_sku_view.product_id);
