package dev.pulse.warehouse.metrics;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Where a metric's numbers come from: one statement per source, each grouped by the requested
 * dimensions. The dimensions a source can be sliced by are fixed by how {@link Plans} builds it;
 * the catalogue may list no others.
 */
enum Source {
    /** Survey responses; also by verbatim theme, NPS group (detractor, passive, promoter) and NPS score. */
    SURVEY_RESPONSES(
            "survey_responses",
            Set.of("region", "province", "city", "segment", "channel", "survey", "theme", "nps_group", "nps_score")),
    TRANSACTIONS(
            "transactions", Set.of("region", "province", "city", "segment", "channel", "product_category", "campaign")),
    FEEDBACK("feedback", Set.of("region", "province", "city", "segment", "channel", "feedback_category", "theme")),
    CAMPAIGNS("campaigns", Set.of("region", "channel", "campaign")),
    ATTRIBUTION("attribution", Set.of("region", "channel", "campaign")),
    CHURN("churn", Set.of("region", "province", "city", "segment")),
    RFM("rfm", Set.of("region", "province", "city", "segment", "rfm_segment")),
    SURVEY_INVITATIONS("survey_invitations", Set.of("region", "province", "city", "segment", "channel", "survey")),
    /** Follow-up cases (view {@code follow_up_cases}), dated by their opening. */
    CASES("cases", Set.of("region", "province", "city", "segment", "survey")),
    /** Customers by signup month and their purchases in the months since; see {@link Cohorts}. */
    COHORTS("cohorts", Set.of("region", "province", "city", "segment", Cohorts.COHORT_MONTH, Cohorts.MONTHS_SINCE));

    /** Dimensions read from the customer's record rather than from the fact itself. */
    static final Set<String> CUSTOMER_DIMENSIONS = Set.of("province", "city", "segment");

    private final String id;
    private final Set<String> dimensions;

    Source(String id, Set<String> dimensions) {
        this.id = id;
        this.dimensions = dimensions;
    }

    /** The name the catalogue uses. */
    String id() {
        return id;
    }

    /** Whether this source can be grouped or filtered by {@code dimension} (time grains included). */
    boolean supports(String dimension) {
        return dimensions.contains(dimension) || (TimeGrain.of(dimension).isPresent() && hasTime());
    }

    /**
     * Whether the source has a date to slice by (RFM is a snapshot of one window, not a series;
     * cohorts have their own time, the signup month).
     */
    boolean hasTime() {
        return this != RFM && this != COHORTS;
    }

    static Optional<Source> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
