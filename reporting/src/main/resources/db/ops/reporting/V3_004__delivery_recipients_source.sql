-- A schedule may leave a region's recipients out: its delivery then goes to the region's owners as
-- they are when it is sent. The delivery row records the addresses it went to and where they came from.
ALTER TABLE report_deliveries ADD COLUMN recipients_source VARCHAR(20) DEFAULT 'SCHEDULE' NOT NULL;
