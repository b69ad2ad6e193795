package dev.pulse.warehouse.metrics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Optional;

/** A time dimension: its value is the first day of the period, weeks starting on Monday. */
enum TimeGrain {
    DAY,
    WEEK,
    MONTH,
    QUARTER,
    YEAR;

    /** The dimension name, e.g. {@code month}. */
    String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The first day of the period holding {@code date}; the oracle of the SQL functions. */
    LocalDate start(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
            case QUARTER -> LocalDate.of(date.getYear(), (date.getMonthValue() - 1) / 3 * 3 + 1, 1);
            case YEAR -> date.withDayOfYear(1);
        };
    }

    static Optional<TimeGrain> of(String dimension) {
        return Arrays.stream(values()).filter(g -> g.id().equals(dimension)).findFirst();
    }
}
