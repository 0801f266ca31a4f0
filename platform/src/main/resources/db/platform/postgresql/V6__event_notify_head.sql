-- The notification of appended events names the highest global_index the statement inserted. A processor that has
-- read up to it, and heard of nothing since it last read, need not read again to find out it has caught up (each
-- such read that found nothing cost a query and Axon's gap check: two statements per batch per processor).
CREATE OR REPLACE FUNCTION notify_domain_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('domain_event_entry', (SELECT coalesce(max(global_index), 0)::text FROM appended));
  RETURN NULL;
END $$;

DROP TRIGGER domain_event_entry_notify ON domain_event_entry;
CREATE TRIGGER domain_event_entry_notify
  AFTER INSERT ON domain_event_entry REFERENCING NEW TABLE AS appended
  FOR EACH STATEMENT EXECUTE FUNCTION notify_domain_events();
