-- Carts (seed 002 cart): each buyer's items as one JSON document, newest last; GET /cart prices them when read.
CREATE TABLE cart_view (
    buyer_id   VARCHAR(64)     NOT NULL PRIMARY KEY,
    items      VARCHAR(100000) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version    BIGINT          NOT NULL
);
