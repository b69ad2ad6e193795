-- A deleted schedule keeps its row: its deliveries (and through them the archived runs it mailed) still
-- name it. It is no longer listed and its db-scheduler task instance is gone, so it never runs again.
ALTER TABLE report_schedules ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE report_schedules ADD COLUMN deleted_by VARCHAR(200);
