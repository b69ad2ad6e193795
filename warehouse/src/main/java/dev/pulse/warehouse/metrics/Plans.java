package dev.pulse.warehouse.metrics;

import dev.pulse.warehouse.metrics.MetricQuery.Filter;
import dev.pulse.warehouse.query.ClickHouseFunctions;
import dev.pulse.warehouse.query.SqlCompiler;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/**
 * Builds the Calcite plan of one source for one period: scan, the range and the filters, grouped by
 * the requested dimensions, with the components the metrics need. Dimension columns come first,
 * named like the dimensions, then the components named {@link Component#alias()}. One class a little
 * over the usual size, because every source shares the scan, range, filter and dimension helpers.
 */
final class Plans {

    /** Which slice of which days: the validated dimensions and filters over [from, to). */
    record Slice(List<String> dimensions, List<Filter> filters, LocalDate from, LocalDate to) {}

    /** The dimension of verbatim themes: {@code arrayJoin(themes)} grouped, {@code has(themes, ...)} filtered. */
    static final String THEME = "theme";

    /** The values of dimension {@code nps_group}. */
    static final class NpsGroup {
        static final String PROMOTER = "promoter";
        static final String PASSIVE = "passive";
        static final String DETRACTOR = "detractor";

        private NpsGroup() {}
    }

    private final SqlCompiler compiler;
    private final ZoneId zone;
    private final int attributionDays;
    private final Duration sla;

    Plans(SqlCompiler compiler, ZoneId zone, int attributionDays, Duration sla) {
        this.compiler = compiler;
        this.zone = zone;
        this.attributionDays = attributionDays;
        this.sla = sla;
    }

    RelNode plan(Source source, Slice slice, Set<Component> components) {
        // without simplification: a simplified range becomes a SEARCH, which the compiler expands
        // into an AND nested in the filter's AND, and Calcite refuses filters that are not flat
        RelBuilder b = compiler.builder().transform(c -> c.withSimplify(false));
        return switch (source) {
            case SURVEY_RESPONSES, TRANSACTIONS, FEEDBACK, SURVEY_INVITATIONS, CASES ->
                fact(b, source, slice, components);
            case CAMPAIGNS -> campaigns(b, slice);
            case ATTRIBUTION -> attribution(b, slice);
            case CHURN -> churn(b, slice);
            case RFM -> rfm(b, slice);
            case COHORTS -> Cohorts.plan(this, b, slice);
        };
    }

    /** Survey responses, transactions, feedback or cases over [from, to), grouped by the dimensions. */
    private RelNode fact(RelBuilder b, Source source, Slice slice, Set<Component> components) {
        scanFact(b, source == Source.CASES ? "follow_up_cases" : source.id(), slice);
        b.filter(inRange(b, slice.from(), slice.to()));
        filters(b, source, slice);
        List<RelBuilder.AggCall> calls = new ArrayList<>();
        for (Component c : Component.values()) {
            if (c.source() == source && components.contains(c)) {
                calls.add(aggregate(b, c));
            }
        }
        b.aggregate(b.groupKey(dimensions(b, source, slice.dimensions())), calls);
        if (slice.dimensions().contains(THEME)) {
            // rows were kept for having one of the themes asked for; of their themes, only those are cells
            List<RexNode> cells = new ArrayList<>();
            for (Filter f : slice.filters()) {
                if (f.dimension().equals(THEME) && (f.op() == MetricQuery.Op.IN || f.op() == MetricQuery.Op.EQ)) {
                    cells.add(b.or(f.values().stream()
                            .map(v -> b.equals(b.field(THEME), b.literal(v)))
                            .toList()));
                }
            }
            if (!cells.isEmpty()) {
                b.filter(cells);
            }
        }
        return b.build();
    }

    /**
     * The latest {@code limit} survey responses in [from, to) with a comment that is not blank and that pass the
     * filters, newest first (ties by id): id, ts, region, channel, the three scores, themes and the comment.
     */
    RelNode comments(Slice slice, int limit) {
        RelBuilder b = compiler.builder().transform(c -> c.withSimplify(false));
        scanFact(b, Source.SURVEY_RESPONSES.id(), slice);
        List<RexNode> conditions = new ArrayList<>(inRange(b, slice.from(), slice.to()));
        conditions.add(b.notEquals(b.call(MetricFunctions.TRIM, b.field("f", "comment")), b.literal("")));
        b.filter(conditions);
        filters(b, Source.SURVEY_RESPONSES, slice);
        List<String> columns =
                List.of("ts", "region", "channel", "nps_score", "csat_score", "ces_score", "themes", "comment");
        List<RexNode> fields = new ArrayList<>(List.of(b.alias(b.field("f", "event_id"), "id")));
        columns.forEach(c -> fields.add(b.field("f", c)));
        b.project(fields);
        return b.sortLimit(0, limit, b.desc(b.field("ts")), b.desc(b.field("id")))
                .build();
    }

    /** Campaigns starting in [from, to), sliced by their own attributes; time is their start date. */
    private RelNode campaigns(RelBuilder b, Slice slice) {
        b.scan("campaigns").as("cam");
        b.filter(startsIn(b, slice));
        filters(b, Source.CAMPAIGNS, slice);
        return b.aggregate(
                        b.groupKey(dimensions(b, Source.CAMPAIGNS, slice.dimensions())),
                        b.sum(false, Component.COST.alias(), b.field("cam", "cost")))
                .build();
    }

    /**
     * Revenue of the transactions carrying the id of a campaign starting in [from, to), dated (in
     * pulse.timezone) from its start to {@code attributionDays} after its end.
     */
    private RelNode attribution(RelBuilder b, Slice slice) {
        b.scan("campaigns").as("cam");
        b.scan("transactions").as("f");
        b.join(JoinRelType.INNER, b.equals(b.field(2, "cam", "campaign_id"), b.field(2, "f", "campaign_id")));
        RexNode day = ClickHouseFunctions.startOf(b, ClickHouseFunctions.TimeGrain.DAY, b.field("f", "ts"));
        List<RexNode> conditions = new ArrayList<>(startsIn(b, slice));
        conditions.add(b.greaterThanOrEqual(day, b.field("cam", "start_date")));
        conditions.add(b.lessThanOrEqual(
                day, b.call(MetricFunctions.ADD_DAYS, b.field("cam", "end_date"), b.literal(attributionDays))));
        b.filter(conditions);
        filters(b, Source.ATTRIBUTION, slice);
        return b.aggregate(
                        b.groupKey(dimensions(b, Source.ATTRIBUTION, slice.dimensions())),
                        b.sum(false, Component.ATTRIBUTED_REVENUE.alias(), b.field("f", "amount")))
                .build();
    }

    /**
     * Per customer (and slice): transactions in the window of the same length before {@code from}
     * and in [from, to); the base are those with one before, the churned those of the base with none after.
     * With a time grain, each period is compared with the period before it instead.
     */
    private RelNode churn(RelBuilder b, Slice slice) {
        TimeGrain grain = slice.dimensions().stream()
                .map(TimeGrain::of)
                .flatMap(java.util.Optional::stream)
                .findFirst()
                .orElse(null);
        if (grain != null) {
            return churnByPeriod(b, slice, grain);
        }
        LocalDate before =
                slice.from().minusDays(slice.to().toEpochDay() - slice.from().toEpochDay());
        scanFact(b, "transactions", slice);
        b.filter(inRange(b, before, slice.to()));
        filters(b, Source.CHURN, slice);
        RexNode during = b.greaterThanOrEqual(b.field("f", "ts"), timestamp(b, slice.from()));
        List<RexNode> keys = new ArrayList<>(dimensions(b, Source.CHURN, slice.dimensions()));
        keys.add(b.field("f", "customer_id"));
        b.aggregate(
                b.groupKey(keys),
                b.sum(false, "before", flag(b, b.not(during))),
                b.sum(false, "during", flag(b, during)));
        return churned(b, slice);
    }

    /**
     * Churn per period of {@code grain}: the base of a period are the customers with a transaction in
     * the period before it. Each transaction counts in its own period ("during") and, shifted by one
     * period, in the next ("before"); the two reads are a UNION ALL, both under the caller's scope.
     */
    private RelNode churnByPeriod(RelBuilder b, Slice slice, TimeGrain grain) {
        List<String> others = slice.dimensions().stream()
                .filter(d -> TimeGrain.of(d).isEmpty())
                .toList();
        // during: the transactions of the range, in their own period
        scanFact(b, "transactions", slice);
        b.filter(inRange(b, slice.from(), slice.to()));
        filters(b, Source.CHURN, slice);
        churnRow(b, others, grain, period(b, grain), 0, 1);
        // before: from the period before the first, each transaction in the period after its own
        LocalDate first = grain.start(slice.from());
        scanFact(b, "transactions", slice);
        b.filter(inRange(b, MetricFunctions.previous(grain, first), slice.to()));
        filters(b, Source.CHURN, slice);
        churnRow(b, others, grain, b.call(MetricFunctions.nextPeriod(grain), period(b, grain), b.literal(1)), 1, 0);
        b.filter(b.lessThan(b.field(grain.id()), date(b, slice.to())));
        b.union(true);
        List<RexNode> keys = new ArrayList<>();
        slice.dimensions().forEach(d -> keys.add(b.field(d)));
        keys.add(b.field("customer_id"));
        b.aggregate(b.groupKey(keys), b.sum(false, "before", b.field("b")), b.sum(false, "during", b.field("d")));
        return churned(b, slice);
    }

    private void churnRow(
            RelBuilder b, List<String> dimensions, TimeGrain grain, RexNode period, int before, int during) {
        List<RexNode> fields = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String d : dimensions) {
            fields.add(column(b, Source.CHURN, d));
            names.add(d);
        }
        fields.add(period);
        names.add(grain.id());
        fields.add(b.field("f", "customer_id"));
        names.add("customer_id");
        fields.add(b.literal(before));
        names.add("b");
        fields.add(b.literal(during));
        names.add("d");
        b.project(fields, names, true);
    }

    private static RexNode period(RelBuilder b, TimeGrain grain) {
        return ClickHouseFunctions.startOf(b, ClickHouseFunctions.TimeGrain.valueOf(grain.name()), b.field("f", "ts"));
    }

    /** From per-customer counts {@code before} and {@code during}: the base and the churned per slice. */
    private static RelNode churned(RelBuilder b, Slice slice) {
        b.filter(b.greaterThan(b.field("before"), b.literal(0)));
        List<RexNode> outer =
                slice.dimensions().stream().map(d -> (RexNode) b.field(d)).toList();
        return b.aggregate(
                        b.groupKey(outer),
                        b.countStar(Component.CHURN_BASE.alias()),
                        b.sum(false, Component.CHURNED.alias(), flag(b, b.equals(b.field("during"), b.literal(0)))))
                .build();
    }

    /**
     * One row per customer with a transaction in [from, to): the customer's attributes, last
     * transaction, number of transactions and revenue; segments are assigned by {@link Rfm}.
     */
    private RelNode rfm(RelBuilder b, Slice slice) {
        b.scan("transactions").as("f");
        b.scan("customers").as("c");
        b.join(JoinRelType.LEFT, b.equals(b.field(2, "f", "customer_id"), b.field(2, "c", "customer_id")));
        b.filter(inRange(b, slice.from(), slice.to()));
        return b.aggregate(
                        b.groupKey(
                                b.field("f", "customer_id"),
                                b.field("c", "region"),
                                b.field("c", "province"),
                                b.field("c", "city"),
                                b.field("c", "segment")),
                        b.max("last_ts", b.field("f", "ts")),
                        b.countStar("frequency"),
                        b.sum(false, "monetary", b.field("f", "amount")))
                .build();
    }

    private void scanFact(RelBuilder b, String view, Slice slice) {
        b.scan(view).as("f");
        boolean customer = slice.dimensions().stream().anyMatch(Source.CUSTOMER_DIMENSIONS::contains)
                || slice.filters().stream().anyMatch(f -> Source.CUSTOMER_DIMENSIONS.contains(f.dimension()));
        if (customer) {
            // province, city and segment are the customer's; a fact without a known customer has none
            b.scan("customers").as("c");
            b.join(JoinRelType.LEFT, b.equals(b.field(2, "f", "customer_id"), b.field(2, "c", "customer_id")));
        }
    }

    private RelBuilder.AggCall aggregate(RelBuilder b, Component c) {
        String a = c.alias();
        return switch (c) {
            case NPS_N -> b.count(false, a, b.field("f", "nps_score"));
            case PROMOTERS -> b.sum(false, a, flag(b, b.greaterThanOrEqual(b.field("f", "nps_score"), b.literal(9))));
            case DETRACTORS -> b.sum(false, a, flag(b, b.lessThanOrEqual(b.field("f", "nps_score"), b.literal(6))));
            case CSAT_N -> b.count(false, a, b.field("f", "csat_score"));
            case CSAT_TOP2 -> b.sum(false, a, flag(b, b.greaterThanOrEqual(b.field("f", "csat_score"), b.literal(4))));
            case CSAT_SUM -> b.sum(false, a, b.field("f", "csat_score"));
            case CES_N -> b.count(false, a, b.field("f", "ces_score"));
            case CES_SUM -> b.sum(false, a, b.field("f", "ces_score"));
            case REVENUE -> b.sum(false, a, b.field("f", "amount"));
            case ORDERS -> b.countStar(a);
            case CUSTOMERS -> b.count(true, a, b.field("f", "customer_id"));
            case FEEDBACK_N -> b.countStar(a);
            case COMPLAINTS -> b.sum(false, a, flag(b, b.equals(b.field("f", "category"), b.literal("complaint"))));
            case RESOLVED -> b.count(false, a, b.field("f", "resolved_at"));
            case SLA_MET ->
                b.sum(
                        false,
                        a,
                        flag(
                                b,
                                b.and(
                                        b.isNotNull(b.field("f", "first_response_at")),
                                        b.lessThanOrEqual(firstResponseSeconds(b), b.literal(sla.toSeconds())))));
            case FIRST_RESPONSE_MEDIAN ->
                b.aggregateCall(MetricFunctions.MEDIAN, firstResponseSeconds(b)).as(a);
            case FIRST_RESPONSE_P90 ->
                b.aggregateCall(MetricFunctions.P90, firstResponseSeconds(b)).as(a);
            case INVITATIONS_SENT -> b.sum(false, a, flag(b, b.equals(b.field("f", "status"), b.literal("sent"))));
            case INVITATIONS_ANSWERED ->
                b.sum(false, a, flag(b, b.equals(b.field("f", "status"), b.literal("answered"))));
            case CASES_N -> b.countStar(a);
            case CASES_OVERDUE -> b.count(false, a, b.field("f", "escalated_at"));
            case CASES_IDENTIFIED -> b.sum(false, a, flag(b, b.notEquals(b.field("f", "customer_id"), b.literal(""))));
            case CASES_RECOVERED -> b.sum(false, a, b.field("f", "recovered"));
            case FOLLOWUP_MEDIAN ->
                b.aggregateCall(
                                MetricFunctions.MEDIAN,
                                b.call(
                                        MetricFunctions.SECONDS_BETWEEN,
                                        b.field("f", "ts"),
                                        b.field("f", "contacted_at")))
                        .as(a);
            case COST, ATTRIBUTED_REVENUE, CHURN_BASE, CHURNED, RFM_CUSTOMERS, COHORT_CUSTOMERS, RETAINED ->
                throw new IllegalArgumentException(c + " is not a component of a fact source");
        };
    }

    private static RexNode firstResponseSeconds(RelBuilder b) {
        return b.call(MetricFunctions.SECONDS_BETWEEN, b.field("f", "ts"), b.field("f", "first_response_at"));
    }

    /** 1 where {@code condition} holds, else 0, for counting with SUM. */
    private static RexNode flag(RelBuilder b, RexNode condition) {
        return b.call(SqlStdOperatorTable.CASE, condition, b.literal(1), b.literal(0));
    }

    private List<RexNode> dimensions(RelBuilder b, Source source, List<String> dimensions) {
        return dimensions.stream().map(d -> b.alias(column(b, source, d), d)).toList();
    }

    /** The expression a dimension reads in a source. */
    RexNode column(RelBuilder b, Source source, String dimension) {
        boolean campaign = source == Source.CAMPAIGNS || source == Source.ATTRIBUTION;
        String alias = campaign ? "cam" : source == Source.COHORTS ? "c" : "f";
        var grain = TimeGrain.of(dimension);
        if (grain.isPresent() && campaign) {
            var function = MetricFunctions.dateStartOf(grain.get());
            return function == null ? b.field("cam", "start_date") : b.call(function, b.field("cam", "start_date"));
        }
        if (grain.isPresent()) {
            return ClickHouseFunctions.startOf(
                    b, ClickHouseFunctions.TimeGrain.valueOf(grain.get().name()), b.field("f", "ts"));
        }
        return switch (dimension) {
            case "province", "city", "segment" -> b.field("c", dimension);
            case THEME -> b.call(MetricFunctions.ARRAY_JOIN, b.field(alias, "themes"));
            case "nps_score" -> b.field(alias, "nps_score");
            case "nps_group" -> npsGroup(b, b.field(alias, "nps_score"));
            case "survey" -> b.field(alias, "survey_id");
            case "campaign" -> b.field(alias, "campaign_id");
            case "feedback_category" -> b.field(alias, "category");
            default -> b.field(alias, dimension);
        };
    }

    void filters(RelBuilder b, Source source, Slice slice) {
        List<RexNode> conditions = new ArrayList<>();
        for (Filter f : slice.filters()) {
            if (f.dimension().equals(THEME)) {
                // a row has a theme when its array holds it: has() keeps rows whole, an expansion would count them
                // twice
                List<RexNode> has = f.values().stream()
                        .map(v -> b.call(MetricFunctions.HAS, b.field("f", "themes"), b.literal(v)))
                        .toList();
                switch (f.op()) {
                    case IN, EQ -> conditions.add(b.or(has));
                    case NOT_IN, NE -> has.forEach(h -> conditions.add(b.not(h)));
                }
                continue;
            }
            RexNode column = column(b, source, f.dimension());
            List<RexNode> values = f.values().stream()
                    .map(v -> (RexNode)
                            (f.dimension().equals("nps_score") ? b.literal(Integer.parseInt(v)) : b.literal(v)))
                    .toList();
            switch (f.op()) {
                case IN, EQ ->
                    conditions.add(
                            b.or(values.stream().map(v -> b.equals(column, v)).toList()));
                case NOT_IN, NE -> values.forEach(v -> conditions.add(b.notEquals(column, v)));
            }
        }
        if (!conditions.isEmpty()) {
            b.filter(conditions);
        }
    }

    /**
     * The NPS group of a score: {@code promoter} 9–10, {@code passive} 7–8, {@code detractor} 0–6, null without a
     * score; the same cut-offs as the components {@code PROMOTERS} and {@code DETRACTORS}.
     */
    private static RexNode npsGroup(RelBuilder b, RexNode score) {
        return b.call(
                SqlStdOperatorTable.CASE,
                b.greaterThanOrEqual(score, b.literal(9)),
                b.literal(NpsGroup.PROMOTER),
                b.greaterThanOrEqual(score, b.literal(7)),
                b.literal(NpsGroup.PASSIVE),
                b.lessThanOrEqual(score, b.literal(6)),
                b.literal(NpsGroup.DETRACTOR),
                b.literal(null));
    }

    /** {@code f.ts} in [from, to), both days starting at midnight in pulse.timezone. */
    private List<RexNode> inRange(RelBuilder b, LocalDate from, LocalDate to) {
        return List.of(
                b.greaterThanOrEqual(b.field("f", "ts"), timestamp(b, from)),
                b.lessThan(b.field("f", "ts"), timestamp(b, to)));
    }

    /** Conditions, not one AND: a nested AND in a filter is not flat, which Calcite's plans must be. */
    private static List<RexNode> startsIn(RelBuilder b, Slice slice) {
        return List.of(
                b.greaterThanOrEqual(b.field("cam", "start_date"), date(b, slice.from())),
                b.lessThan(b.field("cam", "start_date"), date(b, slice.to())));
    }

    /** The UTC instant at which {@code day} starts in pulse.timezone, as the warehouse stores times. */
    RexNode timestamp(RelBuilder b, LocalDate day) {
        long millis = day.atStartOfDay(zone).toInstant().toEpochMilli();
        return b.getRexBuilder().makeTimestampLiteral(TimestampString.fromMillisSinceEpoch(millis), 3);
    }

    static RexNode date(RelBuilder b, LocalDate day) {
        return b.getRexBuilder().makeDateLiteral(DateString.fromDaysSinceEpoch((int) day.toEpochDay()));
    }
}
