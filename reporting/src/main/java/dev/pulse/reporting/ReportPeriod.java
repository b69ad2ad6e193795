package dev.pulse.reporting;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A reporting period of whole days, {@code from} inclusive and {@code to} exclusive, counted in
 * {@code pulse.timezone}; the previous period is the one of equal length just before it.
 *
 * @param from first day of the period
 * @param to the day after the last day of the period
 */
public record ReportPeriod(LocalDate from, LocalDate to) {

    public ReportPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from");
        }
    }

    /**
     * The period of the same number of days that ends where this one starts, exactly as the metric
     * API's {@code previous_period} comparison counts it, so the printed dates match the numbers.
     */
    public ReportPeriod previous() {
        return new ReportPeriod(from.minusDays(ChronoUnit.DAYS.between(from, to)), from);
    }

    /** The last day that belongs to the period. */
    public LocalDate lastDay() {
        return to.minusDays(1);
    }

    /** How the period is printed in reports, e.g. {@code 2026-05-01 至 2026-05-31}. */
    public String label() {
        return from + " 至 " + lastDay();
    }
}
