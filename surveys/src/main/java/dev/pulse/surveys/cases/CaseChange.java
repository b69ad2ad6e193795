package dev.pulse.surveys.cases;

import java.time.Instant;

/**
 * One recorded change of a case.
 *
 * @param actor who made it ({@code system} for automatic steps)
 * @param action OPENED, ASSIGNED, NOTE, CONTACTED, RESOLVED or ESCALATED
 * @param detail the note, outcome or new owner; may be null
 */
public record CaseChange(Instant at, String actor, String action, String detail) {}
