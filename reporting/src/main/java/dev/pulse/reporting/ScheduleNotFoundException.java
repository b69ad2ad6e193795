package dev.pulse.reporting;

/** No schedule with this id, or it was deleted already. */
public class ScheduleNotFoundException extends RuntimeException {

    private final String id;

    /** @param id the schedule id asked for */
    public ScheduleNotFoundException(String id) {
        super("no report schedule " + id);
        this.id = id;
    }

    /** The schedule id asked for. */
    public String id() {
        return id;
    }
}
