package dev.pulse.warehouse.metrics;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.QueryResult;
import dev.pulse.warehouse.query.CompiledQuery;
import dev.pulse.warehouse.query.SqlCompiler;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilder;

/**
 * Lists the valuable customers at risk: one statement reads every customer of the caller's scope with
 * a purchase in the range (purchases, revenue, last purchase, latest NPS answer), {@link Rfm} scores
 * them as the {@code rfm_customers} metric does, and the customers with a monetary score of at least
 * {@link #VALUABLE} who are {@code at_risk} or whose latest NPS score is a detractor's are kept.
 * Filters apply after scoring, so a filter never changes anyone's score.
 */
final class AtRiskService implements AtRiskCustomers {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    /** The lowest monetary score (quintile of revenue in the customer's region) that counts as valuable. */
    static final int VALUABLE = 4;

    static final int DETRACTOR = 6;

    private final Catalogue catalogue;
    private final SqlCompiler compiler;
    private final ClickHouseEngine engine;
    private final Plans plans;
    private final ZoneId zone;

    AtRiskService(Catalogue catalogue, SqlCompiler compiler, ClickHouseEngine engine, Plans plans, ZoneId zone) {
        this.catalogue = catalogue;
        this.compiler = compiler;
        this.engine = engine;
        this.plans = plans;
        this.zone = zone;
    }

    @Override
    public MetricResult list(AtRiskQuery query, Caller caller, Locale locale) {
        Objects.requireNonNull(caller, "caller");
        long started = System.nanoTime();
        int limit = validate(query);
        CompiledQuery compiled = compiler.compile(plan(query), caller.scope());
        // standard SQL: a customer without an NPS answer gets NULL from the outer join, not ClickHouse's 0
        QueryResult result = engine.query(compiled.sql() + "\nSETTINGS join_use_nulls = 1", compiled.params());
        List<Rfm.Customer> customers = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            customers.add(new Rfm.Customer(
                    (String) row.get(0),
                    (String) row.get(2),
                    (String) row.get(3),
                    null,
                    (String) row.get(4),
                    (Instant) row.get(5),
                    ((Number) row.get(6)).longValue(),
                    (BigDecimal) row.get(7)));
        }
        Map<String, Rfm.Scores> scores = Rfm.scores(customers);
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            Rfm.Scores s = scores.get((String) row.get(0));
            Number nps = (Number) row.get(result.indexOf("latest_nps"));
            boolean atRisk = s.segment().equals("at_risk");
            boolean detractor = nps != null && nps.intValue() <= DETRACTOR;
            if (s.monetary() < VALUABLE || !(atRisk || detractor) || !kept(query, row, result)) {
                continue;
            }
            Instant answered = (Instant) row.get(result.indexOf("latest_nps_at"));
            rows.add(java.util.Arrays.asList(
                    row.get(0),
                    row.get(1),
                    row.get(2),
                    row.get(3),
                    row.get(4),
                    LocalDate.ofInstant((Instant) row.get(5), zone),
                    ((Number) row.get(6)).longValue(),
                    row.get(7),
                    s.segment(),
                    (long) s.monetary(),
                    nps == null ? null : nps.longValue(),
                    answered == null ? null : LocalDate.ofInstant(answered, zone),
                    atRisk && detractor ? "at_risk,detractor" : atRisk ? "at_risk" : "detractor"));
        }
        rows.sort(Comparator.comparing((List<Object> r) -> (BigDecimal) r.get(7))
                .reversed()
                .thenComparing(r -> (String) r.get(0)));
        List<List<Object>> top = rows.size() > limit ? rows.subList(0, limit) : rows;
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        return new MetricResult(
                columns(locale),
                top.stream().map(java.util.Collections::unmodifiableList).toList(),
                new MetricResult.Meta(compiled.sql(), elapsedMs, result.stats().rowsRead(), false));
    }

    /** The limit to apply; the range is checked as a metric request's is, each filter value here. */
    private int validate(AtRiskQuery q) {
        int limit = q.limit() == null ? DEFAULT_LIMIT : q.limit();
        Request.validate(
                new MetricQuery(List.of("orders"), List.of(), List.of(), q.from(), q.to(), List.of(), limit, null),
                catalogue,
                MAX_LIMIT);
        Map<String, List<String>> filters =
                Map.of("region", q.regions(), "segment", q.segments(), "channel", q.channels());
        filters.forEach((field, values) -> {
            if (values.size() > Request.MAX_FILTER_VALUES) {
                throw new InvalidFieldException(field, "at most " + Request.MAX_FILTER_VALUES + " values");
            }
            for (String v : values) {
                if (v == null || v.isBlank() || v.length() > Request.MAX_VALUE_LENGTH) {
                    throw new InvalidFieldException(
                            field, "a value has 1 to " + Request.MAX_VALUE_LENGTH + " characters");
                }
            }
        });
        return limit;
    }

    /** Whether the region, segment and channel filters keep a customer. */
    private static boolean kept(AtRiskQuery q, List<Object> row, QueryResult result) {
        return (q.regions().isEmpty() || q.regions().contains((String) row.get(2)))
                && (q.segments().isEmpty() || q.segments().contains((String) row.get(4)))
                && (q.channels().isEmpty() || ((Number) row.get(result.indexOf("channel_orders"))).longValue() > 0);
    }

    /**
     * Per customer with a purchase in the range: its record, last purchase, purchases and revenue (and
     * purchases through the chosen channels), with the latest NPS score answered in the range.
     */
    private RelNode plan(AtRiskQuery q) {
        RelBuilder b = compiler.builder().transform(c -> c.withSimplify(false));
        b.scan("transactions").as("f");
        b.filter(
                b.greaterThanOrEqual(b.field("f", "ts"), plans.timestamp(b, q.from())),
                b.lessThan(b.field("f", "ts"), plans.timestamp(b, q.to())));
        List<RelBuilder.AggCall> calls = new ArrayList<>(List.of(
                b.max("last_ts", b.field("f", "ts")),
                b.countStar("frequency"),
                b.sum(false, "monetary", b.field("f", "amount"))));
        if (!q.channels().isEmpty()) {
            RexNode chosen = b.or(q.channels().stream()
                    .map(c -> b.equals(b.field("f", "channel"), b.literal(c)))
                    .toList());
            calls.add(b.sum(
                    false, "channel_orders", b.call(SqlStdOperatorTable.CASE, chosen, b.literal(1), b.literal(0))));
        }
        b.aggregate(b.groupKey(b.field("f", "customer_id")), calls).as("t");
        b.scan("customers").as("c");
        b.join(JoinRelType.INNER, b.equals(b.field(2, "t", "customer_id"), b.field(2, "c", "customer_id")));
        b.scan("survey_responses").as("s");
        b.filter(
                b.greaterThanOrEqual(b.field("s", "ts"), plans.timestamp(b, q.from())),
                b.lessThan(b.field("s", "ts"), plans.timestamp(b, q.to())),
                b.isNotNull(b.field("s", "nps_score")));
        b.aggregate(
                        b.groupKey(b.field("s", "customer_id")),
                        b.aggregateCall(MetricFunctions.ARG_MAX, b.field("s", "nps_score"), b.field("s", "ts"))
                                .as("latest_nps"),
                        b.max("latest_nps_at", b.field("s", "ts")))
                .as("n");
        b.join(JoinRelType.LEFT, b.equals(b.field(2, "t", "customer_id"), b.field(2, "n", "customer_id")));
        List<RexNode> fields = new ArrayList<>(List.of(
                b.field("t", "customer_id"),
                b.field("c", "name"),
                b.field("c", "region"),
                b.field("c", "province"),
                b.field("c", "segment"),
                b.field("t", "last_ts"),
                b.field("t", "frequency"),
                b.field("t", "monetary"),
                b.field("n", "latest_nps"),
                b.field("n", "latest_nps_at")));
        List<String> names = new ArrayList<>(List.of(
                "customer_id",
                "name",
                "region",
                "province",
                "segment",
                "last_ts",
                "frequency",
                "monetary",
                "latest_nps",
                "latest_nps_at"));
        if (!q.channels().isEmpty()) {
            fields.add(b.field("t", "channel_orders"));
            names.add("channel_orders");
        }
        return b.project(fields, names, true).build();
    }

    private List<MetricResult.Column> columns(Locale locale) {
        boolean en = "en".equals(locale.getLanguage());
        return List.of(
                new MetricResult.Column("customer_id", "string", en ? "Customer ID" : "客户编号"),
                new MetricResult.Column("name", "string", en ? "Name" : "客户名称"),
                new MetricResult.Column(
                        "region", "string", catalogue.dimensions().get("region").in(locale)),
                new MetricResult.Column(
                        "province",
                        "string",
                        catalogue.dimensions().get("province").in(locale)),
                new MetricResult.Column(
                        "segment",
                        "string",
                        catalogue.dimensions().get("segment").in(locale)),
                new MetricResult.Column("last_purchase", "date", en ? "Last purchase" : "最近购买日"),
                new MetricResult.Column(
                        "orders",
                        "integer",
                        catalogue.metrics().get("orders").label().in(locale)),
                new MetricResult.Column(
                        "revenue",
                        "decimal",
                        catalogue.metrics().get("revenue").label().in(locale)),
                new MetricResult.Column(
                        "rfm_segment",
                        "string",
                        catalogue.dimensions().get("rfm_segment").in(locale)),
                new MetricResult.Column("monetary_score", "integer", en ? "Monetary score (M)" : "消费金额评分 (M)"),
                new MetricResult.Column("latest_nps", "integer", en ? "Latest NPS score" : "最近 NPS 评分"),
                new MetricResult.Column("latest_nps_date", "date", en ? "Latest NPS date" : "最近 NPS 日期"),
                new MetricResult.Column("reason", "string", en ? "Reason" : "风险原因"));
    }
}
