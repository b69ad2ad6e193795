package dev.pulse.surveys;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs one piece of work with a fixed pause on a thread of its own, so that a job needs no application-wide
 * {@code @EnableScheduling} and shares no scheduler with other modules' jobs; a failed run is logged and the
 * next one happens as planned.
 */
public abstract class PeriodicJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicJob.class);

    private final String name;
    private final long periodMillis;
    private final Runnable work;
    private ScheduledExecutorService executor;

    /**
     * @param name the thread's name, also used in the log
     * @param period the pause between two runs (and before the first), must be positive
     * @param work what to run
     */
    protected PeriodicJob(String name, Duration period, Runnable work) {
        this.name = name;
        this.periodMillis = period.toMillis();
        this.work = work;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name).daemon().factory());
        executor.scheduleWithFixedDelay(this::run, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", name, e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
