package dev.pulse.surveys;

import java.time.Instant;

/**
 * A survey and its current version.
 *
 * @param id the survey's id, part of the open link
 * @param status DRAFT, ACTIVE or CLOSED
 * @param version the current version; editing an ACTIVE survey adds one
 * @param definition the current version's definition
 * @param createdAt when it was created
 * @param createdBy who created it
 * @param updatedAt when it last changed
 * @param updatedBy who last changed it
 */
public record Survey(
        String id,
        SurveyStatus status,
        int version,
        SurveyDefinition definition,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {}
