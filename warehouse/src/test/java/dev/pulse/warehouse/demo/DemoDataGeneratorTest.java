package dev.pulse.warehouse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The demo data is coherent, seasonal, regional, deterministic for a seed, and fits the event model. */
class DemoDataGeneratorTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final DemoDataGenerator.Plan PLAN = DemoDataGenerator.Plan.FULL.scaled(0.05);
    static final JsonMapper JSON = JsonMapper.builder().build();

    static Map<String, List<JsonNode>> lines = new TreeMap<>();
    static Map<String, Long> counts;
    static int largestBatch;
    static String digest;

    @BeforeAll
    static void generate() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        counts = new DemoDataGenerator(42, PLAN, TODAY, SHANGHAI, 1_000).run((stream, ndjson, rows) -> {
            sha.update(stream.getBytes(StandardCharsets.UTF_8));
            sha.update(ndjson);
            largestBatch = Math.max(largestBatch, rows);
            String[] text = new String(ndjson, StandardCharsets.UTF_8).split("\n");
            assertThat(text).hasSize(rows);
            for (String line : text) {
                lines.computeIfAbsent(stream, s -> new ArrayList<>()).add(JSON.readTree(line));
            }
        });
        digest = HexFormat.of().formatHex(sha.digest());
    }

    static String hash(long seed) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        new DemoDataGenerator(seed, DemoDataGenerator.Plan.FULL.scaled(0.01), TODAY, SHANGHAI, 1_000)
                .run((stream, ndjson, rows) -> {
                    sha.update(stream.getBytes(StandardCharsets.UTF_8));
                    sha.update(ndjson);
                });
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void producesThePlannedAmountsInBatches() {
        assertThat(counts).containsOnlyKeys("campaigns", "customers", "transactions", "survey-responses", "feedback");
        assertThat(counts.get("customers")).isEqualTo(2_500L);
        assertThat(counts.get("transactions")).isEqualTo(50_000L);
        assertThat(counts.get("campaigns")).isEqualTo(30L);
        assertThat(counts.get("survey-responses")).isBetween(13_500L, 15_500L);
        assertThat(counts.get("feedback")).isBetween(1_600L, 3_000L);
        lines.forEach(
                (stream, list) -> assertThat((long) list.size()).as(stream).isEqualTo(counts.get(stream)));
        assertThat(largestBatch).isEqualTo(1_000);
    }

    @Test
    void isDeterministicForASeed() throws Exception {
        assertThat(hash(7)).isEqualTo(hash(7));
        assertThat(hash(7)).isNotEqualTo(hash(8));
    }

    @Test
    void customersLiveInEveryRegionAndProvinceWithTheRightRegion() {
        Map<String, String> regionOf = new HashMap<>();
        Geography.PROVINCES.forEach(p -> regionOf.put(p.name(), p.region()));
        Set<String> regions = new HashSet<>();
        Set<String> provinces = new HashSet<>();
        for (JsonNode c : lines.get("customers")) {
            assertThat(regionOf.get(c.get("province").asString()))
                    .isEqualTo(c.get("region").asString());
            assertThat(c.get("customer_id").asString()).matches("C\\d{6}");
            regions.add(c.get("region").asString());
            provinces.add(c.get("province").asString());
        }
        assertThat(regions).containsExactlyInAnyOrderElementsOf(Geography.REGIONS);
        assertThat(provinces).hasSize(31);
        for (String stream : List.of("transactions", "survey-responses", "feedback")) {
            assertThat(lines.get(stream))
                    .extracting(n -> n.get("region").asString())
                    .as(stream)
                    .containsAll(Geography.REGIONS);
        }
    }

    @Test
    void everyTimestampLiesInTheEighteenMonthsBeforeToday() {
        Instant from = TODAY.minusMonths(18).atStartOfDay(SHANGHAI).toInstant();
        Instant to = TODAY.atStartOfDay(SHANGHAI).toInstant();
        for (String stream : List.of("transactions", "survey-responses", "feedback")) {
            for (JsonNode n : lines.get(stream)) {
                assertThat(Instant.parse(n.get("ts").asString())).as(stream).isBetween(from, to);
            }
        }
    }

    @Test
    void singlesDayOutsellsAnOrdinaryDaySeveralTimes() {
        Map<LocalDate, Integer> perDay = new HashMap<>();
        for (JsonNode t : lines.get("transactions")) {
            perDay.merge(LocalDate.ofInstant(Instant.parse(t.get("ts").asString()), SHANGHAI), 1, Integer::sum);
        }
        int ordinary = perDay.get(LocalDate.of(2026, 3, 10)); // a Tuesday without festival
        assertThat(perDay.get(LocalDate.of(2025, 11, 11))).isGreaterThan(4 * ordinary);
        assertThat(perDay.get(LocalDate.of(2026, 6, 18))).isGreaterThan(3 * ordinary);
        assertThat(perDay.get(LocalDate.of(2026, 2, 18))).isLessThan(ordinary); // Spring Festival
    }

    @Test
    void scoresDifferByRegionAndStayInRange() {
        Map<String, double[]> sums = new HashMap<>();
        for (JsonNode s : lines.get("survey-responses")) {
            int nps = s.get("nps_score").asInt();
            assertThat(nps).isBetween(0, 10);
            if (s.has("csat_score")) {
                assertThat(s.get("csat_score").asInt()).isBetween(1, 5);
            }
            if (s.has("ces_score")) {
                assertThat(s.get("ces_score").asInt()).isBetween(1, 7);
            }
            double[] sum = sums.computeIfAbsent(s.get("region").asString(), r -> new double[2]);
            sum[0] += nps;
            sum[1]++;
        }
        double east = sums.get("华东")[0] / sums.get("华东")[1];
        double northeast = sums.get("东北")[0] / sums.get("东北")[1];
        assertThat(east - northeast).isGreaterThan(1.0);
    }

    @Test
    void customersWhoStopBuyingRatedLowerBeforeTheyStopped() {
        Map<String, Instant> lastPurchase = new HashMap<>();
        for (JsonNode t : lines.get("transactions")) {
            lastPurchase.merge(
                    t.get("customer_id").asString(),
                    Instant.parse(t.get("ts").asString()),
                    (a, b) -> a.isAfter(b) ? a : b);
        }
        Instant recent = TODAY.minusDays(60).atStartOfDay(SHANGHAI).toInstant();
        double[] churned = new double[2];
        double[] staying = new double[2];
        for (JsonNode s : lines.get("survey-responses")) {
            Instant last = lastPurchase.get(s.get("customer_id").asString());
            Instant ts = Instant.parse(s.get("ts").asString());
            if (last == null) {
                continue; // asked for a relationship survey but never bought
            }
            double[] bucket = last.isBefore(recent) && ts.isAfter(last.minusSeconds(60L * 86_400))
                    ? churned
                    : last.isAfter(recent) ? staying : null;
            if (bucket != null) {
                bucket[0] += s.get("nps_score").asInt();
                bucket[1]++;
            }
        }
        assertThat(churned[1]).isGreaterThan(100);
        assertThat(staying[0] / staying[1] - churned[0] / churned[1]).isGreaterThan(1.5);
    }

    @Test
    void feedbackHasResponseTimesAndSomeBreachTheFourHourSla() {
        int breaches = 0;
        int answered = 0;
        Set<String> categories = new HashSet<>();
        for (JsonNode f : lines.get("feedback")) {
            Instant ts = Instant.parse(f.get("ts").asString());
            categories.add(f.get("category").asString());
            if (f.has("first_response_at")) {
                Instant first = Instant.parse(f.get("first_response_at").asString());
                assertThat(first).isAfterOrEqualTo(ts);
                answered++;
                if (first.isAfter(ts.plusSeconds(4 * 3_600))) {
                    breaches++;
                }
            }
            if (f.has("resolved_at")) {
                assertThat(Instant.parse(f.get("resolved_at").asString())).isAfterOrEqualTo(ts);
            }
        }
        assertThat(categories).containsExactlyInAnyOrder("complaint", "inquiry", "suggestion", "praise");
        assertThat((double) breaches / answered).isBetween(0.05, 0.4);
    }

    @Test
    void transactionsAreAttributedToCampaignsThatExist() {
        Set<String> campaigns = new HashSet<>();
        for (JsonNode c : lines.get("campaigns")) {
            assertThat(LocalDate.parse(c.get("end_date").asString()))
                    .isAfterOrEqualTo(LocalDate.parse(c.get("start_date").asString()));
            assertThat(c.get("cost").decimalValue()).isPositive();
            campaigns.add(c.get("campaign_id").asString());
        }
        long attributed = lines.get("transactions").stream()
                .filter(t -> t.has("campaign_id"))
                .peek(t -> assertThat(campaigns).contains(t.get("campaign_id").asString()))
                .count();
        assertThat(attributed).isGreaterThan(PLAN.transactions() / 20);
    }

    @Test
    void commentsComeInChineseAndEnglish() {
        List<String> comments = lines.get("survey-responses").stream()
                .filter(s -> s.has("comment"))
                .map(s -> s.get("comment").asString())
                .toList();
        assertThat(comments)
                .anyMatch(c ->
                        c.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN));
        assertThat(comments).anyMatch(c -> c.matches("[A-Za-z ,.!']+"));
    }
}
