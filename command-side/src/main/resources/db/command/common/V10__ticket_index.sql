-- Command side: an e-ticket's code to its order, written by the ticket-index subscribing handler in the
-- transaction that issues the tickets, so the first redemption finds it. The code is the primary key: two tickets
-- never share one (a clash, 1 in 2^80, fails the payment's transaction, and the channel's retry issues new codes).
CREATE TABLE ticket_index (
    code     VARCHAR(32) NOT NULL PRIMARY KEY,
    order_id VARCHAR(36) NOT NULL
);
