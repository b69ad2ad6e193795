package dev.pulse.reporting;

import java.time.Instant;
import java.util.List;

/** Delivers a schedule's reports as its scheduled execution at a given time does, for whoever must fire one now. */
public interface ScheduleBursts {

    /**
     * Delivers every region of the schedule for the period of an execution at {@code firedAt}; a
     * region without named recipients goes to its owners as they are now. A deleted schedule
     * delivers nothing.
     *
     * @param scheduleId the schedule, must not be null
     * @param firedAt when the execution is due, must not be null
     * @throws BurstIncompleteException when a region could not be delivered
     */
    void burst(String scheduleId, Instant firedAt);

    /** Some regions were not delivered; the scheduler retries the execution with backoff. */
    final class BurstIncompleteException extends RuntimeException {

        /** @param regions the regions not delivered */
        public BurstIncompleteException(String scheduleId, List<String> regions) {
            super("schedule " + scheduleId + " could not deliver " + regions);
        }
    }
}
