-- Command side: exchange codes (SHA-256 of the code, never the code) to their coupon template, written in the
-- transaction that stores the codes (a subscribing handler). Whether a code is unused is the template's state.
CREATE TABLE coupon_code_index (
    code_hash   VARCHAR(64) NOT NULL PRIMARY KEY,
    template_id VARCHAR(36) NOT NULL
);
