package dev.pulse.surveys;

import dev.pulse.kernel.StateConflictException;

/** The survey's status does not allow the requested change, e.g. activating a closed survey. */
public class SurveyStateException extends StateConflictException {

    private final SurveyStatus status;

    public SurveyStateException(SurveyStatus status, String message) {
        super(status.name(), message);
        this.status = status;
    }

    /** The status the survey was in. */
    public SurveyStatus status() {
        return status;
    }
}
