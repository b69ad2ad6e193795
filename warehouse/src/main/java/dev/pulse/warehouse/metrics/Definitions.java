package dev.pulse.warehouse.metrics;

import static dev.pulse.warehouse.metrics.Component.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one definition of every metric, as a formula over components; the catalogue names and labels
 * them and must list exactly these.
 */
final class Definitions {

    /** The values a formula reads: one cell's components, zero where a source had no rows. */
    interface Cell {
        long count(Component c);

        BigDecimal sum(Component c);

        Double real(Component c);
    }

    /**
     * One metric: the components it reads, its formula, and which count is its sample size when it
     * rests on survey responses (null otherwise).
     */
    record Definition(String name, List<Component> components, Function<Cell, Object> formula, Component sample) {

        Set<Source> sources() {
            return components.stream().map(Component::source).collect(Collectors.toSet());
        }
    }

    static final Map<String, Definition> ALL = build();

    private Definitions() {}

    private static Map<String, Definition> build() {
        Map<String, Definition> m = new LinkedHashMap<>();
        add(m, "responses", List.of(NPS_N), c -> c.count(NPS_N), NPS_N);
        add(
                m,
                "nps",
                List.of(NPS_N, PROMOTERS, DETRACTORS),
                c -> pct(c.count(PROMOTERS) - c.count(DETRACTORS), c.count(NPS_N)),
                NPS_N);
        add(m, "promoters_pct", List.of(NPS_N, PROMOTERS), c -> pct(c.count(PROMOTERS), c.count(NPS_N)), NPS_N);
        add(m, "detractors_pct", List.of(NPS_N, DETRACTORS), c -> pct(c.count(DETRACTORS), c.count(NPS_N)), NPS_N);
        add(
                m,
                "nps_ci95",
                List.of(NPS_N, PROMOTERS, DETRACTORS),
                c -> round(Statistics.npsCi95HalfWidth(c.count(NPS_N), c.count(PROMOTERS), c.count(DETRACTORS))),
                NPS_N);
        add(m, "csat_top2_pct", List.of(CSAT_N, CSAT_TOP2), c -> pct(c.count(CSAT_TOP2), c.count(CSAT_N)), CSAT_N);
        add(m, "csat_avg", List.of(CSAT_N, CSAT_SUM), c -> ratio(c.sum(CSAT_SUM), c.count(CSAT_N), 1), CSAT_N);
        add(m, "ces_avg", List.of(CES_N, CES_SUM), c -> ratio(c.sum(CES_SUM), c.count(CES_N), 1), CES_N);
        add(m, "revenue", List.of(REVENUE), c -> c.sum(REVENUE).setScale(2, RoundingMode.HALF_UP), null);
        add(m, "orders", List.of(ORDERS), c -> c.count(ORDERS), null);
        add(m, "aov", List.of(REVENUE, ORDERS), c -> ratio(c.sum(REVENUE), c.count(ORDERS), 1), null);
        add(m, "active_customers", List.of(CUSTOMERS), c -> c.count(CUSTOMERS), null);
        add(m, "churned_customers", List.of(CHURNED), c -> c.count(CHURNED), null);
        add(m, "churn_rate_pct", List.of(CHURN_BASE, CHURNED), c -> pct(c.count(CHURNED), c.count(CHURN_BASE)), null);
        add(m, "campaign_cost", List.of(COST), c -> c.sum(COST).setScale(2, RoundingMode.HALF_UP), null);
        add(
                m,
                "campaign_revenue",
                List.of(ATTRIBUTED_REVENUE),
                c -> c.sum(ATTRIBUTED_REVENUE).setScale(2, RoundingMode.HALF_UP),
                null);
        add(
                m,
                "campaign_roi",
                List.of(COST, ATTRIBUTED_REVENUE),
                c -> c.sum(COST).signum() == 0
                        ? null
                        : c.sum(ATTRIBUTED_REVENUE).subtract(c.sum(COST)).divide(c.sum(COST), 4, RoundingMode.HALF_UP),
                null);
        add(m, "feedback", List.of(FEEDBACK_N), c -> c.count(FEEDBACK_N), null);
        add(m, "complaints", List.of(COMPLAINTS), c -> c.count(COMPLAINTS), null);
        add(
                m,
                "complaints_per_1k_orders",
                List.of(COMPLAINTS, ORDERS),
                c -> ratio(BigDecimal.valueOf(c.count(COMPLAINTS)), c.count(ORDERS), 1000),
                null);
        add(
                m,
                "first_response_median_minutes",
                List.of(FIRST_RESPONSE_MEDIAN),
                c -> minutes(c.real(FIRST_RESPONSE_MEDIAN)),
                null);
        add(
                m,
                "first_response_p90_minutes",
                List.of(FIRST_RESPONSE_P90),
                c -> minutes(c.real(FIRST_RESPONSE_P90)),
                null);
        add(
                m,
                "resolution_rate_pct",
                List.of(FEEDBACK_N, RESOLVED),
                c -> pct(c.count(RESOLVED), c.count(FEEDBACK_N)),
                null);
        add(
                m,
                "sla_compliance_pct",
                List.of(FEEDBACK_N, SLA_MET),
                c -> pct(c.count(SLA_MET), c.count(FEEDBACK_N)),
                null);
        add(m, "rfm_customers", List.of(RFM_CUSTOMERS), c -> c.count(RFM_CUSTOMERS), null);
        add(m, "cases", List.of(CASES_N), c -> c.count(CASES_N), null);
        add(m, "cases_overdue", List.of(CASES_OVERDUE), c -> c.count(CASES_OVERDUE), null);
        add(
                m,
                "followup_median_hours",
                List.of(FOLLOWUP_MEDIAN),
                c -> round(c.real(FOLLOWUP_MEDIAN) == null ? null : c.real(FOLLOWUP_MEDIAN) / 3600),
                null);
        add(
                m,
                "recovery_rate_pct",
                List.of(CASES_IDENTIFIED, CASES_RECOVERED),
                c -> pct(c.count(CASES_RECOVERED), c.count(CASES_IDENTIFIED)),
                null);
        add(m, "clv", List.of(REVENUE, CUSTOMERS), c -> ratio(c.sum(REVENUE), c.count(CUSTOMERS), 1), null);
        add(
                m,
                "response_rate_pct",
                List.of(INVITATIONS_SENT, INVITATIONS_ANSWERED),
                c -> pct(c.count(INVITATIONS_ANSWERED), c.count(INVITATIONS_SENT)),
                null);
        add(m, "cohort_customers", List.of(COHORT_CUSTOMERS), c -> c.count(COHORT_CUSTOMERS), null);
        add(m, "retained_customers", List.of(RETAINED), c -> c.count(RETAINED), null);
        add(
                m,
                "retention_pct",
                List.of(COHORT_CUSTOMERS, RETAINED),
                c -> pct(c.count(RETAINED), c.count(COHORT_CUSTOMERS)),
                null);
        return Map.copyOf(m);
    }

    private static void add(
            Map<String, Definition> m,
            String name,
            List<Component> components,
            Function<Cell, Object> formula,
            Component sample) {
        m.put(name, new Definition(name, components, formula, sample));
    }

    /** 100 × part / whole with 2 decimals; null when whole is 0. */
    static BigDecimal pct(long part, long whole) {
        return ratio(BigDecimal.valueOf(part), whole, 100);
    }

    /** factor × numerator / denominator with 2 decimals; null when the denominator is 0. */
    static BigDecimal ratio(BigDecimal numerator, long denominator, int factor) {
        if (denominator == 0) {
            return null;
        }
        return numerator
                .multiply(BigDecimal.valueOf(factor))
                .divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP);
    }

    /** Seconds (as the engine measures them) in minutes with 2 decimals. */
    static BigDecimal minutes(Double seconds) {
        return round(seconds == null ? null : seconds / 60);
    }

    static BigDecimal round(Double value) {
        return value == null || value.isNaN() || value.isInfinite()
                ? null
                : BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }
}
