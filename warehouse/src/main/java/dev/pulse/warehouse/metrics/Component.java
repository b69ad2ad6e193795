package dev.pulse.warehouse.metrics;

/**
 * An aggregate a source computes per cell; metrics are formulas over components, so that a ratio
 * and its comparison and significance all come from the same counts.
 */
enum Component {
    NPS_N(Source.SURVEY_RESPONSES),
    PROMOTERS(Source.SURVEY_RESPONSES),
    DETRACTORS(Source.SURVEY_RESPONSES),
    CSAT_N(Source.SURVEY_RESPONSES),
    CSAT_TOP2(Source.SURVEY_RESPONSES),
    CSAT_SUM(Source.SURVEY_RESPONSES),
    CES_N(Source.SURVEY_RESPONSES),
    CES_SUM(Source.SURVEY_RESPONSES),
    REVENUE(Source.TRANSACTIONS),
    ORDERS(Source.TRANSACTIONS),
    CUSTOMERS(Source.TRANSACTIONS),
    FEEDBACK_N(Source.FEEDBACK),
    COMPLAINTS(Source.FEEDBACK),
    RESOLVED(Source.FEEDBACK),
    SLA_MET(Source.FEEDBACK),
    FIRST_RESPONSE_MEDIAN(Source.FEEDBACK),
    FIRST_RESPONSE_P90(Source.FEEDBACK),
    COST(Source.CAMPAIGNS),
    ATTRIBUTED_REVENUE(Source.ATTRIBUTION),
    CHURN_BASE(Source.CHURN),
    CHURNED(Source.CHURN),
    RFM_CUSTOMERS(Source.RFM),
    INVITATIONS_SENT(Source.SURVEY_INVITATIONS),
    INVITATIONS_ANSWERED(Source.SURVEY_INVITATIONS),
    CASES_N(Source.CASES),
    CASES_OVERDUE(Source.CASES),
    CASES_IDENTIFIED(Source.CASES),
    CASES_RECOVERED(Source.CASES),
    FOLLOWUP_MEDIAN(Source.CASES),
    COHORT_CUSTOMERS(Source.COHORTS),
    RETAINED(Source.COHORTS);

    private final Source source;

    Component(Source source) {
        this.source = source;
    }

    Source source() {
        return source;
    }

    /** The column alias in generated SQL. */
    String alias() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether an absent cell means zero (counts and sums) rather than unknown (quantiles). */
    boolean additive() {
        return this != FIRST_RESPONSE_MEDIAN && this != FIRST_RESPONSE_P90 && this != FOLLOWUP_MEDIAN;
    }
}
