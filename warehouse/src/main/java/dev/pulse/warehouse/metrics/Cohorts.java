package dev.pulse.warehouse.metrics;

import dev.pulse.warehouse.QueryResult;
import dev.pulse.warehouse.query.ClickHouseFunctions;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;

/**
 * Cohort retention: the customers who signed up in [from, to), grouped by their signup month, and
 * how many of them bought in each calendar month since. The engine counts cohorts and distinct buyers
 * per month since signup; here the months in which nobody of a cohort bought become zeros, so that a
 * heatmap has no holes, and cohorts are summed when the signup month is not asked for.
 */
final class Cohorts {

    /** Dimension: the first day of the customer's signup month ({@code signup_date} is a calendar day). */
    static final String COHORT_MONTH = "cohort_month";
    /** Dimension: whole calendar months from the signup month to the month of a purchase, 0 for the signup month. */
    static final String MONTHS_SINCE = "months_since";

    private static final String CUSTOMERS = "cohort_customers";
    private static final String RETAINED = "retained";

    private Cohorts() {}

    /**
     * Per cohort (the requested customer attributes and the signup month): its size, joined with the
     * number of its customers who bought in each month since signup, up to {@code to}.
     */
    static RelNode plan(Plans plans, RelBuilder b, Plans.Slice slice) {
        List<String> attributes = attributes(slice.dimensions());
        b.scan("customers").as("c");
        b.filter(
                b.greaterThanOrEqual(b.field("c", "signup_date"), Plans.date(b, slice.from())),
                b.lessThan(b.field("c", "signup_date"), Plans.date(b, slice.to())));
        plans.filters(b, Source.COHORTS, slice);
        List<RexNode> fields = new ArrayList<>();
        attributes.forEach(a -> fields.add(plans.column(b, Source.COHORTS, a)));
        fields.add(ClickHouseFunctions.startOf(b, ClickHouseFunctions.TimeGrain.MONTH, b.field("c", "signup_date")));
        fields.add(b.field("c", "customer_id"));
        List<String> names = new ArrayList<>(attributes);
        names.add(COHORT_MONTH);
        names.add("customer_id");
        RelNode members = b.project(fields, names, true).build();

        b.push(members).as("m");
        b.aggregate(b.groupKey(keys(b, attributes)), b.countStar(CUSTOMERS));

        b.push(members).as("m");
        b.scan("transactions").as("f");
        b.join(JoinRelType.INNER, b.equals(b.field(2, "m", "customer_id"), b.field(2, "f", "customer_id")));
        RexNode month = ClickHouseFunctions.startOf(b, ClickHouseFunctions.TimeGrain.MONTH, b.field("f", "ts"));
        b.filter(
                b.greaterThanOrEqual(
                        b.field("f", "ts"), plans.timestamp(b, slice.from().withDayOfMonth(1))),
                b.lessThan(b.field("f", "ts"), plans.timestamp(b, slice.to())),
                b.greaterThanOrEqual(month, b.field("m", COHORT_MONTH)));
        List<RexNode> activity = new ArrayList<>(keys(b, attributes));
        activity.add(b.alias(b.call(MetricFunctions.MONTHS_BETWEEN, b.field("m", COHORT_MONTH), month), MONTHS_SINCE));
        b.aggregate(b.groupKey(activity), b.count(true, RETAINED, b.field("m", "customer_id")));

        int width = attributes.size() + 1;
        List<RexNode> on = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            on.add(b.equals(b.field(2, 0, i), b.field(2, 1, i)));
        }
        b.join(JoinRelType.LEFT, on);
        List<RexNode> out = new ArrayList<>();
        for (int i = 0; i <= width; i++) {
            out.add(b.field(i));
        }
        out.add(b.field(width + 1 + width));
        out.add(b.field(width + 1 + width + 1));
        List<String> outNames = new ArrayList<>(names.subList(0, width));
        outNames.addAll(List.of(CUSTOMERS, MONTHS_SINCE, RETAINED));
        return b.project(out, outNames, true).build();
    }

    /**
     * The cells of a request from the plan's rows: {customers, retained} by the requested dimensions.
     * With {@code months_since}, every cohort has a cell for each month from its signup month to the
     * month of the range's last day, zero where none of it bought.
     */
    static Map<List<Object>, long[]> cells(Request request, QueryResult result) {
        List<String> attributes = attributes(request.dimensions());
        record Cohort(List<Object> attributes, LocalDate month) {}
        Map<Cohort, Long> sizes = new LinkedHashMap<>();
        Map<Cohort, Map<Long, Long>> retained = new LinkedHashMap<>();
        for (List<Object> row : result.rows()) {
            Cohort cohort =
                    new Cohort(row.subList(0, attributes.size()), (LocalDate) row.get(result.indexOf(COHORT_MONTH)));
            sizes.put(cohort, ((Number) row.get(result.indexOf(CUSTOMERS))).longValue());
            if (row.get(result.indexOf(RETAINED)) instanceof Number n && n.longValue() > 0) {
                long k = ((Number) row.get(result.indexOf(MONTHS_SINCE))).longValue();
                retained.computeIfAbsent(cohort, c -> new LinkedHashMap<>()).put(k, n.longValue());
            }
        }
        boolean byMonth = request.dimensions().contains(MONTHS_SINCE);
        LocalDate last = request.to().minusDays(1).withDayOfMonth(1);
        Map<List<Object>, long[]> cells = new LinkedHashMap<>();
        sizes.forEach((cohort, size) -> {
            long months = byMonth ? ChronoUnit.MONTHS.between(cohort.month(), last) : 0;
            for (long k = 0; k <= months; k++) {
                List<Object> key = new ArrayList<>();
                for (String d : request.dimensions()) {
                    key.add(
                            d.equals(COHORT_MONTH)
                                    ? cohort.month()
                                    : d.equals(MONTHS_SINCE)
                                            ? (Object) k
                                            : cohort.attributes().get(attributes.indexOf(d)));
                }
                long[] cell = cells.computeIfAbsent(key, x -> new long[2]);
                cell[0] += size;
                cell[1] += retained.getOrDefault(cohort, Map.of()).getOrDefault(k, 0L);
            }
        });
        return cells;
    }

    /** The customer attributes among the dimensions, in request order. */
    private static List<String> attributes(List<String> dimensions) {
        return dimensions.stream()
                .filter(d -> !d.equals(COHORT_MONTH) && !d.equals(MONTHS_SINCE))
                .toList();
    }

    private static List<RexNode> keys(RelBuilder b, List<String> attributes) {
        List<RexNode> keys = new ArrayList<>();
        attributes.forEach(a -> keys.add(b.field("m", a)));
        keys.add(b.field("m", COHORT_MONTH));
        return keys;
    }
}
