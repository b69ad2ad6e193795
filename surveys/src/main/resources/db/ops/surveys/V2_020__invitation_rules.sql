-- Invitations by rule and reminders. A rule invites the customer of each new warehouse event it
-- matches (a transaction in a channel, N hours later; a resolved feedback item); the claim table's
-- primary key lets exactly one instance act on each event, however many instances run the job.

CREATE TABLE invitation_rule (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    survey_id     VARCHAR(40)  NOT NULL REFERENCES survey (id),
    trigger_kind  VARCHAR(20)  NOT NULL,
    channel       VARCHAR(50),
    delay_hours   INTEGER      NOT NULL,
    active        BOOLEAN      NOT NULL,
    cursor_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(200) NOT NULL
);

CREATE TABLE invitation_rule_claim (
    rule_id     VARCHAR(36)  NOT NULL REFERENCES invitation_rule (id),
    event_id    VARCHAR(200) NOT NULL,
    claimed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (rule_id, event_id)
);

-- A reminder carries a link of its own (only hashes are kept, so the first link cannot be sent again);
-- either link answers the same invitation, once. reminded_at is set once, by one conditional update.
ALTER TABLE survey_invitation ADD COLUMN reminded_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE survey_invitation ADD COLUMN reminder_token_hash VARCHAR(64);
CREATE UNIQUE INDEX survey_invitation_reminder_token ON survey_invitation (reminder_token_hash);
CREATE INDEX survey_invitation_unanswered ON survey_invitation (sent_at, responded_at, reminded_at);
