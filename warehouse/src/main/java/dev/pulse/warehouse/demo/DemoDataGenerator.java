package dev.pulse.warehouse.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates a coherent, seeded demo dataset for the 18 months before a given day and hands it
 * over as NDJSON batches of the five ingestion streams.
 *
 * <p>Customers live in real provinces; they buy with the seasons (11.11, 618, Spring Festival) and
 * through campaigns; they answer surveys whose scores differ by region; a churning cohort rates
 * lower in the months before it stops buying; complaints get first responses that sometimes breach
 * the 4-hour SLA. The same seed, plan and day give byte-identical batches. Larger than most
 * classes because the streams refer to each other (transactions to customers and campaigns,
 * surveys and feedback to transactions) and are generated in one pass.
 */
final class DemoDataGenerator {

    static final int CHURN_WARNING_DAYS = 120;
    private static final double[] REGION_NPS = {7.9, 6.8, 8.3, 7.6, 8.1, 7.4, 7.0}; // order of Geography.REGIONS
    private static final double[] REGION_RESPONSE_MINUTES = {70, 120, 60, 80, 65, 90, 130};
    private static final String[] SEGMENTS = {"individual", "vip", "smb", "enterprise"};
    private static final double[] SEGMENT_WEIGHTS = {0.72, 0.12, 0.12, 0.04};
    private static final String[] FEEDBACK_CATEGORIES = {"complaint", "inquiry", "suggestion", "praise"};

    /** How many records of each stream to generate. */
    record Plan(int customers, int transactions, int surveyResponses, int feedback, int campaigns) {

        static final Plan FULL = new Plan(50_000, 1_000_000, 300_000, 40_000, 30);

        /** This plan times {@code factor}, at least one of each; campaigns are a calendar and do not scale. */
        Plan scaled(double factor) {
            return new Plan(
                    atLeastOne(customers * factor),
                    atLeastOne(transactions * factor),
                    atLeastOne(surveyResponses * factor),
                    atLeastOne(feedback * factor),
                    campaigns);
        }

        int total() {
            return customers + transactions + surveyResponses + feedback + campaigns;
        }

        private static int atLeastOne(double n) {
            return Math.max(1, (int) Math.round(n));
        }
    }

    /** Receives each batch: its stream (as in the API path), NDJSON bytes and number of lines. */
    @FunctionalInterface
    interface BatchSink {
        void write(String stream, byte[] ndjson, int rows);
    }

    private final long seed;
    private final Plan plan;
    private final ZoneId zone;
    private final LocalDate first;
    private final LocalDate today;
    private final Instant now;
    private final int batchSize;

    /**
     * @param seed the same seed gives the same data
     * @param plan how many records
     * @param today data ends the day before; nothing is later than the start of this day
     * @param zone the zone days are counted in ({@code pulse.timezone})
     * @param batchSize lines per batch
     */
    DemoDataGenerator(long seed, Plan plan, LocalDate today, ZoneId zone, int batchSize) {
        this.seed = seed;
        this.plan = plan;
        this.zone = zone;
        this.today = today;
        this.first = today.minusMonths(18);
        this.now = today.atStartOfDay(zone).toInstant();
        this.batchSize = batchSize;
    }

    /** Generates everything, handing batches to {@code sink} as they fill; returns the lines per stream. */
    Map<String, Long> run(BatchSink sink) {
        SplittableRandom random = new SplittableRandom(seed);
        Batches batches = new Batches(sink, batchSize);
        List<Campaign> campaigns = Campaigns.plan(plan.campaigns(), first, today, random.split());
        for (Campaign c : campaigns) {
            batches.line("campaigns")
                    .text("campaign_id", c.id())
                    .text("name", c.name())
                    .text("channel", c.channel())
                    .date("start_date", c.start())
                    .date("end_date", c.end())
                    .cents("cost", c.costCents())
                    .text("region", c.region())
                    .end();
        }
        Customers customers = customers(random.split(), batches);
        activity(random.split(), customers, campaigns, batches);
        batches.flushAll();
        return batches.counts();
    }

    /** Who the customers are: arrays indexed by customer number, for the later streams. */
    private record Customers(int[] region, int[] signupDay, int[] churnDay, int[] segment, double[] cumulativeWeight) {

        int size() {
            return region.length;
        }

        boolean activeOn(int customer, int day) {
            return signupDay[customer] <= day && day < churnDay[customer];
        }
    }

    private Customers customers(SplittableRandom random, Batches batches) {
        int n = plan.customers();
        double[] provinceWeights = Geography.PROVINCES.stream()
                .mapToDouble(Geography.Province::weight)
                .toArray();
        int[] region = new int[n];
        int[] signup = new int[n];
        int[] churn = new int[n];
        int[] segment = new int[n];
        double[] cumulative = new double[n];
        int firstDay = (int) first.toEpochDay();
        int lastDay = (int) today.toEpochDay() - 1;
        double total = 0;
        for (int i = 0; i < n; i++) {
            Geography.Province province = Geography.PROVINCES.get(DemoVocabulary.weighted(provinceWeights, random));
            region[i] = Geography.regionIndex(province.region());
            segment[i] = DemoVocabulary.weighted(SEGMENT_WEIGHTS, random);
            signup[i] = random.nextDouble() < 0.6
                    ? firstDay - 1 - random.nextInt(3 * 365)
                    : firstDay + (int) (Math.pow(random.nextDouble(), 1.3) * (lastDay - firstDay - 30));
            churn[i] = Integer.MAX_VALUE;
            int earliestChurn = Math.max(signup[i] + 60, firstDay + 150);
            if (random.nextDouble() < 0.15 && earliestChurn < lastDay - 14) {
                churn[i] = earliestChurn + random.nextInt(lastDay - 14 - earliestChurn);
            }
            double weight = Math.exp(random.nextGaussian() * 0.8) * (segment[i] == 1 ? 2.5 : 1.0);
            total += weight;
            cumulative[i] = total;
            String id = customerId(i);
            LocalDate signupDate = LocalDate.ofEpochDay(signup[i]);
            batches.line("customers")
                    .text("customer_id", id)
                    .time(
                            "updated_at",
                            signupDate.atTime(9, 0).atZone(zone).toInstant().plusSeconds(random.nextInt(43_200)))
                    .text(
                            "name",
                            DemoVocabulary.pick(DemoVocabulary.SURNAMES, random)
                                    + DemoVocabulary.pick(DemoVocabulary.GIVEN, random))
                    .text("region", province.region())
                    .text("province", province.name())
                    .text("city", DemoVocabulary.pick(province.cities(), random))
                    .text("segment", SEGMENTS[segment[i]])
                    .text("email", "customer" + (i + 1) + "@example.cn")
                    .text("phone", "1" + (30 + random.nextInt(60)) + id("", random.nextInt(100_000_000), 8))
                    .date("signup_date", signupDate)
                    .end();
        }
        return new Customers(region, signup, churn, segment, cumulative);
    }

    private void activity(SplittableRandom random, Customers customers, List<Campaign> campaigns, Batches batches) {
        int days = (int) (today.toEpochDay() - first.toEpochDay());
        double[] weights = new double[days];
        for (int d = 0; d < days; d++) {
            LocalDate day = first.plusDays(d);
            double campaignBoost = 1.0;
            for (Campaign c : campaigns) {
                if (c.activeOn(day)) {
                    campaignBoost += c.region() == null ? 0.12 : 0.03;
                }
            }
            weights[d] = Seasonality.weight(day) * campaignBoost * (1 + 0.3 * d / days);
        }
        int[] perDay = Apportion.exactly(plan.transactions(), weights);
        double surveyChance = 0.85 * plan.surveyResponses() / plan.transactions();
        double feedbackChance = (double) plan.feedback() / plan.transactions();
        int relationshipSurveys = plan.surveyResponses() - (int) Math.round(0.85 * plan.surveyResponses());
        double[] uniform = new double[days];
        Arrays.fill(uniform, 1.0);
        int[] relationshipPerDay = Apportion.exactly(relationshipSurveys, uniform);
        long transactionNumber = 0;
        long surveyNumber = 0;
        long feedbackNumber = 0;
        for (int d = 0; d < days; d++) {
            LocalDate day = first.plusDays(d);
            int epochDay = (int) day.toEpochDay();
            List<Campaign> active =
                    campaigns.stream().filter(c -> c.activeOn(day)).toList();
            for (int k = 0; k < perDay[d]; k++) {
                int customer = pickActive(customers, epochDay, random);
                Instant ts = timeOn(day, random);
                String regionName = Geography.REGIONS.get(customers.region()[customer]);
                String transactionId = id("T", ++transactionNumber, 8);
                int category = random.nextInt(DemoVocabulary.CATEGORIES.size());
                double amount = DemoVocabulary.TYPICAL_AMOUNT[category]
                        * Math.exp(random.nextGaussian() * 0.6)
                        * (customers.segment()[customer] >= 2 ? 3 : 1);
                long cents = Math.max(100, Math.round(amount * 100));
                if (random.nextDouble() < 0.02) {
                    cents = -cents; // a refund
                }
                String campaign = null;
                if (!active.isEmpty() && random.nextDouble() < 0.3) {
                    Campaign c = active.get(random.nextInt(active.size()));
                    campaign = c.region() == null || c.region().equals(regionName) ? c.id() : null;
                }
                batches.line("transactions")
                        .text("event_id", "demo-" + transactionId)
                        .text("transaction_id", transactionId)
                        .text("customer_id", customerId(customer))
                        .time("ts", ts)
                        .cents("amount", cents)
                        .text("currency", "CNY")
                        .text(
                                "channel",
                                DemoVocabulary.CHANNELS.get(
                                        DemoVocabulary.weighted(DemoVocabulary.CHANNEL_WEIGHTS, random)))
                        .text("product_category", DemoVocabulary.CATEGORIES.get(category))
                        .text("campaign_id", campaign)
                        .text("region", regionName)
                        .end();
                if (random.nextDouble() < surveyChance) {
                    Instant answered = ts.plusSeconds(3_600 + random.nextInt(72 * 3_600));
                    if (answered.isBefore(now)) {
                        survey(
                                batches,
                                random,
                                customers,
                                customer,
                                "S-POST-PURCHASE",
                                transactionId,
                                answered,
                                ++surveyNumber);
                    }
                }
                if (random.nextDouble() < feedbackChance * churnRisk(customers, customer, epochDay)) {
                    Instant raised = ts.plusSeconds(random.nextInt(10 * 86_400));
                    if (raised.isBefore(now)) {
                        feedback(batches, random, customers, customer, raised, ++feedbackNumber);
                    }
                }
            }
            for (int k = 0; k < relationshipPerDay[d]; k++) {
                int customer = pickActive(customers, epochDay, random);
                survey(
                        batches,
                        random,
                        customers,
                        customer,
                        "S-RELATIONSHIP",
                        null,
                        timeOn(day, random),
                        ++surveyNumber);
            }
        }
    }

    private void survey(
            Batches batches,
            SplittableRandom random,
            Customers customers,
            int customer,
            String surveyId,
            String transactionId,
            Instant ts,
            long number) {
        int region = customers.region()[customer];
        int day = (int) LocalDate.ofInstant(ts, zone).toEpochDay();
        double mean =
                REGION_NPS[region] + 0.3 * (day - first.toEpochDay()) / 548.0 - churnPenalty(customers, customer, day);
        int nps = clamp((int) Math.round(mean + random.nextGaussian() * 1.8), 0, 10);
        boolean english = random.nextDouble() < 0.12;
        JsonLine line = batches.line("survey-responses")
                .text("event_id", id("demo-S", number, 8))
                .text("survey_id", surveyId)
                .text("customer_id", customerId(customer))
                .text("transaction_id", transactionId)
                .time("ts", ts)
                .text("region", Geography.REGIONS.get(region))
                .text(
                        "channel",
                        DemoVocabulary.CHANNELS.get(DemoVocabulary.weighted(DemoVocabulary.CHANNEL_WEIGHTS, random)))
                .text("language", english ? "en" : "zh")
                .number("nps_score", nps);
        if (transactionId != null) {
            int csat = clamp((int) Math.round(1 + nps * 0.4 + random.nextGaussian() * 0.6), 1, 5);
            line.number("csat_score", csat);
            if (random.nextDouble() < 0.25) {
                line.number("ces_score", clamp((int) Math.round(2 + nps * 0.5 + random.nextGaussian() * 0.8), 1, 7));
            }
            line.raw(
                    "answers",
                    "{\"delivery\":" + clamp(csat + random.nextInt(3) - 1, 1, 5) + ",\"quality\":"
                            + clamp(csat + random.nextInt(3) - 1, 1, 5) + "}");
        }
        if (random.nextDouble() < 0.35) {
            line.text("comment", DemoVocabulary.comment(nps, english, random));
        }
        line.end();
    }

    private void feedback(
            Batches batches, SplittableRandom random, Customers customers, int customer, Instant ts, long number) {
        int region = customers.region()[customer];
        int day = (int) LocalDate.ofInstant(ts, zone).toEpochDay();
        double[] categoryWeights = churnPenalty(customers, customer, day) > 0
                ? new double[] {0.7, 0.15, 0.1, 0.05}
                : new double[] {0.45, 0.3, 0.15, 0.1};
        String category = FEEDBACK_CATEGORIES[DemoVocabulary.weighted(categoryWeights, random)];
        int severity =
                category.equals("complaint") ? 1 + DemoVocabulary.weighted(new double[] {0.3, 0.45, 0.25}, random) : 1;
        double medianMinutes = REGION_RESPONSE_MINUTES[region] * (severity == 3 ? 0.6 : 1.0);
        Instant firstResponse = ts.plusSeconds(Math.round(60 * medianMinutes * Math.exp(random.nextGaussian())));
        Instant resolved = category.equals("praise")
                ? firstResponse
                : firstResponse.plusSeconds(Math.round(3_600 * 20 * Math.exp(random.nextGaussian())));
        batches.line("feedback")
                .text("event_id", id("demo-F", number, 8))
                .text("feedback_id", id("F", number, 8))
                .text("customer_id", customerId(customer))
                .time("ts", ts)
                .text("region", Geography.REGIONS.get(region))
                .text(
                        "channel",
                        DemoVocabulary.CHANNELS.get(DemoVocabulary.weighted(DemoVocabulary.CHANNEL_WEIGHTS, random)))
                .text("category", category)
                .number("severity", severity)
                .time("first_response_at", firstResponse.isBefore(now) ? firstResponse : null)
                .time("resolved_at", resolved.isBefore(now) ? resolved : null)
                .text("text", DemoVocabulary.feedback(category, random))
                .end();
    }

    /** How much lower a customer rates because they are about to churn: up to 4.5 points in the last months. */
    static double churnPenalty(int churnDay, int day) {
        int left = churnDay - day;
        return left >= 0 && left <= CHURN_WARNING_DAYS ? 1.0 + 3.5 * (1.0 - (double) left / CHURN_WARNING_DAYS) : 0;
    }

    private static double churnPenalty(Customers customers, int customer, int day) {
        return churnPenalty(customers.churnDay()[customer], day);
    }

    private static double churnRisk(Customers customers, int customer, int day) {
        return churnPenalty(customers, customer, day) > 0 ? 3.0 : 1.0;
    }

    /** A customer who has signed up and not churned on {@code day}, heavy buyers more often. */
    private static int pickActive(Customers customers, int day, SplittableRandom random) {
        double[] cumulative = customers.cumulativeWeight();
        int candidate = 0;
        for (int attempt = 0; attempt < 50; attempt++) {
            double r = random.nextDouble() * cumulative[cumulative.length - 1];
            int i = Arrays.binarySearch(cumulative, r);
            candidate = Math.min(i < 0 ? -i - 1 : i, cumulative.length - 1);
            if (customers.activeOn(candidate, day)) {
                return candidate;
            }
        }
        return candidate;
    }

    /** A moment on {@code day} in the configured zone, mostly late morning and evening. */
    private Instant timeOn(LocalDate day, SplittableRandom random) {
        double[] hourWeights = {
            0.3, 0.15, 0.1, 0.05, 0.05, 0.1, 0.3, 0.6, 1, 1.3, 1.6, 1.6, 1.4, 1.2, 1.2, 1.2, 1.1, 1.1, 1.3, 1.7, 2.0,
            2.1, 1.6, 0.8
        };
        int hour = DemoVocabulary.weighted(hourWeights, random);
        return day.atTime(hour, random.nextInt(60), random.nextInt(60))
                .atZone(zone)
                .toInstant()
                .plusMillis(random.nextInt(1000));
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    static String customerId(int index) {
        return id("C", index + 1, 6);
    }

    /** One NDJSON buffer per stream, handed to the sink whenever it holds a batch. */
    private static final class Batches {

        private final BatchSink sink;
        private final int size;
        private final Map<String, StringBuilder> buffers = new LinkedHashMap<>();
        private final Map<String, Integer> pending = new LinkedHashMap<>();
        private final Map<String, Long> counts = new LinkedHashMap<>();

        Batches(BatchSink sink, int size) {
            this.sink = sink;
            this.size = size;
        }

        /** A new line of {@code stream}; the batch is handed over first if it is full. */
        JsonLine line(String stream) {
            int n = pending.getOrDefault(stream, 0);
            if (n >= size) {
                flush(stream);
                n = 0;
            }
            pending.put(stream, n + 1);
            counts.merge(stream, 1L, Long::sum);
            return new JsonLine(buffers.computeIfAbsent(stream, s -> new StringBuilder(size * 256))).begin();
        }

        void flushAll() {
            for (String stream : new ArrayList<>(buffers.keySet())) {
                flush(stream);
            }
        }

        private void flush(String stream) {
            int n = pending.getOrDefault(stream, 0);
            if (n == 0) {
                return;
            }
            StringBuilder buffer = buffers.get(stream);
            sink.write(stream, buffer.toString().getBytes(StandardCharsets.UTF_8), n);
            buffer.setLength(0);
            pending.put(stream, 0);
        }

        Map<String, Long> counts() {
            return Map.copyOf(counts);
        }
    }

    /** {@code prefix} and {@code number} padded with zeros to {@code width} digits; cheaper than String.format. */
    static String id(String prefix, long number, int width) {
        String digits = Long.toString(number);
        StringBuilder out = new StringBuilder(prefix.length() + Math.max(width, digits.length())).append(prefix);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits).toString();
    }
}
