package dev.pulse.kernel;

/** Nothing the caller may see answers to this id: the web layer answers 404, naming the field when one is given. */
public class NotFoundException extends RuntimeException {

    private final String field;

    /** @param message what was not found, naming the id */
    public NotFoundException(String message) {
        this(message, null);
    }

    /**
     * @param message what was not found, naming the id
     * @param field the request field that named it, or null
     */
    public NotFoundException(String message, String field) {
        super(message);
        this.field = field;
    }

    /** The request field that named what was not found, or null. */
    public String field() {
        return field;
    }
}
