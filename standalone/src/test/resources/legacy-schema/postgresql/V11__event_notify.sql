-- Every transaction that appends events notifies the channel domain_event_entry when it commits (one notification
-- per transaction: PostgreSQL folds identical ones). Each instance's EventNotificationListener wakes its event
-- processors on it, so a projection follows a command in milliseconds instead of polling.
CREATE FUNCTION notify_domain_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('domain_event_entry', '');
  RETURN NULL;
END $$;

CREATE TRIGGER domain_event_entry_notify
  AFTER INSERT ON domain_event_entry
  FOR EACH STATEMENT EXECUTE FUNCTION notify_domain_events();
