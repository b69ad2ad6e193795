package dev.pulse.surveys.cases;

import java.time.Instant;

/**
 * Where the steps of a case go besides the operational database: the warehouse's {@code case-events}
 * stream, through the outbox ({@link WarehouseCaseEvents}). Called inside the change's transaction; throwing
 * rolls it back.
 */
interface CaseEventSink {

    /**
     * @param event opened, contacted, resolved or escalated
     * @param at when the step happened
     * @param c the case as it is after the step
     */
    void emit(String event, Instant at, FollowUpCase c);
}
