package dev.pulse.warehouse.metrics;

import dev.pulse.kernel.InvalidFieldException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A request for the valuable customers at risk of leaving ({@link AtRiskCustomers}).
 *
 * @param from first day, in {@code pulse.timezone}
 * @param to first day after the range (exclusive)
 * @param regions keep customers of these home regions; empty for every region of the caller's scope
 * @param segments keep customers of these customer segments; empty for all
 * @param channels keep customers who bought through one of these channels in the range; empty for all
 * @param limit at most this many customers, null for the default
 */
public record AtRiskQuery(
        LocalDate from,
        LocalDate to,
        List<String> regions,
        List<String> segments,
        List<String> channels,
        Integer limit) {

    public AtRiskQuery {
        regions = regions == null ? List.of() : List.copyOf(regions);
        segments = segments == null ? List.of() : List.copyOf(segments);
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /**
     * Reads the request from text parameters, as a URL carries them.
     *
     * @throws InvalidFieldException naming the parameter that is not a date or a number
     */
    public static AtRiskQuery parse(
            String from, String to, List<String> regions, List<String> segments, List<String> channels, String limit) {
        Integer max;
        try {
            max = limit == null || limit.isBlank() ? null : Integer.valueOf(limit.strip());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("limit", "limit must be a whole number");
        }
        return new AtRiskQuery(date(from, "from"), date(to, "to"), regions, segments, channels, max);
    }

    private static LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            // the same words as the other metric APIs (QueryRequestReader)
            throw new InvalidFieldException(field, "'" + value.strip() + "' is not a date (yyyy-MM-dd)");
        }
    }
}
