package dev.pulse.surveys;

import dev.pulse.kernel.NotFoundException;

/** There is no survey (or version) with the requested id. */
public class SurveyNotFoundException extends NotFoundException {

    public SurveyNotFoundException(String id) {
        super("no survey " + id);
    }
}
