-- Receiver search tokens in a table of their own (issue 20's replay figure): every status change of an order is a
-- non-HOT update of order_view (status is indexed), and with the tokens in the row each such update inserted some 50
-- entries into their GIN index. Here they are written when the receiver is, and an archived order's go with it.
CREATE TABLE order_receiver_token (
    order_id VARCHAR(36)  NOT NULL PRIMARY KEY,
    tokens   BIGINT ARRAY NOT NULL
);
INSERT INTO order_receiver_token (order_id, tokens)
SELECT order_id, receiver_tokens FROM order_view WHERE receiver_tokens IS NOT NULL;
ALTER TABLE order_view DROP COLUMN receiver_tokens;
