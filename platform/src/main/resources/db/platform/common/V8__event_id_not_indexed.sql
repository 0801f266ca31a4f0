-- The event table's unique index on event_identifier goes. Every append inserted a random 36-character key into it:
-- under load it made an append about a tenth to a fifth dearer (a pgbench of single-event inserts into a million-
-- event table: 10,200-10,300 against 11,550-11,650 transactions/s without it, and 6,800-6,950 against 8,650-8,750
-- once the table had grown; bench/README.md, session 46), and the index grows with the store without bound, one
-- random leaf page per append. Nothing reads by it: Axon reads the store by global_index and by aggregate. A
-- stored event stays unique by (aggregate_identifier, sequence_number), which Axon writes for every event (an event
-- appended outside an aggregate carries its own identifier as aggregate and sequence 0): an append repeated, or a
-- second writer at the same sequence, still fails on that key. Identifiers are 122 random bits from a seeded DRBG
-- (platform/ids), and the snapshot table keeps its own unique index.
ALTER TABLE domain_event_entry DROP CONSTRAINT domain_event_entry_event_id_uk;
