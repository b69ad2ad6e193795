package dev.pulse.reporting;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** Which period a scheduled report covers, from the day it runs (in the schedule's zone). */
public enum PeriodRule {
    /** The whole calendar month before the run day. */
    PREVIOUS_MONTH,
    /** Monday to Sunday of the week before the run day. */
    PREVIOUS_WEEK,
    /** From the first of the run day's month up to (not including) the run day. */
    MONTH_TO_DATE;

    /** The period for a run on {@code today}. */
    public ReportPeriod period(LocalDate today) {
        return switch (this) {
            case PREVIOUS_MONTH -> new ReportPeriod(today.withDayOfMonth(1).minusMonths(1), today.withDayOfMonth(1));
            case PREVIOUS_WEEK -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new ReportPeriod(monday.minusWeeks(1), monday);
            }
            case MONTH_TO_DATE ->
                today.getDayOfMonth() == 1
                        ? new ReportPeriod(today.minusMonths(1), today)
                        : new ReportPeriod(today.withDayOfMonth(1), today);
        };
    }
}
