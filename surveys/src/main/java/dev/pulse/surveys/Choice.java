package dev.pulse.surveys;

/**
 * One option of a single- or multiple-choice question.
 *
 * @param id what the answer records; stable across versions if the meaning stays
 * @param text what the respondent reads
 */
public record Choice(String id, Localized text) {}
