-- What a cart needs to put a SKU in it without loading (and locking) the product: its price, its product's name
-- and shelf. Written with the product's events; null for SKUs indexed before (the cart then asks the product).
ALTER TABLE sku_index ADD COLUMN price NUMERIC(13, 2);
ALTER TABLE sku_index ADD COLUMN product_name VARCHAR(200);
ALTER TABLE sku_index ADD COLUMN on_shelf BOOLEAN;
