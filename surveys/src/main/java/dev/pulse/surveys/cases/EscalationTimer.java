package dev.pulse.surveys.cases;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the overdue check every {@code pulse.surveys.escalation-check} on a thread of its own, so it
 * needs no application-wide {@code @EnableScheduling} and shares no scheduler with report schedules.
 */
@Component
class EscalationTimer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EscalationTimer.class);

    private final CaseService cases;
    private final long periodMillis;
    private ScheduledExecutorService executor;

    EscalationTimer(CaseService cases, FollowUpSettings settings) {
        this.cases = cases;
        this.periodMillis = settings.escalationCheck().toMillis();
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("case-escalation").daemon().factory());
        executor.scheduleWithFixedDelay(this::check, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            int escalated = cases.escalateOverdue();
            if (escalated > 0) {
                log.info("escalated {} overdue follow-up cases", escalated);
            }
        } catch (RuntimeException e) {
            log.warn("overdue check failed: {}", e.toString());
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
