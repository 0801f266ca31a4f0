-- Shop profiles (seed 000 shopName, shopServiceTel, backAddrs): the name and service phone every order of the shop
-- shows, and the return addresses (JSON) its seller picks from when approving a return.
CREATE TABLE shop_view (
    shop_id          VARCHAR(64)    NOT NULL PRIMARY KEY,
    name             VARCHAR(100)   NOT NULL,
    service_phone    VARCHAR(20)    NOT NULL,
    return_addresses VARCHAR(20000) NOT NULL,
    version          BIGINT         NOT NULL
);
