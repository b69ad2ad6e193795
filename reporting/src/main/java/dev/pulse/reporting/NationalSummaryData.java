package dev.pulse.reporting;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the national executive summary prints: one row per region for one period, in the
 * order the regions are ranked.
 *
 * @param period the reported period
 * @param generatedAt when the numbers were computed
 * @param watermark the data watermark the numbers were computed at
 * @param regions one row per region, best first
 */
public record NationalSummaryData(ReportPeriod period, Instant generatedAt, String watermark, List<RegionRow> regions) {

    public NationalSummaryData {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(watermark, "watermark");
        regions = List.copyOf(regions);
    }

    /**
     * The headline numbers of one region; {@code nps} and {@code revenue} carry their previous-period
     * values and significance so the summary can show the change.
     */
    public record RegionRow(
            String region,
            Kpi nps,
            Double csatTop2Pct,
            Double cesAvg,
            Kpi revenue,
            Long orders,
            Double churnRatePct,
            Double slaCompliancePct) {

        public RegionRow {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(nps, "nps");
            Objects.requireNonNull(revenue, "revenue");
        }
    }
}
