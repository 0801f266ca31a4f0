-- The seller's back-office on every order (seed 001 is_print, service_remarks, delay_time): the waybill printed
-- flag, the shop's private remark and flag, and whether the buyer extended the receipt.
ALTER TABLE order_view ADD COLUMN printed BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE order_view ADD COLUMN receipt_extended BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE order_view ADD COLUMN seller_remark VARCHAR(500);
ALTER TABLE order_view ADD COLUMN seller_flag VARCHAR(10);
ALTER TABLE order_view ADD COLUMN seller_remark_at TIMESTAMP WITH TIME ZONE;
-- Serves: a shop's orders to print (status to_ship, printed false) and a shop's flagged orders.
CREATE INDEX order_view_shop_printed_idx ON order_view (shop_id, status, printed);
CREATE INDEX order_view_shop_flag_idx ON order_view (shop_id, seller_flag);
