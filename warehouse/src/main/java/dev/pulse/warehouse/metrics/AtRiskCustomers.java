package dev.pulse.warehouse.metrics;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import java.util.Locale;

/**
 * The valuable customers slipping away, one row per customer: RFM {@code at_risk} or a recent
 * detractor, among the top two fifths of their region by revenue; read under the caller's scope, so a
 * regional manager never sees another region's customer. See METRICS.md, "At-risk customers".
 */
public interface AtRiskCustomers {

    /**
     * Lists the customers, the most valuable first.
     *
     * @param query the range, filters and limit, must not be null
     * @param caller whose regions bound the rows read, must not be null
     * @param locale the language of the column labels, must not be null
     * @return labelled columns and one row per customer, shaped like a metric result
     * @throws InvalidFieldException naming the field when the request is not valid
     */
    MetricResult list(AtRiskQuery query, Caller caller, Locale locale);
}
