package dev.pulse.reporting.render;

import dev.pulse.reporting.Kpi;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Writes report numbers the way a Chinese reader expects them: large amounts and counts grouped by
 * 万 (10⁴) and 亿 (10⁸), changes with an explicit sign, missing values as a dash.
 *
 * <p>Formatting happens here rather than in template patterns so that the rules are unit-tested
 * and the templates hold nothing but field references.
 */
final class ReportFormats {

    /** Printed where there is no value. */
    static final String MISSING = "—";

    private static final BigDecimal WAN = BigDecimal.valueOf(10_000);
    private static final BigDecimal YI = BigDecimal.valueOf(100_000_000);

    private ReportFormats() {}

    /** The value written for its unit, e.g. {@code 1.23亿}, {@code 85.3%}, {@code 42.1}. */
    static String value(Double value, Kpi.Unit unit) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return MISSING;
        }
        return switch (unit) {
            case SCORE -> fixed(value, 1);
            case PERCENT -> fixed(value, 1) + "%";
            case AVERAGE, RATE, MULTIPLE -> fixed(value, 2);
            case AMOUNT -> grouped(value, "#,##0.00");
            case COUNT -> grouped(value, "#,##0");
        };
    }

    /**
     * The change from {@code previous} to {@code value}: absolute for scores and averages, in
     * percentage points for percentages, relative for amounts and counts.
     */
    static String change(Double value, Double previous, Kpi.Unit unit) {
        if (value == null || previous == null) {
            return MISSING;
        }
        return switch (unit) {
            case SCORE -> signed(value - previous, 1);
            case PERCENT -> signed(value - previous, 1) + "pp";
            case AVERAGE, RATE, MULTIPLE -> signed(value - previous, 2);
            case AMOUNT, COUNT ->
                previous == 0 ? MISSING : signed((value - previous) / Math.abs(previous) * 100, 1) + "%";
        };
    }

    /** The 95% interval, e.g. {@code 38.0 ~ 46.2}, or a dash when either bound is missing. */
    static String interval(Double low, Double high, Kpi.Unit unit) {
        if (low == null || high == null) {
            return MISSING;
        }
        return value(low, unit) + " ~ " + value(high, unit);
    }

    /**
     * The significance marker: 样本不足 (too few responses to judge), 显著 (significant), 不显著 (not
     * significant) or a dash when the metric has no test.
     */
    static String significance(Boolean significant, boolean smallSample) {
        if (significant != null && smallSample) {
            return "样本不足";
        }
        if (significant == null) {
            return MISSING;
        }
        return significant ? "显著" : "不显著";
    }

    private static String grouped(double value, String smallPattern) {
        BigDecimal exact = BigDecimal.valueOf(value);
        BigDecimal magnitude = exact.abs();
        if (magnitude.compareTo(YI) >= 0) {
            return pattern("#,##0.00").format(exact.divide(YI, 2, RoundingMode.HALF_UP)) + "亿";
        }
        if (magnitude.compareTo(WAN) >= 0) {
            return pattern("#,##0.00").format(exact.divide(WAN, 2, RoundingMode.HALF_UP)) + "万";
        }
        return pattern(smallPattern).format(exact);
    }

    private static String fixed(double value, int decimals) {
        return BigDecimal.valueOf(value)
                .setScale(decimals, RoundingMode.HALF_UP)
                .toPlainString();
    }

    private static String signed(double value, int decimals) {
        String text = fixed(value, decimals);
        return text.startsWith("-") ? text : "+" + text;
    }

    // DecimalFormat is not thread-safe: a new one per call keeps the renderer safe to share.
    private static DecimalFormat pattern(String pattern) {
        DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.SIMPLIFIED_CHINESE));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format;
    }
}
