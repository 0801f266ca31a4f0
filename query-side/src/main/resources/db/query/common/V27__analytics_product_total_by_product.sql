-- A product's running totals from a day on (what each addition updates, V26) by an index of their own: the primary
-- key leads with the day, so finding one product's rows scanned the shop's every product of every later day.
CREATE INDEX analytics_product_total_product_idx ON analytics_product_total (shop_id, product_id, stat_date);
