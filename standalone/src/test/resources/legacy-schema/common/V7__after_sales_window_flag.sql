-- Set when the order timer closes the after-sales window of a completed order.
ALTER TABLE order_view ADD COLUMN after_sales_closed BOOLEAN DEFAULT FALSE NOT NULL;
