package dev.pulse.reporting;

import java.util.Objects;

/**
 * One headline number of a report with its value in the previous period and whether the change is
 * statistically significant; values are null when the period has no data.
 *
 * @param metric the governed metric name, e.g. {@code nps}
 * @param label what the report prints, e.g. {@code 净推荐值 NPS}
 * @param unit how the value is formatted
 * @param value the value in the reported period
 * @param previous the value in the previous period
 * @param significant whether the change is significant; null when the metric has no test for it
 * @param low lower bound of the 95% interval, or null
 * @param high upper bound of the 95% interval, or null
 * @param smallSample whether the value rests on too few survey responses to be trusted
 */
public record Kpi(
        String metric,
        String label,
        Unit unit,
        Double value,
        Double previous,
        Boolean significant,
        Double low,
        Double high,
        boolean smallSample) {

    /** A KPI resting on enough data (or on no survey sample at all). */
    public Kpi(
            String metric,
            String label,
            Unit unit,
            Double value,
            Double previous,
            Boolean significant,
            Double low,
            Double high) {
        this(metric, label, unit, value, previous, significant, low, high, false);
    }

    public Kpi {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(unit, "unit");
    }

    /** The change against the previous period, or null when either value is missing. */
    public Double change() {
        return value == null || previous == null ? null : value - previous;
    }

    /** How a value is written: the unit decides decimals, suffixes and 万/亿 grouping. */
    public enum Unit {
        /** An NPS-like score from -100 to 100, one decimal. */
        SCORE,
        /** A percentage, one decimal and a {@code %}. */
        PERCENT,
        /** An average on a small scale (CSAT 1-5, CES 1-7), two decimals. */
        AVERAGE,
        /** Money in yuan, grouped by 万 and 亿 when large. */
        AMOUNT,
        /** A count, grouped by 万 and 亿 when large. */
        COUNT,
        /** A ratio such as complaints per 1,000 orders, two decimals. */
        RATE,
        /** A multiple such as campaign ROI, two decimals and an {@code x}. */
        MULTIPLE
    }
}
