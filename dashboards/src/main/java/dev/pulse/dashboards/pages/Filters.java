package dev.pulse.dashboards.pages;

import dev.pulse.kernel.InvalidFieldException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The global filters of every dashboard, read from the URL so that a link reproduces the view.
 *
 * @param from first day (inclusive)
 * @param to last day (inclusive, as people read a range)
 * @param preset the preset that chose the range, or {@code custom}
 * @param region one region or empty for all the viewer may see
 * @param segment one customer segment or empty
 * @param channel one channel or empty
 */
record Filters(LocalDate from, LocalDate to, String preset, String region, String segment, String channel) {

    static final Map<String, Integer> PRESET_DAYS = new LinkedHashMap<>();

    static {
        PRESET_DAYS.put("7d", 7);
        PRESET_DAYS.put("30d", 30);
        PRESET_DAYS.put("90d", 90);
        PRESET_DAYS.put("365d", 365);
    }

    private static final Pattern VALUE = Pattern.compile("[\\p{L}\\p{N} _.&/-]{0,60}");
    private static final long MAX_DAYS = 366L * 10;

    /**
     * Reads the URL parameters; a preset wins over explicit dates, none and no dates means the last 90 days.
     *
     * @throws InvalidFieldException naming the parameter that is not valid
     */
    static Filters read(
            String from, String to, String preset, String region, String segment, String channel, LocalDate today) {
        LocalDate end = today.minusDays(1);
        String chosen = blank(preset) ? (blank(from) && blank(to) ? "90d" : "custom") : preset;
        LocalDate start;
        if (chosen.equals("ytd")) {
            start = today.withDayOfYear(1);
        } else if (PRESET_DAYS.containsKey(chosen)) {
            start = end.minusDays(PRESET_DAYS.get(chosen) - 1L);
        } else if (chosen.equals("custom")) {
            start = blank(from) ? end.minusDays(89) : date(from, "from");
            end = blank(to) ? end : date(to, "to");
        } else {
            throw new InvalidFieldException("preset", "preset must be one of 7d, 30d, 90d, 365d, ytd, custom");
        }
        if (end.isBefore(start)) {
            throw new InvalidFieldException("to", "'to' is before 'from'");
        }
        if (ChronoUnit.DAYS.between(start, end) > MAX_DAYS) {
            throw new InvalidFieldException("from", "at most ten years at a time");
        }
        return new Filters(
                start, end, chosen, value(region, "region"), value(segment, "segment"), value(channel, "channel"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static LocalDate date(String value, String field) {
        try {
            LocalDate date = LocalDate.parse(value.strip());
            if (date.getYear() < 1970 || date.getYear() > 2200) {
                throw new InvalidFieldException(field, "'" + field + "' must be between 1970 and 2200");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "'" + field + "' must be a date (yyyy-MM-dd)");
        }
    }

    private static String value(String value, String field) {
        if (blank(value)) {
            return "";
        }
        if (!VALUE.matcher(value.strip()).matches()) {
            throw new InvalidFieldException(
                    field, "'" + field + "' has characters or a length a " + field + " cannot have");
        }
        return value.strip();
    }
}
