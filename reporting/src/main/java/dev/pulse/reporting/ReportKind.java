package dev.pulse.reporting;

import java.util.Arrays;
import java.util.Optional;

/** The reports Pulse can produce, by the id used in URLs and the archive. */
public enum ReportKind {
    /** One region, one period: {@link RegionalReportData}. */
    REGIONAL_PERFORMANCE("regional-performance", true),
    /** Every region of the caller's scope side by side: {@link NationalSummaryData}. */
    NATIONAL_SUMMARY("national-summary", false);

    private final String id;
    private final boolean regional;

    ReportKind(String id, boolean regional) {
        this.id = id;
        this.regional = regional;
    }

    /** The id in URLs, e.g. {@code regional-performance}. */
    public String id() {
        return id;
    }

    /** Whether the report is about one region, which the request must then name. */
    public boolean regional() {
        return regional;
    }

    /** The report with this id. */
    public static Optional<ReportKind> of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
