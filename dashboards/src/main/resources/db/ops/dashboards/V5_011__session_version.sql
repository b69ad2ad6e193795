-- A session is valid while the version it signed in with is the account's current one; deleting an
-- account, changing its role, regions or password raises it, so its sessions end at the next request
-- at every instance.
ALTER TABLE pulse_user ADD COLUMN session_version INTEGER DEFAULT 0 NOT NULL;
