package dev.pulse.warehouse.metrics;

import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.warehouse.metrics.MetricQuery.Comparison;
import dev.pulse.warehouse.metrics.MetricQuery.Direction;
import dev.pulse.warehouse.metrics.MetricQuery.Filter;
import dev.pulse.warehouse.metrics.MetricQuery.Order;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A metric request checked against the catalogue: every field that cannot be answered as asked is
 * refused with a {@link InvalidFieldException} naming it.
 */
record Request(
        List<Catalogue.Metric> metrics,
        List<String> dimensions,
        List<Filter> filters,
        LocalDate from,
        LocalDate to,
        List<Order> orderBy,
        int limit,
        Comparison compareTo) {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_METRICS = 30;
    static final int MAX_FILTER_VALUES = 1000;
    static final int MAX_VALUE_LENGTH = 256;
    static final long MAX_DAYS = 366L * 20;
    static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);

    /** The names of the extra columns a result may carry besides dimensions and metrics. */
    static final String COMPARE_SUFFIX = "_compare";

    static final String SIGNIFICANT_SUFFIX = "_significant";
    static final String SMALL_SAMPLE = "small_sample";

    /**
     * The sizes a request may reach; each crossing is refused naming the field and the limit.
     *
     * @param maxRows the largest {@code limit}
     * @param maxFilters the most filters ({@code pulse.metrics.max-filters})
     * @param maxFilterValues the most values of one filter ({@code pulse.metrics.max-filter-values})
     */
    record Bounds(int maxRows, int maxFilters, int maxFilterValues) {}

    /** Checks {@code q} with the default filter bounds and at most {@code maxRows} rows. */
    static Request validate(MetricQuery q, Catalogue catalogue, int maxRows) {
        MetricsSettings defaults = MetricsSettings.defaults();
        return validate(q, catalogue, new Bounds(maxRows, defaults.maxFilters(), defaults.maxFilterValues()));
    }

    static Request validate(MetricQuery q, Catalogue catalogue, Bounds bounds) {
        int maxRows = bounds.maxRows();
        if (q.metrics().isEmpty()) {
            throw new InvalidFieldException("metrics", "at least one metric is required");
        }
        if (q.metrics().size() > MAX_METRICS) {
            throw new InvalidFieldException("metrics", "at most " + MAX_METRICS + " metrics per request");
        }
        List<Catalogue.Metric> metrics = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < q.metrics().size(); i++) {
            String name = q.metrics().get(i);
            Catalogue.Metric metric = name == null ? null : catalogue.metrics().get(name);
            if (metric == null) {
                throw new InvalidFieldException("metrics[" + i + "]", "unknown metric '" + name + "'");
            }
            if (!seen.add(name)) {
                throw new InvalidFieldException("metrics[" + i + "]", "metric '" + name + "' is requested twice");
            }
            metrics.add(metric);
        }
        TimeGrain grain = null;
        for (int i = 0; i < q.dimensions().size(); i++) {
            String name = q.dimensions().get(i);
            String field = "dimensions[" + i + "]";
            if (name == null || !catalogue.dimensions().containsKey(name)) {
                throw new InvalidFieldException(field, "unknown dimension '" + name + "'");
            }
            if (!seen.add(name)) {
                throw new InvalidFieldException(field, "'" + name + "' is requested twice");
            }
            if (TimeGrain.of(name).isPresent()) {
                if (grain != null) {
                    throw new InvalidFieldException(
                            field, "only one time grain per request, '" + grain.id() + "' is already one");
                }
                grain = TimeGrain.of(name).get();
            }
            sliceable(catalogue, metrics, name, field);
        }
        for (Catalogue.Metric metric : metrics) {
            if (perMonthSinceSignup(metric) && !q.dimensions().contains(Cohorts.MONTHS_SINCE)) {
                throw new InvalidFieldException(
                        "dimensions",
                        "metric '" + metric.name() + "' is counted per month since signup: add the dimension '"
                                + Cohorts.MONTHS_SINCE + "'");
            }
        }
        if (q.filters().size() > bounds.maxFilters()) {
            throw new InvalidFieldException(
                    "filters",
                    q.filters().size() + " filters; at most " + bounds.maxFilters()
                            + " per request (pulse.metrics.max-filters)");
        }
        for (int i = 0; i < q.filters().size(); i++) {
            filter(q.filters().get(i), "filters[" + i + "]", catalogue, metrics, bounds.maxFilterValues());
        }
        if (q.from() == null) {
            throw new InvalidFieldException("from", "the first day (from) is required");
        }
        if (q.to() == null) {
            throw new InvalidFieldException("to", "the day after the last (to) is required");
        }
        if (q.from().isBefore(EARLIEST)) {
            throw new InvalidFieldException("from", "from must not be before " + EARLIEST);
        }
        if (!q.to().isAfter(q.from())) {
            throw new InvalidFieldException("to", "to (exclusive) must be after from");
        }
        if (ChronoUnit.DAYS.between(q.from(), q.to()) > MAX_DAYS) {
            throw new InvalidFieldException("to", "a range spans at most " + MAX_DAYS + " days");
        }
        if (q.compareTo() != null && metrics.stream().anyMatch(m -> m.sources().contains(Source.COHORTS))) {
            throw new InvalidFieldException(
                    "compareTo",
                    "cohort metrics are not compared with another period: "
                            + "the cohorts of the range are compared with each other by " + Cohorts.COHORT_MONTH);
        }
        if (q.compareTo() == Comparison.PREVIOUS_PERIOD && grain != null) {
            throw new InvalidFieldException(
                    "compareTo",
                    "previous_period cannot be matched period by period with the time " + "dimension '" + grain.id()
                            + "'; use previous_year or drop the time dimension");
        }
        int limit = q.limit() == null ? Math.min(DEFAULT_LIMIT, maxRows) : q.limit();
        if (limit < 1 || limit > maxRows) {
            throw new InvalidFieldException("limit", "limit must be between 1 and " + maxRows);
        }
        Set<String> columns = columns(q.dimensions(), metrics, q.compareTo());
        List<Order> orderBy = new ArrayList<>();
        for (int i = 0; i < q.orderBy().size(); i++) {
            Order o = q.orderBy().get(i);
            if (o == null || o.field() == null || !columns.contains(o.field())) {
                throw new InvalidFieldException(
                        "orderBy[" + i + "].field",
                        "'" + (o == null ? null : o.field()) + "' is not a column of the result; order by one of "
                                + columns);
            }
            orderBy.add(new Order(o.field(), o.direction() == null ? Direction.ASC : o.direction()));
        }
        return new Request(
                List.copyOf(metrics),
                q.dimensions(),
                q.filters(),
                q.from(),
                q.to(),
                List.copyOf(orderBy),
                limit,
                q.compareTo());
    }

    private static void filter(
            Filter f, String field, Catalogue catalogue, List<Catalogue.Metric> metrics, int maxValues) {
        if (f == null) {
            throw new InvalidFieldException(field, "a filter must not be null");
        }
        String name = f.dimension();
        if (name == null || !catalogue.dimensions().containsKey(name)) {
            throw new InvalidFieldException(field + ".dimension", "unknown dimension '" + name + "'");
        }
        if (TimeGrain.of(name).isPresent() || name.equals(Cohorts.COHORT_MONTH)) {
            throw new InvalidFieldException(
                    field + ".dimension", "time is filtered with from and to, not with '" + name + "'");
        }
        if (name.equals(Cohorts.MONTHS_SINCE)) {
            throw new InvalidFieldException(field + ".dimension", "'" + name + "' can be grouped by, not filtered");
        }
        sliceable(catalogue, metrics, name, field + ".dimension");
        if (f.op() == null) {
            throw new InvalidFieldException(field + ".op", "op is required: in, not_in, eq or ne");
        }
        if (f.values().isEmpty()) {
            throw new InvalidFieldException(field + ".values", "at least one value is required");
        }
        if (f.values().size() > maxValues) {
            throw new InvalidFieldException(
                    field + ".values",
                    f.values().size() + " values; at most " + maxValues
                            + " per filter (pulse.metrics.max-filter-values)");
        }
        if ((f.op() == MetricQuery.Op.EQ || f.op() == MetricQuery.Op.NE)
                && f.values().size() != 1) {
            throw new InvalidFieldException(
                    field + ".values", f.op().name().toLowerCase() + " takes exactly one value");
        }
        for (int j = 0; j < f.values().size(); j++) {
            if (f.values().get(j) == null) {
                throw new InvalidFieldException(field + ".values[" + j + "]", "a value must not be null");
            }
            if (f.values().get(j).length() > MAX_VALUE_LENGTH) {
                throw new InvalidFieldException(
                        field + ".values[" + j + "]", "a value has at most " + MAX_VALUE_LENGTH + " characters");
            }
            knownValue(catalogue, name, f.values().get(j), field + ".values[" + j + "]");
        }
    }

    /** A dimension with a fixed set of values (the catalogue's, or the scores 0 to 10) refuses any other. */
    private static void knownValue(Catalogue catalogue, String dimension, String value, String field) {
        Set<String> known =
                catalogue.values().getOrDefault(dimension, java.util.Map.of()).keySet();
        if (!known.isEmpty() && !known.contains(value)) {
            throw new InvalidFieldException(
                    field, "'" + value + "' is not a value of " + dimension + "; values are " + known);
        }
        if (dimension.equals("nps_score") && !value.matches("[0-9]|10")) {
            throw new InvalidFieldException(field, "'" + value + "' is not an NPS score; scores are 0 to 10");
        }
    }

    private static void sliceable(Catalogue catalogue, List<Catalogue.Metric> metrics, String dimension, String field) {
        for (Catalogue.Metric metric : metrics) {
            if (!catalogue.sliceable(metric, dimension)) {
                throw new InvalidFieldException(
                        field, "metric '" + metric.name() + "' cannot be sliced by dimension '" + dimension + "'");
            }
        }
    }

    /** The result's column names in order: dimensions, metrics, comparison columns, the sample flag. */
    static Set<String> columns(List<String> dimensions, List<Catalogue.Metric> metrics, Comparison compareTo) {
        Set<String> columns = new LinkedHashSet<>(dimensions);
        metrics.forEach(m -> columns.add(m.name()));
        if (compareTo != null) {
            for (Catalogue.Metric m : metrics) {
                columns.add(m.name() + COMPARE_SUFFIX);
                if (significanceTested(m)) {
                    columns.add(m.name() + SIGNIFICANT_SUFFIX);
                }
            }
        }
        if (metrics.stream().anyMatch(m -> m.definition().sample() != null)) {
            columns.add(SMALL_SAMPLE);
        }
        return columns;
    }

    /** The metrics whose change between periods gets a significance test. */
    static boolean significanceTested(Catalogue.Metric metric) {
        return metric.name().equals("nps") || metric.name().equals("csat_top2_pct");
    }

    /** Whether a metric only has a meaning per month since signup (retention), so needs that dimension. */
    static boolean perMonthSinceSignup(Catalogue.Metric metric) {
        return metric.definition().components().contains(Component.RETAINED);
    }

    /** The components every requested metric reads. */
    Set<Component> components() {
        Set<Component> components = new LinkedHashSet<>();
        metrics.forEach(m -> components.addAll(m.definition().components()));
        if (compareTo != null) {
            metrics.stream()
                    .filter(Request::significanceTested)
                    .forEach(m -> components.addAll(m.definition().components()));
        }
        return components;
    }

    /** The time grain among the dimensions, if any. */
    TimeGrain grain() {
        return dimensions.stream()
                .map(TimeGrain::of)
                .flatMap(java.util.Optional::stream)
                .findFirst()
                .orElse(null);
    }

    /** The comparison period's [from, to). */
    LocalDate[] comparisonRange() {
        return switch (compareTo) {
            case PREVIOUS_PERIOD -> new LocalDate[] {from.minusDays(ChronoUnit.DAYS.between(from, to)), from};
            case PREVIOUS_YEAR -> new LocalDate[] {from.minusYears(1), to.minusYears(1)};
        };
    }
}
