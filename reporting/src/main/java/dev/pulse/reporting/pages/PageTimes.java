package dev.pulse.reporting.pages;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the pages print a moment: minutes, in the company's time zone, which the page names once. */
final class PageTimes {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private PageTimes() {}

    /** E.g. {@code 2026-12-01 08:00}; empty for no moment. */
    static String format(Instant instant, ZoneId zone) {
        return instant == null ? "" : MINUTES.format(instant.atZone(zone));
    }
}
