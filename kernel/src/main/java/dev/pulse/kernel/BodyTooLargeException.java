package dev.pulse.kernel;

/** A request body over its limit: the web layer answers 413 with {@code field=body} and the {@code limit}. */
public class BodyTooLargeException extends RuntimeException {

    private final long limit;

    /** @param limit the largest body accepted, in bytes */
    public BodyTooLargeException(long limit) {
        super("the body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    /** The largest body accepted, in bytes. */
    public long limit() {
        return limit;
    }
}
