package dev.pulse.kernel;

/** The caller's role or scope does not allow this: the web layer answers 403, naming the field when one is given. */
public class NotAllowedException extends RuntimeException {

    private final String field;

    /**
     * @param message what is not allowed; never a secret
     * @param field the request field at fault, or null
     */
    public NotAllowedException(String message, String field) {
        super(message);
        this.field = field;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
