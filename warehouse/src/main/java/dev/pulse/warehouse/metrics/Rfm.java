package dev.pulse.warehouse.metrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * RFM segmentation: each customer gets recency, frequency and monetary scores 1–5 (quintiles among
 * the customers of the same region, ties broken by customer id so that the result is reproducible),
 * and a named segment from the recency score and the mean of the other two.
 *
 * <p>Quintiles are taken per region so that a regional manager sees the same segments as the national
 * view of that region.
 */
final class Rfm {

    /** The segments, best first. */
    static final List<String> SEGMENTS =
            List.of("champions", "loyal", "promising", "need_attention", "at_risk", "hibernating", "lost");

    /** One customer's purchases in the range, with the attributes it can be sliced by. */
    record Customer(
            String id,
            String region,
            String province,
            String city,
            String segment,
            Instant last,
            long frequency,
            BigDecimal monetary) {}

    /** One customer's scores, each 1–5, and the segment they make. */
    record Scores(int recency, int frequency, int monetary, String segment) {}

    private Rfm() {}

    /** Each customer's segment, by customer id. */
    static Map<String, String> segments(List<Customer> customers) {
        Map<String, String> segments = new HashMap<>();
        scores(customers).forEach((id, s) -> segments.put(id, s.segment()));
        return segments;
    }

    /** Each customer's scores and segment, by customer id. */
    static Map<String, Scores> scores(List<Customer> customers) {
        Map<String, List<Customer>> byRegion = new HashMap<>();
        for (Customer c : customers) {
            byRegion.computeIfAbsent(Objects.requireNonNullElse(c.region(), ""), r -> new ArrayList<>())
                    .add(c);
        }
        Map<String, Scores> scores = new HashMap<>();
        for (List<Customer> region : byRegion.values()) {
            Map<String, Integer> r = quintiles(region, Customer::last);
            Map<String, Integer> f = quintiles(region, Customer::frequency);
            Map<String, Integer> m = quintiles(region, Customer::monetary);
            for (Customer c : region) {
                int fm = (f.get(c.id()) + m.get(c.id()) + 1) / 2;
                scores.put(c.id(), new Scores(r.get(c.id()), f.get(c.id()), m.get(c.id()), segment(r.get(c.id()), fm)));
            }
        }
        return scores;
    }

    /** The named segment of a recency score and a frequency-monetary score, each 1–5. */
    static String segment(int recency, int frequencyMonetary) {
        if (recency >= 4 && frequencyMonetary >= 4) {
            return "champions";
        }
        if (recency >= 3 && frequencyMonetary >= 3) {
            return "loyal";
        }
        if (recency >= 4) {
            return "promising";
        }
        if (recency == 3) {
            return "need_attention";
        }
        if (frequencyMonetary >= 3) {
            return "at_risk";
        }
        return recency == 2 ? "hibernating" : "lost";
    }

    /** Scores 1–5 as SQL's NTILE(5) over the customers ordered by the value, then by id. */
    static <T extends Comparable<T>> Map<String, Integer> quintiles(
            List<Customer> customers, Function<Customer, T> value) {
        List<Customer> sorted = new ArrayList<>(customers);
        sorted.sort(Comparator.comparing(value).thenComparing(Customer::id));
        Map<String, Integer> scores = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            scores.put(sorted.get(i).id(), ntile(i, sorted.size(), 5));
        }
        return scores;
    }

    /** The 1-based bucket of row {@code index} of {@code n} rows in {@code buckets}, the larger buckets first. */
    static int ntile(int index, int n, int buckets) {
        int size = n / buckets;
        int larger = n % buckets;
        int inLarger = larger * (size + 1);
        return index < inLarger ? index / (size + 1) + 1 : larger + (index - inLarger) / size + 1;
    }
}
