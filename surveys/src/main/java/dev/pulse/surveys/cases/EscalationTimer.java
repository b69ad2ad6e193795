package dev.pulse.surveys.cases;

import dev.pulse.surveys.PeriodicJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Runs the overdue check every {@code pulse.surveys.escalation-check} on a thread of its own. */
@Component
class EscalationTimer extends PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(EscalationTimer.class);

    EscalationTimer(CaseService cases, FollowUpSettings settings) {
        super("case-escalation", settings.escalationCheck(), () -> {
            int escalated = cases.escalateOverdue();
            if (escalated > 0) {
                log.info("escalated {} overdue follow-up cases", escalated);
            }
        });
    }
}
