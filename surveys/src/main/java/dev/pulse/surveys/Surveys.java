package dev.pulse.surveys;

import java.util.Optional;

/** Reads surveys and their versions; the way other parts of Pulse learn what a survey asked. */
public interface Surveys {

    /**
     * The survey with its current version.
     *
     * @param id must not be null
     * @return empty when there is no such survey
     */
    Optional<Survey> find(String id);

    /**
     * One version of a survey, as respondents of that version saw it.
     *
     * @param id must not be null
     * @param version 1 or more
     * @return empty when there is no such survey or version
     */
    Optional<SurveyDefinition> version(String id, int version);
}
