-- A buyer's erasure notifies every instance when it commits (channel personal_data_erased, payload the buyer id):
-- each forgets the buyer's key at once instead of when its cache entry expires (PersonalDataKeys).
CREATE FUNCTION notify_personal_data_erased() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('personal_data_erased', NEW.buyer_id);
  RETURN NULL;
END $$;

CREATE TRIGGER personal_data_key_erased
  AFTER UPDATE OF erased_at ON personal_data_key
  FOR EACH ROW WHEN (OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL)
  EXECUTE FUNCTION notify_personal_data_erased();
