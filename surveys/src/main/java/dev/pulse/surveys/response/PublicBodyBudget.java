package dev.pulse.surveys.response;

/**
 * The bytes of public submission bodies held at once, across all requests, against one bound
 * ({@code pulse.surveys.public-body-budget}): a body is counted before it is read and until its
 * request ends, so many concurrent large posts cannot hold more than the budget between them.
 * Public (not its constructor) for the application's tests in dashboards, which fill and watch it.
 */
public final class PublicBodyBudget {

    private final long capacity;
    private long held;
    private long peak;

    PublicBodyBudget(long capacity) {
        this.capacity = capacity;
    }

    /** Counts {@code bytes} when they fit in what is left; false, counting nothing, when they do not. */
    public synchronized boolean tryReserve(long bytes) {
        if (bytes > capacity - held) {
            return false;
        }
        held += bytes;
        peak = Math.max(peak, held);
        return true;
    }

    public synchronized void release(long bytes) {
        held -= bytes;
    }

    /** The bytes counted now. */
    public synchronized long held() {
        return held;
    }

    /** The most bytes ever counted at once; never more than the capacity. */
    public synchronized long peak() {
        return peak;
    }

    long capacity() {
        return capacity;
    }
}
