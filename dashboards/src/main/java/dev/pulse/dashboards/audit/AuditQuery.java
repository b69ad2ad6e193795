package dev.pulse.dashboards.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The filters of the audit log, the same on the page and the API: who (part of the actor's name, any case),
 * what (the start of an action name, such as {@code CASE_} or {@code SQL_RUN}), from/to (dates in
 * {@code pulse.timezone}, both days included, or instants), page (from 0) and size (1 to {@value #MAX_SIZE}).
 */
record AuditQuery(String who, String what, Instant from, Instant to, int page, int size) {

    static final int MAX_SIZE = 200;
    static final int DEFAULT_SIZE = 50;
    private static final Pattern ACTION = Pattern.compile("[A-Z_]{1,40}");

    /** Reads the request parameters; a blank one is no filter; a wrong one names itself. */
    static AuditQuery parse(String who, String what, String from, String to, String page, String size, ZoneId zone) {
        String actor = blank(who) ? null : who.strip();
        if (actor != null && actor.length() > 200) {
            throw new InvalidAuditQueryException("who", "who must be at most 200 characters");
        }
        String action = blank(what) ? null : what.strip().toUpperCase(Locale.ROOT);
        if (action != null && !ACTION.matcher(action).matches()) {
            throw new InvalidAuditQueryException(
                    "what", "what must be the start of an action name: letters and '_', at most 40");
        }
        Instant start = blank(from) ? null : instant("from", from.strip(), zone, false);
        Instant end = blank(to) ? null : instant("to", to.strip(), zone, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new InvalidAuditQueryException("to", "to must be after from");
        }
        int p = number("page", page, 0, 0, 1_000_000);
        int s = number("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        return new AuditQuery(actor, action, start, end, p, s);
    }

    private static Instant instant(String field, String text, ZoneId zone, boolean endOfDay) {
        try {
            if (text.contains("T")) {
                return Instant.parse(text);
            }
            LocalDate day = LocalDate.parse(text);
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidAuditQueryException(
                    field, field + " must be a date like 2026-05-01 or an instant like 2026-05-01T08:00:00Z");
        }
    }

    private static int number(String field, String text, int otherwise, int min, int max) {
        if (blank(text)) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below with the bounds
        }
        throw new InvalidAuditQueryException(field, field + " must be a whole number from " + min + " to " + max);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
