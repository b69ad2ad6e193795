package dev.pulse.warehouse.metrics;

import dev.pulse.warehouse.metrics.MetricQuery.Direction;
import dev.pulse.warehouse.metrics.MetricQuery.Order;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns cells into the result's columns and rows: metric values, comparisons, flags, order and limit. */
final class Rows {

    private static final Cells.Cell EMPTY = new Cells.Cell();

    private Rows() {}

    static List<MetricResult.Column> columns(Request request, Catalogue catalogue, Locale locale) {
        boolean en = "en".equals(locale.getLanguage());
        List<MetricResult.Column> columns = new ArrayList<>();
        for (String d : request.dimensions()) {
            columns.add(new MetricResult.Column(
                    d, dimensionType(d), catalogue.dimensions().get(d).in(locale), catalogue.valueLabels(d, locale)));
        }
        for (Catalogue.Metric m : request.metrics()) {
            columns.add(new MetricResult.Column(m.name(), m.type(), m.label().in(locale)));
        }
        if (request.compareTo() != null) {
            String period = switch (request.compareTo()) {
                case PREVIOUS_PERIOD -> en ? " (previous period)" : "（上期）";
                case PREVIOUS_YEAR -> en ? " (previous year)" : "（去年同期）";
            };
            for (Catalogue.Metric m : request.metrics()) {
                columns.add(new MetricResult.Column(
                        m.name() + Request.COMPARE_SUFFIX, m.type(), m.label().in(locale) + period));
                if (Request.significanceTested(m)) {
                    columns.add(new MetricResult.Column(
                            m.name() + Request.SIGNIFICANT_SUFFIX,
                            "boolean",
                            m.label().in(locale) + (en ? ": significant change (95%)" : "：变化显著（95%）")));
                }
            }
        }
        if (request.metrics().stream().anyMatch(m -> m.definition().sample() != null)) {
            columns.add(new MetricResult.Column(Request.SMALL_SAMPLE, "boolean", en ? "Small sample" : "样本不足"));
        }
        return columns;
    }

    /**
     * A dimension's column type: time grains and signup months are dates, months since signup and NPS scores
     * integers.
     */
    private static String dimensionType(String dimension) {
        if (TimeGrain.of(dimension).isPresent() || dimension.equals(Cohorts.COHORT_MONTH)) {
            return "date";
        }
        return dimension.equals(Cohorts.MONTHS_SINCE) || dimension.equals("nps_score") ? "integer" : "string";
    }

    static List<List<Object>> build(
            Request request,
            Map<List<Object>, Cells.Cell> main,
            Map<List<Object>, Cells.Cell> previous,
            int minSample) {
        List<List<Object>> rows = new ArrayList<>();
        main.forEach((key, cell) -> {
            List<Object> row = new ArrayList<>(key);
            for (Catalogue.Metric m : request.metrics()) {
                row.add(m.definition().formula().apply(cell));
            }
            if (request.compareTo() != null) {
                Cells.Cell before = previous.getOrDefault(key, EMPTY);
                for (Catalogue.Metric m : request.metrics()) {
                    row.add(m.definition().formula().apply(before));
                    if (Request.significanceTested(m)) {
                        row.add(significant(m.name(), cell, before));
                    }
                }
            }
            if (request.metrics().stream().anyMatch(m -> m.definition().sample() != null)) {
                row.add(request.metrics().stream()
                        .map(m -> m.definition().sample())
                        .filter(java.util.Objects::nonNull)
                        .anyMatch(sample -> cell.count(sample) < minSample));
            }
            rows.add(java.util.Collections.unmodifiableList(row));
        });
        List<String> names =
                new ArrayList<>(Request.columns(request.dimensions(), request.metrics(), request.compareTo()));
        List<Order> order = request.orderBy().isEmpty()
                ? request.dimensions().stream()
                        .map(d -> new Order(d, Direction.ASC))
                        .toList()
                : request.orderBy();
        Comparator<List<Object>> comparator = (a, b) -> 0;
        for (Order o : order) {
            int i = names.indexOf(o.field());
            Comparator<List<Object>> byField = (a, b) -> compare(a.get(i), b.get(i), o.direction());
            comparator = comparator.thenComparing(byField);
        }
        rows.sort(comparator);
        return rows.size() > request.limit() ? List.copyOf(rows.subList(0, request.limit())) : List.copyOf(rows);
    }

    private static Boolean significant(String metric, Cells.Cell now, Cells.Cell before) {
        return switch (metric) {
            case "nps" ->
                Statistics.significant(Statistics.npsZ(
                        now.count(Component.NPS_N),
                        now.count(Component.PROMOTERS),
                        now.count(Component.DETRACTORS),
                        before.count(Component.NPS_N),
                        before.count(Component.PROMOTERS),
                        before.count(Component.DETRACTORS)));
            case "csat_top2_pct" ->
                Statistics.significant(Statistics.proportionZ(
                        now.count(Component.CSAT_TOP2), now.count(Component.CSAT_N),
                        before.count(Component.CSAT_TOP2), before.count(Component.CSAT_N)));
            default -> throw new IllegalArgumentException("no significance test for " + metric);
        };
    }

    /** Nulls last whatever the direction. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b, Direction direction) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? 1 : -1;
        }
        int c = ((Comparable) a).compareTo(b);
        return direction == Direction.DESC ? -c : c;
    }
}
