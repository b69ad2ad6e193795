package dev.pulse.warehouse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFM buckets behave as SQL's NTILE(5), and scores map to the documented segments. */
class RfmTest {

    @ParameterizedTest(name = "{0} rows: {1}")
    @CsvSource({"5, 1 2 3 4 5", "7, 1 1 2 2 3 4 5", "12, 1 1 1 2 2 2 3 3 4 4 5 5", "3, 1 2 3"})
    void bucketsLikeNtile(int n, String expected) {
        String buckets = String.join(
                " ",
                IntStream.range(0, n)
                        .mapToObj(i -> String.valueOf(Rfm.ntile(i, n, 5)))
                        .toList());
        assertThat(buckets).isEqualTo(expected);
    }

    @ParameterizedTest(name = "R{0} FM{1} -> {2}")
    @CsvSource({
        "5, 5, champions",
        "4, 4, champions",
        "3, 5, loyal",
        "5, 3, loyal",
        "5, 1, promising",
        "3, 2, need_attention",
        "2, 5, at_risk",
        "1, 3, at_risk",
        "2, 2, hibernating",
        "1, 2, lost",
        "1, 1, lost"
    })
    void segments(int recency, int frequencyMonetary, String segment) {
        assertThat(Rfm.segment(recency, frequencyMonetary)).isEqualTo(segment);
    }

    @Test
    void quintilesAreTakenWithinEachRegion() {
        List<Rfm.Customer> customers = List.of(
                customer("a", "华东", 1, 1, "10"), customer("b", "华东", 9, 9, "900"), customer("c", "华南", 1, 1, "10"));
        // alone in its region, c is in the first bucket of everything: lost, whatever the other regions do;
        // two customers fill buckets 1 and 2 only, as NTILE(5) would
        assertThat(Rfm.segments(customers))
                .containsEntry("c", "lost")
                .containsEntry("a", "lost")
                .containsEntry("b", "hibernating");
    }

    private static Rfm.Customer customer(String id, String region, int day, long frequency, String monetary) {
        return new Rfm.Customer(
                id,
                region,
                "",
                "",
                "",
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(day * 86400L),
                frequency,
                new BigDecimal(monetary));
    }
}
