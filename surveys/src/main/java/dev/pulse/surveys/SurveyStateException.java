package dev.pulse.surveys;

/** The survey's status does not allow the requested change, e.g. activating a closed survey. */
public class SurveyStateException extends RuntimeException {

    private final SurveyStatus status;

    public SurveyStateException(SurveyStatus status, String message) {
        super(message);
        this.status = status;
    }

    /** The status the survey was in. */
    public SurveyStatus status() {
        return status;
    }
}
