package dev.pulse.reporting;

import java.util.List;

/**
 * Report data together with the SQL that produced it, so the archive can say how every number
 * was computed.
 *
 * @param data the records a template prints
 * @param sql every statement run, in order
 * @param <T> {@link RegionalReportData} or {@link NationalSummaryData}
 */
public record ReportData<T>(T data, List<String> sql) {

    public ReportData {
        sql = List.copyOf(sql);
    }
}
