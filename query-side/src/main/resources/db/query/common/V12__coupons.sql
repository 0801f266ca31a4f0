-- Coupons (seed 003): the templates with what they issued and what was used, and each buyer's coupons.
CREATE TABLE coupon_template_view (
    template_id          VARCHAR(36)    NOT NULL PRIMARY KEY,
    shop_id              VARCHAR(64),
    name                 VARCHAR(100)   NOT NULL,
    type                 VARCHAR(10)    NOT NULL,
    amount               NUMERIC(13, 2),
    rate                 NUMERIC(3, 2),
    min_spend            NUMERIC(13, 2) NOT NULL,
    category_ids         VARCHAR(8000)  NOT NULL,
    exclude_category_ids VARCHAR(8000)  NOT NULL,
    member_levels        VARCHAR(1000)  NOT NULL,
    per_buyer_limit      INT            NOT NULL,
    total                INT            NOT NULL,
    issued               INT            NOT NULL,
    codes                INT            NOT NULL,
    used                 INT            NOT NULL,
    claim_from           TIMESTAMP WITH TIME ZONE NOT NULL,
    claim_until          TIMESTAMP WITH TIME ZONE NOT NULL,
    use_from             TIMESTAMP WITH TIME ZONE,
    use_until            TIMESTAMP WITH TIME ZONE,
    valid_days           INT,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    version              BIGINT         NOT NULL
);
-- Serves: a shop's templates, newest first; the templates a buyer may claim now.
CREATE INDEX coupon_template_view_shop_idx ON coupon_template_view (shop_id, created_at);
CREATE INDEX coupon_template_view_claim_idx ON coupon_template_view (claim_until, claim_from);

CREATE TABLE coupon_view (
    coupon_id   VARCHAR(36)    NOT NULL PRIMARY KEY,
    buyer_id    VARCHAR(64)    NOT NULL,
    template_id VARCHAR(36)    NOT NULL,
    shop_id     VARCHAR(64),
    name        VARCHAR(100)   NOT NULL,
    type        VARCHAR(10)    NOT NULL,
    amount      NUMERIC(13, 2),
    rate        NUMERIC(3, 2),
    min_spend   NUMERIC(13, 2) NOT NULL,
    use_from    TIMESTAMP WITH TIME ZONE NOT NULL,
    use_until   TIMESTAMP WITH TIME ZONE NOT NULL,
    -- usable (expired when use_until has passed), locked (an unpaid order holds it) or used
    state       VARCHAR(10)    NOT NULL,
    order_ids   VARCHAR(400)   NOT NULL,
    via         VARCHAR(10)    NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    version     BIGINT         NOT NULL
);
-- Serves: a buyer's coupons by status, soonest ending first.
CREATE INDEX coupon_view_buyer_idx ON coupon_view (buyer_id, state, use_until);
