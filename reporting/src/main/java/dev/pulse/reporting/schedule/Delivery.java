package dev.pulse.reporting.schedule;

import java.util.List;

/** One region's file of one schedule for one period, and how far its delivery got. */
record Delivery(String id, String scheduleId, String region, List<String> recipients, String runId, Status status,
                int attempts) {

    /** Where a delivery stands; SENDING is written before the mail is handed to SMTP. */
    enum Status {
        /** Recorded, nothing attempted yet. */
        PENDING,
        /** About to be handed to SMTP; found like this on a retry, it may have been sent. */
        SENDING,
        /** Accepted by SMTP. */
        SENT,
        /** The last attempt failed before SMTP accepted it; the next attempt sends it. */
        FAILED,
        /** Found SENDING on a retry: a crash came between sending and recording, so it is not sent again. */
        UNCONFIRMED
    }
}
