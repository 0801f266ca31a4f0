-- The days analytics_product_total holds running totals for, per shop (V26's "roll days"), in a table of their own:
-- an addition finds how many roll days its product's totals span from one query here, and updates them with a
-- plain UPDATE, instead of a MERGE over the UNION of every later roll day found in the totals themselves.
CREATE TABLE analytics_roll_day (
    shop_id   VARCHAR(64) NOT NULL,
    stat_date DATE        NOT NULL,
    PRIMARY KEY (shop_id, stat_date)
);
INSERT INTO analytics_roll_day (shop_id, stat_date)
SELECT DISTINCT shop_id, stat_date FROM analytics_product_total;
