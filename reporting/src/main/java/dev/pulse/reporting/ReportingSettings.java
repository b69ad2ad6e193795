package dev.pulse.reporting;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How reports are produced; bound from {@code pulse.reporting.*}.
 *
 * @param fontDir folder holding {@code NotoSansSC_400Regular.ttf} and {@code NotoSansSC_700Bold.ttf};
 *     null for {@code ~/.cache/pulse/fonts/noto-sans-sc-0.4.3}, where {@code scripts/fetch-engine fonts} puts them
 * @param trendMonths how many months the trend charts of the regional report cover
 * @param topComplaints how many rows the complaint table of the regional report shows
 * @param concurrentRuns how many report runs render at once; rendering is CPU-bound, so about the core count
 * @param mailFrom the sender of report mails
 * @param dashboardUrl where the dashboards are, for the link in report mails
 * @param schedulerEnabled whether this instance runs due schedules
 * @param retryBackoff the first wait before a failed burst is retried; it doubles on each failure
 * @param retention how long archived files are kept; their archive rows are kept for good
 * @param maxQueuedRuns report runs waiting for a worker, across instances, beyond which a new run is refused with 429
 * @param maxRunsPerCaller runs of one caller queued or rendering at once, beyond which their next run is refused with 429
 * @param runLease how long an instance holds a run it has queued or is rendering without renewing it; a run
 *     whose lease ran out belongs to an instance that is gone, and another instance takes it over
 * @param runHeartbeat how often an instance renews the leases of its runs and takes over runs whose lease ran
 *     out; well under {@code runLease}
 */
@ConfigurationProperties("pulse.reporting")
public record ReportingSettings(
        Path fontDir,
        @DefaultValue("6") int trendMonths,
        @DefaultValue("5") int topComplaints,
        @DefaultValue("2") int concurrentRuns,
        @DefaultValue("pulse@localhost") String mailFrom,
        @DefaultValue("http://localhost:8080") String dashboardUrl,
        @DefaultValue("true") boolean schedulerEnabled,
        @DefaultValue("1m") java.time.Duration retryBackoff,
        @DefaultValue("365d") java.time.Duration retention,
        @DefaultValue("50") int maxQueuedRuns,
        @DefaultValue("3") int maxRunsPerCaller,
        @DefaultValue("2m") java.time.Duration runLease,
        @DefaultValue("30s") java.time.Duration runHeartbeat) {

    /** The defaults, for code that runs without Spring. */
    public static ReportingSettings defaults() {
        return new ReportingSettings(
                null,
                6,
                5,
                2,
                "pulse@localhost",
                "http://localhost:8080",
                true,
                java.time.Duration.ofMinutes(1),
                java.time.Duration.ofDays(365),
                50,
                3,
                java.time.Duration.ofMinutes(2),
                java.time.Duration.ofSeconds(30));
    }
}
