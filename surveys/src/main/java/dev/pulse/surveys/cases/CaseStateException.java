package dev.pulse.surveys.cases;

/** The change is not possible in the case's current status (e.g. a resolved case). */
public class CaseStateException extends RuntimeException {

    private final CaseStatus status;

    public CaseStateException(CaseStatus status, String message) {
        super(message);
        this.status = status;
    }

    public CaseStatus status() {
        return status;
    }
}
