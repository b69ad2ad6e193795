package dev.pulse.surveys;

/** There is no survey (or version) with the requested id. */
public class SurveyNotFoundException extends RuntimeException {

    public SurveyNotFoundException(String id) {
        super("no survey " + id);
    }
}
