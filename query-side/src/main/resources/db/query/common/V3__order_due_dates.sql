-- The order's due dates as its events state them (auto_confirm_at from the shipment that completed it or the refund
-- that resumed it; review_until and after_sales_until from its completion), so the detail's timers and actions read
-- them instead of adding today's configured periods. Rows written before are filled with the default periods
-- (10, 15 and 15 days); a service configured otherwise gets the exact dates by rebuilding its read models.
ALTER TABLE order_view ADD COLUMN auto_confirm_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE order_view ADD COLUMN review_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE order_view ADD COLUMN after_sales_until TIMESTAMP WITH TIME ZONE;
UPDATE order_view SET auto_confirm_at = shipped_at + INTERVAL '10' DAY WHERE shipped_at IS NOT NULL;
UPDATE order_view SET review_until = completed_at + INTERVAL '15' DAY,
                      after_sales_until = completed_at + INTERVAL '15' DAY WHERE completed_at IS NOT NULL;
