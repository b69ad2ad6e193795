package dev.pulse.reporting;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.ClickHouseEngine.InputFormat;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small, deterministic warehouse for report tests: three regions with customers, five months of
 * transactions, surveys, complaints and one campaign each. Keys are fixed, so loading twice stores nothing twice.
 */
public final class SeedData {

    /** Regions and their provinces. */
    public static final Map<String, List<String>> REGIONS = Map.of(
            "华东", List.of("上海", "浙江", "江苏"),
            "西南", List.of("四川", "重庆"),
            "华北", List.of("北京", "河北"));

    private static final List<String> CHANNELS = List.of("app", "web", "门店");
    private static volatile boolean loaded;

    private SeedData() {}

    /** Loads the data once per JVM. */
    public static synchronized void load(ClickHouseEngine engine) {
        if (loaded) {
            return;
        }
        List<String> customers = new ArrayList<>();
        List<String> transactions = new ArrayList<>();
        List<String> surveys = new ArrayList<>();
        List<String> feedback = new ArrayList<>();
        List<String> campaigns = new ArrayList<>();
        int regionIndex = 0;
        for (String region : List.of("华东", "西南", "华北")) {
            Random random = new Random(42 + regionIndex);
            List<String> provinces = REGIONS.get(region);
            String campaign = "cmp-" + regionIndex;
            campaigns.add(json(
                    "campaign_id",
                    campaign,
                    "name",
                    region + " 618 预热",
                    "channel",
                    "app",
                    "start_date",
                    "2026-05-05",
                    "end_date",
                    "2026-05-20",
                    "cost",
                    20000 + 5000 * regionIndex,
                    "region",
                    region));
            for (int c = 0; c < 40; c++) {
                String customer = "c-" + regionIndex + "-" + c;
                String province = provinces.get(c % provinces.size());
                customers.add(json(
                        "customer_id",
                        customer,
                        "updated_at",
                        "2026-01-01 00:00:00.000",
                        "name",
                        "客户" + c,
                        "region",
                        region,
                        "province",
                        province,
                        "city",
                        province,
                        "segment",
                        c % 2 == 0 ? "大众" : "高端",
                        "email",
                        customer + "@example.com",
                        "phone",
                        "",
                        "signup_date",
                        "2025-06-01"));
                for (int month = 1; month <= 5; month++) {
                    // customers 30-39 stop buying after March, so churn is not zero
                    if (c >= 30 && month > 3) {
                        continue;
                    }
                    int orders = 1 + random.nextInt(2);
                    for (int o = 0; o < orders; o++) {
                        LocalDate day = LocalDate.of(2026, month, 3 + random.nextInt(20));
                        String id = "t-" + regionIndex + "-" + c + "-" + month + "-" + o;
                        transactions.add(json(
                                "event_id",
                                id,
                                "transaction_id",
                                id,
                                "customer_id",
                                customer,
                                "ts",
                                noon(day),
                                "amount",
                                100 + random.nextInt(9000) + 0.5,
                                "currency",
                                "CNY",
                                "channel",
                                CHANNELS.get(random.nextInt(CHANNELS.size())),
                                "product_category",
                                "家电",
                                "campaign_id",
                                month == 5 && o == 0 && c % 3 == 0 ? campaign : "",
                                "region",
                                region));
                    }
                    if (month >= 3) {
                        LocalDate day = LocalDate.of(2026, month, 10 + random.nextInt(10));
                        int nps = Math.min(
                                10, random.nextInt(11) + regionIndex - (month == 5 && regionIndex == 1 ? 2 : 0) + 1);
                        surveys.add(json(
                                "event_id",
                                "s-" + regionIndex + "-" + c + "-" + month,
                                "survey_id",
                                "post-purchase",
                                "customer_id",
                                customer,
                                "transaction_id",
                                "",
                                "ts",
                                noon(day),
                                "region",
                                region,
                                "channel",
                                "app",
                                "language",
                                "zh",
                                "nps_score",
                                Math.max(0, nps),
                                "csat_score",
                                1 + random.nextInt(5),
                                "ces_score",
                                1 + random.nextInt(7),
                                "comment",
                                "配送很快",
                                "answers",
                                "{}"));
                    }
                    if (random.nextInt(4) == 0) {
                        LocalDate day = LocalDate.of(2026, month, 5 + random.nextInt(15));
                        String id = "f-" + regionIndex + "-" + c + "-" + month;
                        int responseHours = 1 + random.nextInt(8);
                        feedback.add(json(
                                "event_id",
                                id,
                                "feedback_id",
                                id,
                                "customer_id",
                                customer,
                                "ts",
                                noon(day),
                                "region",
                                region,
                                "channel",
                                random.nextBoolean() ? "电话" : "app",
                                "category",
                                "complaint",
                                "severity",
                                2,
                                "first_response_at",
                                noon(day).replace("04:00", String.format("%02d:00", 4 + responseHours)),
                                "resolved_at",
                                null,
                                "text",
                                "<b>送货太慢</b>"));
                    }
                }
            }
            regionIndex++;
        }
        insert(engine, "customers_raw", customers);
        insert(engine, "transactions_raw", transactions);
        insert(engine, "survey_responses_raw", surveys);
        insert(engine, "feedback_raw", feedback);
        insert(engine, "campaigns_raw", campaigns);
        loaded = true;
    }

    private static String noon(LocalDate day) {
        // 04:00 UTC is noon in Asia/Shanghai: far from any day boundary in either zone
        return day.atTime(4, 0)
                        .atOffset(ZoneOffset.UTC)
                        .toLocalDateTime()
                        .toString()
                        .replace('T', ' ') + ":00.000";
    }

    private static void insert(ClickHouseEngine engine, String table, List<String> rows) {
        engine.insert(table, InputFormat.JSON_EACH_ROW, String.join("\n", rows).getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Object... keysAndValues) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(keysAndValues[i]).append("\":");
            Object value = keysAndValues[i + 1];
            if (value == null || value instanceof Number) {
                out.append(value);
            } else {
                out.append('"')
                        .append(value.toString().replace("\\", "\\\\").replace("\"", "\\\""))
                        .append('"');
            }
        }
        return out.append('}').toString();
    }
}
