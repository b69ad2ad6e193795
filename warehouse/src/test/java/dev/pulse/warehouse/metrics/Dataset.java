package dev.pulse.warehouse.metrics;

import dev.pulse.warehouse.ClickHouseEngine;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A seeded dataset generated in test code, written to the raw tables; the oracle computes the
 * expected metrics from the same rows. Times are spread over whole days, so a good share falls after
 * 16:00 UTC, the next day in Shanghai: a grain counted in UTC would show.
 */
record Dataset(
        List<Customer> customers,
        List<Tx> transactions,
        List<Survey> surveys,
        List<Feedback> feedback,
        List<Campaign> campaigns,
        List<Invitation> invitations) {

    static final List<String> REGIONS = List.of("华北", "东北", "华东", "华中", "华南", "西南", "西北");
    static final List<String> CHANNELS = List.of("app", "web", "store", "wechat", "phone");
    static final List<String> CATEGORIES = List.of("家电", "数码", "服饰", "食品", "美妆");
    static final List<String> SEGMENTS = List.of("大客户", "中小企业", "个人");
    static final List<String> FEEDBACK = List.of("complaint", "suggestion", "inquiry", "praise");
    static final List<String> THEMES = List.of("delivery", "service_attitude", "price", "quality", "refund", "app");
    static final Instant START = Instant.parse("2025-06-30T16:00:00Z");
    static final Instant END = Instant.parse("2026-03-31T16:00:00Z");

    /**
     * A customer with a home region; its facts are all in that region. {@code signup} may be null
     * (unknown), and may fall after some of the customer's purchases, as real data does.
     */
    record Customer(String id, String region, String province, String city, String segment, LocalDate signup) {

        /** The stored name: Chinese, so that exports show whether it survives. */
        String name() {
            return "客户" + id;
        }
    }

    /** A transaction, possibly carrying a campaign id. */
    record Tx(
            String eventId,
            String customerId,
            Instant ts,
            BigDecimal amount,
            String channel,
            String category,
            String campaignId,
            String region) {}

    /** A survey response; each score may be missing; the themes as ingestion would have found them in the comment. */
    record Survey(
            String eventId,
            String surveyId,
            String customerId,
            Instant ts,
            String region,
            String channel,
            Integer nps,
            Integer csat,
            Integer ces,
            String comment,
            List<String> themes) {}

    /** A feedback item, possibly answered and resolved, with the themes of its text. */
    record Feedback(
            String eventId,
            String customerId,
            Instant ts,
            String region,
            String channel,
            String category,
            Instant firstResponse,
            Instant resolved,
            List<String> themes) {}

    /** A campaign; an empty region means national. */
    record Campaign(String id, String channel, LocalDate start, LocalDate end, BigDecimal cost, String region) {}

    /**
     * One invitation event; every event of an invitation carries the invitation's time, channel and region.
     * {@code status} is sent, skipped or answered.
     */
    record Invitation(
            String eventId,
            String invitationId,
            String surveyId,
            String customerId,
            Instant ts,
            String region,
            String channel,
            String status) {}

    static Dataset generate(long seed) {
        Random r = new Random(seed);
        // themes and comments draw from their own sequence, and signup dates from another, so that the other rows
        // stay as they were before either
        Random words = new Random(seed + 1);
        Random signups = new Random(seed + 2);
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < 420; i++) {
            String region = REGIONS.get(i % REGIONS.size());
            int province = r.nextInt(2);
            LocalDate signup =
                    signups.nextInt(10) == 0 ? null : LocalDate.of(2025, 6, 1).plusDays(signups.nextInt(273));
            customers.add(new Customer(
                    "c" + i,
                    region,
                    region + "省" + province,
                    region + "省" + province + "市" + r.nextInt(2),
                    pick(r, SEGMENTS),
                    signup));
        }
        List<Campaign> campaigns = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            // the last ones are national: every region sees them
            String region = i < 21 ? REGIONS.get(i % REGIONS.size()) : "";
            LocalDate start = LocalDate.of(2025, 8, 1).plusDays(r.nextInt(200));
            campaigns.add(new Campaign(
                    "k" + i,
                    pick(r, CHANNELS),
                    start,
                    start.plusDays(5 + r.nextInt(30)),
                    money(r, 500, 20000),
                    region));
        }
        List<Tx> transactions = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            Customer c = customers.get((int) Math.floor(Math.pow(r.nextDouble(), 1.6) * customers.size()));
            Instant ts = instant(r);
            String campaign = "";
            if (r.nextInt(3) == 0) {
                Campaign k = campaigns.get(r.nextInt(campaigns.size()));
                campaign = k.id();
            }
            transactions.add(new Tx(
                    "t" + i,
                    c.id(),
                    ts,
                    money(r, 5, 2000),
                    pick(r, CHANNELS),
                    pick(r, CATEGORIES),
                    campaign,
                    c.region()));
        }
        List<Survey> surveys = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            Customer c = customers.get(r.nextInt(customers.size()));
            surveys.add(new Survey(
                    "s" + i,
                    "survey" + r.nextInt(3),
                    c.id(),
                    instant(r),
                    c.region(),
                    pick(r, CHANNELS),
                    r.nextInt(10) == 0 ? null : Math.min(10, r.nextInt(9) + r.nextInt(4)),
                    r.nextInt(5) == 0 ? null : 1 + r.nextInt(5),
                    r.nextInt(3) == 0 ? null : 1 + r.nextInt(7),
                    comment(words, i),
                    themes(words)));
        }
        List<Feedback> feedback = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            Customer c = customers.get(r.nextInt(customers.size()));
            Instant ts = instant(r);
            Instant first = r.nextInt(6) == 0 ? null : ts.plusSeconds(30 + r.nextInt(8 * 3600));
            Instant resolved = first == null || r.nextInt(3) == 0 ? null : first.plusSeconds(r.nextInt(72 * 3600));
            feedback.add(new Feedback(
                    "f" + i,
                    c.id(),
                    ts,
                    c.region(),
                    pick(r, CHANNELS),
                    pick(r, FEEDBACK),
                    first,
                    resolved,
                    themes(words)));
        }
        List<Invitation> invitations = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Customer c = customers.get(r.nextInt(customers.size()));
            Instant ts = instant(r);
            String survey = "survey" + r.nextInt(3);
            String channel = pick(r, CHANNELS);
            if (r.nextInt(8) == 0) {
                invitations.add(new Invitation(
                        "i" + i + "/skipped", "i" + i, survey, c.id(), ts, c.region(), channel, "skipped"));
                continue;
            }
            invitations.add(
                    new Invitation("i" + i + "/sent", "i" + i, survey, c.id(), ts, c.region(), channel, "sent"));
            if (r.nextInt(3) == 0) {
                invitations.add(new Invitation(
                        "i" + i + "/answered", "i" + i, survey, c.id(), ts, c.region(), channel, "answered"));
            }
        }
        return new Dataset(customers, transactions, surveys, feedback, campaigns, invitations);
    }

    /** The rows a caller limited to {@code region} may see: its own, and national campaigns. */
    Dataset in(String region) {
        Predicate<String> mine = region::equals;
        return new Dataset(
                customers.stream().filter(c -> mine.test(c.region())).toList(),
                transactions.stream().filter(t -> mine.test(t.region())).toList(),
                surveys.stream().filter(s -> mine.test(s.region())).toList(),
                feedback.stream().filter(f -> mine.test(f.region())).toList(),
                campaigns.stream()
                        .filter(k -> mine.test(k.region()) || k.region().isEmpty())
                        .toList(),
                invitations.stream().filter(i -> mine.test(i.region())).toList());
    }

    Customer customer(String id) {
        return customers.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    void writeTo(ClickHouseEngine engine) {
        for (String table : List.of(
                "customers_raw",
                "transactions_raw",
                "survey_responses_raw",
                "feedback_raw",
                "campaigns_raw",
                "survey_invitations_raw")) {
            engine.execute("TRUNCATE TABLE " + table);
        }
        StringBuilder b = new StringBuilder();
        customers.forEach(c -> b.append(json(
                "customer_id",
                c.id(),
                "updated_at",
                time(START),
                "name",
                c.name(),
                "region",
                c.region(),
                "province",
                c.province(),
                "city",
                c.city(),
                "segment",
                c.segment(),
                "email",
                "",
                "phone",
                "",
                "signup_date",
                c.signup() == null ? null : c.signup().toString())));
        insert(engine, "customers_raw", b);
        transactions.forEach(t -> b.append(json(
                "event_id",
                t.eventId(),
                "transaction_id",
                t.eventId(),
                "customer_id",
                t.customerId(),
                "ts",
                time(t.ts()),
                "amount",
                t.amount().toPlainString(),
                "currency",
                "CNY",
                "channel",
                t.channel(),
                "product_category",
                t.category(),
                "campaign_id",
                t.campaignId(),
                "region",
                t.region())));
        insert(engine, "transactions_raw", b);
        surveys.forEach(s -> b.append(json(
                "event_id",
                s.eventId(),
                "survey_id",
                s.surveyId(),
                "customer_id",
                s.customerId(),
                "transaction_id",
                "",
                "ts",
                time(s.ts()),
                "region",
                s.region(),
                "channel",
                s.channel(),
                "language",
                "zh",
                "nps_score",
                s.nps(),
                "csat_score",
                s.csat(),
                "ces_score",
                s.ces(),
                "comment",
                s.comment(),
                "answers",
                "{}",
                "themes",
                s.themes())));
        insert(engine, "survey_responses_raw", b);
        feedback.forEach(f -> b.append(json(
                "event_id",
                f.eventId(),
                "feedback_id",
                f.eventId(),
                "customer_id",
                f.customerId(),
                "ts",
                time(f.ts()),
                "region",
                f.region(),
                "channel",
                f.channel(),
                "category",
                f.category(),
                "severity",
                null,
                "first_response_at",
                time(f.firstResponse()),
                "resolved_at",
                time(f.resolved()),
                "text",
                "",
                "themes",
                f.themes())));
        insert(engine, "feedback_raw", b);
        campaigns.forEach(k -> b.append(json(
                "campaign_id",
                k.id(),
                "name",
                k.id(),
                "channel",
                k.channel(),
                "start_date",
                k.start().toString(),
                "end_date",
                k.end().toString(),
                "cost",
                k.cost().toPlainString(),
                "region",
                k.region(),
                "_hash",
                0)));
        insert(engine, "campaigns_raw", b);
        // every event twice: the view must show each event_id once
        for (int copy = 0; copy < 2; copy++) {
            invitations.forEach(i -> b.append(json(
                    "event_id",
                    i.eventId(),
                    "invitation_id",
                    i.invitationId(),
                    "survey_id",
                    i.surveyId(),
                    "customer_id",
                    i.customerId(),
                    "ts",
                    time(i.ts()),
                    "region",
                    i.region(),
                    "channel",
                    i.channel(),
                    "status",
                    i.status(),
                    "reason",
                    i.status().equals("skipped") ? "FATIGUE" : "")));
        }
        insert(engine, "survey_invitations_raw", b);
    }

    private static void insert(ClickHouseEngine engine, String table, StringBuilder rows) {
        engine.insert(
                table,
                ClickHouseEngine.InputFormat.JSON_EACH_ROW,
                rows.toString().getBytes(StandardCharsets.UTF_8));
        rows.setLength(0);
    }

    private static String json(Object... pairs) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(pairs[i]).append("\":");
            Object v = pairs[i + 1];
            b.append(
                    v == null
                            ? "null"
                            : v instanceof Number
                                    ? v.toString()
                                    : v instanceof List<?> list
                                            ? list.stream()
                                                    .map(x -> "\"" + x + "\"")
                                                    .collect(Collectors.joining(",", "[", "]"))
                                            : "\"" + v + "\"");
        }
        return b.append("}\n").toString();
    }

    private static String time(Instant t) {
        return t == null
                ? null
                : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                        .withZone(ZoneOffset.UTC)
                        .format(t);
    }

    private static Instant instant(Random r) {
        long span = Duration.between(START, END).toMillis();
        return START.plusMillis((long) (r.nextDouble() * span));
    }

    /** Up to three distinct themes in list order; a third of the rows have none. */
    private static List<String> themes(Random r) {
        return THEMES.stream().filter(t -> r.nextInt(6) == 0).limit(3).toList();
    }

    /** Empty for one response in three; otherwise a comment whose text and order of arrival tests can recognise. */
    private static String comment(Random r, int i) {
        return r.nextInt(3) == 0 ? "" : "评论 " + i;
    }

    private static BigDecimal money(Random r, int min, int max) {
        return BigDecimal.valueOf(min * 100L + r.nextInt((max - min) * 100), 2);
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }
}
