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
 */
@ConfigurationProperties("pulse.reporting")
public record ReportingSettings(Path fontDir, @DefaultValue("6") int trendMonths, @DefaultValue("5") int topComplaints,
                                @DefaultValue("2") int concurrentRuns) {

    /** The defaults, for code that runs without Spring. */
    public static ReportingSettings defaults() {
        return new ReportingSettings(null, 6, 5, 2);
    }
}
