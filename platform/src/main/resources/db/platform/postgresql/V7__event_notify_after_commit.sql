-- Appends are no longer announced from inside the appending transaction: PostgreSQL serializes the commits of
-- transactions that notify (one lock for the whole cluster, held until the commit record is on disk), so every
-- command's commit waited for the previous one's disk flush. Each instance's EventAnnouncer now notifies the channel
-- domain_event_entry after its appends have committed, naming the highest position then (bench/README.md, session 39).
-- During a rolling upgrade, instances of an earlier version announce nothing once this has run: their appends reach
-- every processor (their own included) within its recheck interval (orders.event-recheck-interval) until they stop.
DROP TRIGGER domain_event_entry_notify ON domain_event_entry;
DROP FUNCTION notify_domain_events();
