-- A run queued or rendering is leased by the instance that holds it: owner is that instance's id,
-- lease_until the time by which it must renew the lease (its heartbeat does). A run whose lease ran
-- out belongs to an instance that is gone, and another instance takes it over; a run is claimed for
-- rendering with a conditional UPDATE, so two instances never render the same run.

ALTER TABLE report_runs ADD COLUMN owner VARCHAR(100);
ALTER TABLE report_runs ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;

CREATE INDEX report_runs_requested_by ON report_runs (requested_by, status);
