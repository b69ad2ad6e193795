package dev.pulse.kernel;

/** The change is not possible in the current state of the thing: the web layer answers 409 with that {@code status}. */
public class StateConflictException extends RuntimeException {

    private final String state;

    /**
     * @param state the state the thing is in, e.g. {@code CLOSED}
     * @param message why the change is not possible
     */
    public StateConflictException(String state, String message) {
        super(message);
        this.state = state;
    }

    /** The state the thing is in; answered as the problem's {@code status} property. */
    public String state() {
        return state;
    }
}
