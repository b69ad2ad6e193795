-- An event the warehouse refuses as invalid (a rejected row, a bad batch) is counted in refusals; after
-- pulse.surveys.outbox.max-attempts refusals it is a dead letter (dead_at set): no longer retried, shown in
-- health and on /admin/outbox, from where an ADMIN may queue it again. Engine and connection failures are
-- not refusals: those events keep being retried.

ALTER TABLE warehouse_outbox ADD COLUMN refusals INTEGER NOT NULL DEFAULT 0;
ALTER TABLE warehouse_outbox ADD COLUMN dead_at TIMESTAMP WITH TIME ZONE;
