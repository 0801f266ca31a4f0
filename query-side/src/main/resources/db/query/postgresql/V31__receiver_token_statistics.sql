-- Receiver searches (order_view.order_id IN (SELECT order_id FROM order_receiver_token WHERE tokens @> ARRAY[?]))
-- are planned from the tokens' element statistics. With the default target the most common elements are the 3-digit
-- phone runs and common surnames, and any other token is guessed at several times its frequency: at a million orders
-- PostgreSQL then walked order_view newest first, probing each row's tokens, 0.9-1.3 s for a 4-digit phone search
-- (bench/README.md, session 16). With 1000, its estimate is close and it reads the few matches from the GIN index
-- first: 9-42 ms.
ALTER TABLE order_receiver_token ALTER COLUMN tokens SET STATISTICS 1000;
