package dev.pulse.kernel;

import java.time.Duration;

/** A limit on concurrent or repeated requests was reached: the web layer answers 429 with {@code Retry-After}. */
public class TooManyRequestsException extends RuntimeException {

    private final Duration retryAfter;

    /**
     * @param message which limit, naming it
     * @param retryAfter when to try again; rounded up to whole seconds
     */
    public TooManyRequestsException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** When to try again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
