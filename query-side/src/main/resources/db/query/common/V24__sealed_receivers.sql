-- Personal data (issue 20; README "Personal data"): the receiver's name, phone and street address are stored sealed
-- with the buyer's key (pd1:<key id>:<base64url>), which is longer than the values were; receiver searches match
-- receiver_tokens, blind tokens of the name's and the phone's substrings (PersonalDataVault). Rows from before stay
-- in clear with null tokens until ReceiverSealing seals them, right after start-up.
ALTER TABLE order_view ALTER COLUMN receiver_name SET DATA TYPE VARCHAR(1024);
ALTER TABLE order_view ALTER COLUMN receiver_phone SET DATA TYPE VARCHAR(1024);
ALTER TABLE order_view ALTER COLUMN receiver_address SET DATA TYPE VARCHAR(4096);
ALTER TABLE order_view ADD COLUMN receiver_tokens BIGINT ARRAY;
