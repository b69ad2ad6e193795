package dev.pulse.surveys.cases;

import dev.pulse.surveys.ResponseAccepted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Opens a case for every unhappy response the response pages accept, in the submission's own transaction. */
@Component
class CaseOpener {

    private final CaseService cases;

    CaseOpener(CaseService cases) {
        this.cases = cases;
    }

    @EventListener
    void on(ResponseAccepted response) {
        cases.open(response);
    }
}
