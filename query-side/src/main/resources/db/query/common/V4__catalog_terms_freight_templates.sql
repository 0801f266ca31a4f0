-- Wave 2 catalog terms (API.md "Catalog additions"): product-level selling terms that the SKUs inherit, and the
-- SKUs' weight and points terms. Rows written before get the defaults the upcaster gives their events.
ALTER TABLE product_view ADD COLUMN category_id VARCHAR(64);
ALTER TABLE product_view ADD COLUMN product_type VARCHAR(20) DEFAULT 'physical' NOT NULL;
ALTER TABLE product_view ADD COLUMN on_shelf BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE product_view ADD COLUMN purchase_limit INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE product_view ADD COLUMN unified_shipping_fee NUMERIC(13, 2);
ALTER TABLE product_view ADD COLUMN ticket_valid_from TIMESTAMP WITH TIME ZONE;
ALTER TABLE product_view ADD COLUMN ticket_valid_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE product_view ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
UPDATE product_view SET updated_at = created_at;
ALTER TABLE product_sku_view ADD COLUMN weight_grams BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE product_sku_view ADD COLUMN points_deductible NUMERIC(13, 2) DEFAULT 0 NOT NULL;
ALTER TABLE product_sku_view ADD COLUMN give_points BIGINT DEFAULT 0 NOT NULL;
CREATE INDEX product_view_shop_idx ON product_view (shop_id, created_at);
CREATE INDEX product_view_category_idx ON product_view (category_id, created_at);

-- Freight templates (运费模板): the rules as one JSON document, read whole by the fee quote and the detail.
CREATE TABLE freight_template_view (
    freight_template_id VARCHAR(36)   NOT NULL PRIMARY KEY,
    shop_id             VARCHAR(64)   NOT NULL,
    name                VARCHAR(100)  NOT NULL,
    rules               VARCHAR(1000000) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    version             BIGINT        NOT NULL
);
CREATE INDEX freight_template_view_shop_idx ON freight_template_view (shop_id, created_at);
