-- Orders carry their whole price (API.md price) and each line what was paid for it. Rows written before have no
-- price (the query answers their amounts as the price) and were paid at their line totals.
ALTER TABLE order_view ADD COLUMN pay_no VARCHAR(40);
ALTER TABLE order_view ADD COLUMN price VARCHAR(2000);
ALTER TABLE order_view ADD COLUMN invoice VARCHAR(400);
ALTER TABLE order_view ADD COLUMN receiver_region_code VARCHAR(6);
CREATE INDEX order_view_pay_no_idx ON order_view (pay_no);
ALTER TABLE order_line_view ADD COLUMN line_type VARCHAR(10) DEFAULT 'normal' NOT NULL;
ALTER TABLE order_line_view ADD COLUMN member_price NUMERIC(13, 2);
ALTER TABLE order_line_view ADD COLUMN discount_share NUMERIC(13, 2) DEFAULT 0 NOT NULL;
ALTER TABLE order_line_view ADD COLUMN paid_amount NUMERIC(13, 2);
ALTER TABLE order_line_view ADD COLUMN promotion_id VARCHAR(36);
UPDATE order_line_view SET member_price = unit_price, paid_amount = line_total;
ALTER TABLE order_line_view ALTER COLUMN member_price SET NOT NULL;
ALTER TABLE order_line_view ALTER COLUMN paid_amount SET NOT NULL;
