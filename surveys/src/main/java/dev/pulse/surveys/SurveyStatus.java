package dev.pulse.surveys;

/** Where a survey is in its life: only ACTIVE surveys take invitations and responses. */
public enum SurveyStatus {
    DRAFT,
    ACTIVE,
    CLOSED
}
