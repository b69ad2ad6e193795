package dev.pulse.surveys.cases;

/** Where a follow-up case stands: nobody has reached the customer yet, someone has, or it is closed with an outcome. */
public enum CaseStatus {
    OPEN,
    CONTACTED,
    RESOLVED
}
