package dev.pulse.warehouse.metrics;

import dev.pulse.warehouse.QueryResult;
import dev.pulse.warehouse.metrics.MetricQuery.Filter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The components of one period, gathered from every source's result into cells keyed by the values
 * of the requested dimensions; a cell a source had no row for reads zero from it.
 */
final class Cells {

    /** One cell's components. */
    static final class Cell implements Definitions.Cell {
        private final Map<Component, Object> values = new EnumMap<>(Component.class);

        @Override
        public long count(Component c) {
            return values.get(c) instanceof Number n ? n.longValue() : 0;
        }

        @Override
        public BigDecimal sum(Component c) {
            return switch (values.get(c)) {
                case BigDecimal d -> d;
                case Long l -> BigDecimal.valueOf(l);
                case Number n -> BigDecimal.valueOf(n.doubleValue());
                case null, default -> BigDecimal.ZERO;
            };
        }

        @Override
        public Double real(Component c) {
            return values.get(c) instanceof Number n && !Double.isNaN(n.doubleValue()) ? n.doubleValue() : null;
        }
    }

    private final Request request;
    private final Set<Component> components;
    private final Map<List<Object>, Cell> cells = new LinkedHashMap<>();

    Cells(Request request) {
        this.request = request;
        this.components = request.components();
    }

    void add(Source source, QueryResult result) {
        if (source == Source.RFM) {
            addRfm(result);
            return;
        }
        if (source == Source.COHORTS) {
            Cohorts.cells(request, result).forEach((key, counts) -> {
                Cell cell = cells.computeIfAbsent(key, k -> new Cell());
                cell.values.put(Component.COHORT_CUSTOMERS, counts[0]);
                cell.values.put(Component.RETAINED, counts[1]);
            });
            return;
        }
        // by name: an aggregate orders its keys by input field, so an expression key (a theme) may come after a column
        int[] dimensions =
                request.dimensions().stream().mapToInt(result::indexOf).toArray();
        for (List<Object> row : result.rows()) {
            List<Object> key = new ArrayList<>(dimensions.length);
            for (int d : dimensions) {
                key.add(row.get(d));
            }
            Cell cell = cells.computeIfAbsent(key, k -> new Cell());
            for (Component c : components) {
                if (c.source() == source) {
                    cell.values.put(c, row.get(result.indexOf(c.alias())));
                }
            }
        }
    }

    Map<List<Object>, Cell> byKey() {
        return cells;
    }

    /** Scores every customer, keeps those the filters allow, and counts them per cell. */
    private void addRfm(QueryResult result) {
        List<Rfm.Customer> customers = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            customers.add(new Rfm.Customer(
                    (String) row.get(0),
                    (String) row.get(1),
                    (String) row.get(2),
                    (String) row.get(3),
                    (String) row.get(4),
                    (Instant) row.get(5),
                    ((Number) row.get(6)).longValue(),
                    (BigDecimal) row.get(7)));
        }
        Map<String, String> segments = Rfm.segments(customers);
        for (Rfm.Customer c : customers) {
            Map<String, String> attributes = Map.of(
                    "region",
                    nz(c.region()),
                    "province",
                    nz(c.province()),
                    "city",
                    nz(c.city()),
                    "segment",
                    nz(c.segment()),
                    "rfm_segment",
                    segments.get(c.id()));
            if (request.filters().stream().allMatch(f -> allows(f, attributes.get(f.dimension())))) {
                List<Object> key = request.dimensions().stream()
                        .map(d -> (Object) attributes.get(d))
                        .toList();
                Cell cell = cells.computeIfAbsent(key, k -> new Cell());
                cell.values.merge(Component.RFM_CUSTOMERS, 1L, (a, b) -> ((Long) a) + ((Long) b));
            }
        }
    }

    private static boolean allows(Filter filter, String value) {
        boolean listed = filter.values().contains(value);
        return switch (filter.op()) {
            case IN, EQ -> listed;
            case NOT_IN, NE -> !listed;
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
