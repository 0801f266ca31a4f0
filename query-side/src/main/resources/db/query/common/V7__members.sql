-- Members (seed 003 use_level): what each buyer spent on completed orders, the level an admin set as a floor, and
-- the platform's levels as one JSON document.
CREATE TABLE member_view (
    buyer_id       VARCHAR(64)    NOT NULL PRIMARY KEY,
    spent          NUMERIC(13, 2) NOT NULL,
    assigned_level INTEGER,
    version        BIGINT         NOT NULL
);
CREATE TABLE member_levels_view (
    levels_id VARCHAR(36)   NOT NULL PRIMARY KEY,
    levels    VARCHAR(20000) NOT NULL,
    version   BIGINT        NOT NULL
);
