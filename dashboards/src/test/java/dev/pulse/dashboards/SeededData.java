package dev.pulse.dashboards;

import dev.pulse.warehouse.Ingestion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.WeakHashMap;

/**
 * A small, fixed dataset for the dashboard tests, ingested through {@link Ingestion}: customers in
 * four regions with segments, Chinese names and signup dates, 300 days of transactions (some from campaigns), survey responses whose
 * scores differ by region, feedback and campaigns. Ids carry the day of the run, so a second run on
 * the same day stores nothing twice and the numbers stay put.
 */
public final class SeededData {

    static final List<String> REGIONS = List.of("华东", "华南", "华北", "西南");
    static final List<String> SEGMENTS = List.of("大客户", "中小企业", "个人");
    static final List<String> CHANNELS = List.of("app", "web", "门店", "微信");
    static final List<String> CATEGORIES = List.of("complaint", "suggestion", "inquiry", "praise");

    static final int CAMPAIGNS = 10;
    static final int CAMPAIGN_DAYS = 24;
    static final int FIRST_CAMPAIGN_DAYS_AGO = 240;

    private SeededData() {}

    private static LocalDate campaignStart(LocalDate today, int k) {
        return today.minusDays(FIRST_CAMPAIGN_DAYS_AGO - (long) CAMPAIGN_DAYS * k);
    }

    /**
     * Seeds the dataset for days up to yesterday in {@code zone}; returns the id prefix used. The same day's dataset
     * is sent once per application (the ITs share a context; sent again, every row would be a duplicate anyway).
     */
    public static String seed(Ingestion ingestion, ZoneId zone) {
        LocalDate today = LocalDate.now(zone);
        String p = "uj" + today.format(DateTimeFormatter.BASIC_ISO_DATE);
        synchronized (SEEDED) {
            if (p.equals(SEEDED.get(ingestion))) {
                return p;
            }
            send(ingestion, today, p);
            SEEDED.put(ingestion, p);
        }
        return p;
    }

    /** The prefix each application (by its ingestion) was last seeded with. */
    private static final Map<Ingestion, String> SEEDED = new WeakHashMap<>();

    private static void send(Ingestion ingestion, LocalDate today, String p) {
        SplittableRandom random = new SplittableRandom(20261123);
        int customers = 160;
        StringBuilder c = new StringBuilder();
        for (int i = 0; i < customers; i++) {
            // those who keep buying signed up over the last ten months, every third day: cohorts for any range
            LocalDate signup = i < customers * 2 / 3
                    ? today.minusDays(2 + (customers * 2 / 3 - 1 - i) * 3L)
                    : today.minusDays(400 - i);
            c.append(String.format(
                    "{\"customer_id\":\"%s-c%d\",\"updated_at\":\"%sT00:00:00Z\",\"name\":\"%s\",\"region\":\"%s\",\"province\":\"%s\",\"city\":\"%s\",\"segment\":\"%s\",\"signup_date\":\"%s\"}%n",
                    p,
                    i,
                    today.minusDays(400),
                    name(i),
                    REGIONS.get(i % 4),
                    province(i % 4, i),
                    city(i % 4, i),
                    SEGMENTS.get(i % 3),
                    signup));
        }
        ingest(ingestion, "customers", c);
        StringBuilder cam = new StringBuilder();
        for (int k = 0; k < CAMPAIGNS; k++) {
            cam.append(String.format(
                    "{\"campaign_id\":\"%s-k%d\",\"name\":\"活动 %d\",\"channel\":\"%s\",\"start_date\":\"%s\",\"end_date\":\"%s\",\"cost\":%d,\"region\":\"%s\"}%n",
                    p,
                    k,
                    k,
                    CHANNELS.get(k % 4),
                    campaignStart(today, k),
                    campaignStart(today, k).plusDays(CAMPAIGN_DAYS - 1),
                    5000 + 1000 * k,
                    REGIONS.get(k % 4)));
        }
        ingest(ingestion, "campaigns", cam);
        StringBuilder t = new StringBuilder();
        StringBuilder s = new StringBuilder();
        StringBuilder f = new StringBuilder();
        int n = 0;
        for (int day = 300; day >= 1; day--) {
            LocalDate date = today.minusDays(day);
            for (int j = 0; j < 8; j++, n++) {
                // a third of the customers stop buying 120 days ago: churn has something to find
                int customer = day < 120 ? random.nextInt(customers * 2 / 3) : random.nextInt(customers);
                // the first sale of a day is attributed to the campaign running then, by a customer of its region
                int k = (FIRST_CAMPAIGN_DAYS_AGO - day) / CAMPAIGN_DAYS;
                boolean attributed = j == 0 && day <= FIRST_CAMPAIGN_DAYS_AGO && k < CAMPAIGNS;
                if (attributed) {
                    customer = 4 * random.nextInt(customers / 4 * 2 / 3) + k % 4;
                }
                int region = customer % 4;
                String ts = date + "T0" + (1 + j) + ":00:00Z";
                String campaign = attributed ? ",\"campaign_id\":\"" + p + "-k" + k + "\"" : "";
                t.append(String.format(
                        "{\"event_id\":\"%s-t%d\",\"transaction_id\":\"%s-t%d\",\"customer_id\":\"%s-c%d\",\"ts\":\"%s\",\"amount\":%d.%02d,\"channel\":\"%s\",\"region\":\"%s\"%s}%n",
                        p,
                        n,
                        p,
                        n,
                        p,
                        customer,
                        ts,
                        50 + random.nextInt(900) + 100 * region,
                        random.nextInt(100),
                        CHANNELS.get(random.nextInt(4)),
                        REGIONS.get(region),
                        campaign));
                if (j < 3) {
                    int nps = Math.min(10, Math.max(0, 6 + region - random.nextInt(5) + random.nextInt(5)));
                    s.append(String.format(
                            "{\"event_id\":\"%s-s%d\",\"survey_id\":\"nps-main\",\"customer_id\":\"%s-c%d\",\"ts\":\"%s\",\"region\":\"%s\",\"channel\":\"%s\",\"nps_score\":%d,\"csat_score\":%d,\"ces_score\":%d,\"comment\":\"服务很好 %d\"}%n",
                            p,
                            n,
                            p,
                            customer,
                            ts,
                            REGIONS.get(region),
                            CHANNELS.get(random.nextInt(4)),
                            nps,
                            1 + random.nextInt(5),
                            1 + random.nextInt(7),
                            n));
                }
                if (j == 0) {
                    f.append(String.format(
                            "{\"event_id\":\"%s-f%d\",\"feedback_id\":\"%s-f%d\",\"customer_id\":\"%s-c%d\",\"ts\":\"%s\",\"region\":\"%s\",\"channel\":\"app\",\"category\":\"%s\",\"severity\":2,\"first_response_at\":\"%s\",\"resolved_at\":\"%s\",\"text\":\"=HYPERLINK(\\\"x\\\") 配送太慢\"}%n",
                            p,
                            n,
                            p,
                            n,
                            p,
                            customer,
                            ts,
                            REGIONS.get(region),
                            CATEGORIES.get(random.nextInt(4)),
                            date + "T0" + (1 + j) + ":30:00Z",
                            date + "T0" + (5 + j) + ":00:00Z"));
                }
            }
        }
        ingest(ingestion, "transactions", t);
        ingest(ingestion, "survey-responses", s);
        ingest(ingestion, "feedback", f);
    }

    /** A Chinese name; in every region every other one starts like a spreadsheet formula, which exports must neutralise. */
    public static String name(int i) {
        return (i / 4 % 2 == 0 ? "张" : "@李") + "客户" + i;
    }

    private static String province(int region, int i) {
        return switch (region) {
            case 0 -> i / 4 % 2 == 0 ? "上海" : "浙江";
            case 1 -> "广东";
            case 2 -> i / 4 % 2 == 0 ? "北京" : "河北";
            default -> "四川";
        };
    }

    private static String city(int region, int i) {
        return switch (region) {
            case 0 -> i / 4 % 2 == 0 ? "上海" : (i % 3 == 0 ? "杭州" : "宁波");
            case 1 -> i % 3 == 0 ? "广州" : "深圳";
            case 2 -> i / 4 % 2 == 0 ? "北京" : "石家庄";
            default -> "成都";
        };
    }

    private static void ingest(Ingestion ingestion, String stream, StringBuilder body) {
        Ingestion.IngestResult result = ingestion.ingest(
                stream,
                new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8)),
                Ingestion.BodyFormat.NDJSON,
                true);
        if (!result.rejected().isEmpty()) {
            throw new IllegalStateException(stream + " rejected: "
                    + result.rejected().subList(0, Math.min(3, result.rejected().size())));
        }
    }
}
