-- Retention: an archived file older than pulse.reporting.retention is deleted; its archive row
-- stays (what was produced, from which SQL, with which digest) and records when the file went.
ALTER TABLE report_archive ADD COLUMN file_deleted_at TIMESTAMP WITH TIME ZONE;
