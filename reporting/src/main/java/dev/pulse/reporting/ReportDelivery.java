package dev.pulse.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One region's file of one schedule for one period, to whom it went and how far its delivery got.
 *
 * @param id the delivery id, also in the mail's {@code X-Pulse-Delivery} header
 * @param scheduleId the schedule
 * @param region the region the file is about
 * @param from first day of the period
 * @param to the day after the last day of the period
 * @param recipients the addresses it was (or is to be) sent to, resolved when it was last attempted
 * @param source where the addresses came from
 * @param runId the report run that produced the file, once there is one
 * @param status how far the delivery got
 * @param attempts how many times it was handed to SMTP
 * @param error why the last attempt failed, or null
 * @param createdAt when the delivery was recorded
 * @param sentAt when SMTP accepted it, or null
 */
public record ReportDelivery(
        String id,
        String scheduleId,
        String region,
        LocalDate from,
        LocalDate to,
        List<String> recipients,
        RecipientSource source,
        String runId,
        Status status,
        int attempts,
        String error,
        Instant createdAt,
        Instant sentAt) {

    public ReportDelivery {
        recipients = List.copyOf(recipients);
    }

    /** Where a delivery's addresses came from. */
    public enum RecipientSource {
        /** The schedule names them for the region. */
        SCHEDULE,
        /** The schedule names none for the region: the region's owners at the time of sending. */
        REGION_OWNERS
    }

    /** Where a delivery stands; SENDING is written before the mail is handed to SMTP. */
    public enum Status {
        /** Recorded, nothing attempted yet. */
        PENDING,
        /** About to be handed to SMTP; found like this on a retry, it may have been sent. */
        SENDING,
        /** Accepted by SMTP. */
        SENT,
        /** The last attempt failed before SMTP accepted it (or there was nobody to send it to); the next attempt tries again. */
        FAILED,
        /** Found SENDING on a retry: a crash came between sending and recording, so it is not sent again. */
        UNCONFIRMED
    }
}
