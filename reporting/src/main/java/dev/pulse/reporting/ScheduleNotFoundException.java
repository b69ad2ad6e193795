package dev.pulse.reporting;

import dev.pulse.kernel.NotFoundException;

/** No schedule with this id, or it was deleted already. */
public class ScheduleNotFoundException extends NotFoundException {

    private final String id;

    /** @param id the schedule id asked for */
    public ScheduleNotFoundException(String id) {
        super("no report schedule " + id, "id");
        this.id = id;
    }

    /** The schedule id asked for. */
    public String id() {
        return id;
    }
}
