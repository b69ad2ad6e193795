package dev.pulse.surveys.cases;

import dev.pulse.kernel.StateConflictException;

/** The change is not possible in the case's current status (e.g. a resolved case). */
public class CaseStateException extends StateConflictException {

    private final CaseStatus status;

    public CaseStateException(CaseStatus status, String message) {
        super(status.name(), message);
        this.status = status;
    }

    public CaseStatus status() {
        return status;
    }
}
