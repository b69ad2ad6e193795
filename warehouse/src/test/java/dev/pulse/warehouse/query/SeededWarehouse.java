package dev.pulse.warehouse.query;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.ClickHouseEngine.InputFormat;
import dev.pulse.warehouse.WarehouseSettings;
import dev.pulse.warehouse.engine.EmbeddedEngine;
import dev.pulse.warehouse.schema.SchemaMigrator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A small dataset in every region, written to the raw tables of an embedded engine, the same rows
 * in Java as the oracle the tests compare against, and the query layer over that engine.
 *
 * <p>Per region: customers 0..3 live there; customer 0 buys twice at home, customer 1 only in the
 * next region, customer 2 once at home and once in the next region, customer 3 never; so a
 * subquery that escaped its region filter would change the answer.
 */
final class SeededWarehouse implements AutoCloseable {

    /** The data dir every engine of the failsafe JVM uses (see EmbeddedEngineIT). */
    static final Path DATA = Path.of("target", "engine-it").toAbsolutePath();
    static final String DATABASE = "pulse_query_it";
    static final List<String> REGIONS = List.of("华北", "东北", "华东", "华中", "华南", "西南", "西北");

    record Customer(String id, String region) {}

    record Transaction(String eventId, String customerId, String region, BigDecimal amount, Instant ts) {}

    record Feedback(String eventId, String region) {}

    record Campaign(String id, String region) {}

    final List<Customer> customers = new ArrayList<>();
    final List<Transaction> transactions = new ArrayList<>();
    final List<Feedback> feedback = new ArrayList<>();
    final List<Campaign> campaigns = new ArrayList<>();
    final ClickHouseEngine engine;
    final CalciteSqlCompiler compiler = new CalciteSqlCompiler(DATABASE, ZoneId.of("Asia/Shanghai"), 100);
    final AnalystSql analystSql;

    SeededWarehouse() {
        for (int r = 0; r < REGIONS.size(); r++) {
            String home = REGIONS.get(r);
            String next = REGIONS.get((r + 1) % REGIONS.size());
            for (int i = 0; i < 4; i++) {
                customers.add(new Customer("c-" + r + "-" + i, home));
            }
            tx("t-" + r + "-0a", "c-" + r + "-0", home, "10.50", "2026-01-31T15:59:59Z");
            tx("t-" + r + "-0b", "c-" + r + "-0", home, "20.00", "2026-01-31T16:00:00Z");
            tx("t-" + r + "-1", "c-" + r + "-1", next, "7.25", "2026-02-10T08:00:00Z");
            tx("t-" + r + "-2a", "c-" + r + "-2", home, String.valueOf(r + 1), "2026-03-01T00:00:00Z");
            tx("t-" + r + "-2b", "c-" + r + "-2", next, "3.00", "2026-03-02T00:00:00Z");
            for (int i = 0; i <= r; i++) {
                feedback.add(new Feedback("f-" + r + "-" + i, home));
            }
            campaigns.add(new Campaign("camp-" + r, home));
        }
        campaigns.add(new Campaign("camp-national", ""));
        engine = new EmbeddedEngine(new WarehouseSettings(WarehouseSettings.Mode.EMBEDDED, DATA, null, null,
                "default", "", DATABASE, 4, 2_000_000_000L, Duration.ofSeconds(30)));
        analystSql = new AnalystSql(compiler, engine, QuerySettings.defaults());
        new SchemaMigrator(engine, "db/clickhouse").migrate();
        for (String table : List.of("customers_raw", "transactions_raw", "feedback_raw", "campaigns_raw", "survey_responses_raw")) {
            engine.execute("TRUNCATE TABLE " + table);
        }
        insert("customers_raw", customers.stream().map(c -> """
                {"customer_id":"%s","updated_at":"2026-01-01 00:00:00","name":"n","region":"%s"}"""
                .formatted(c.id(), c.region())));
        insert("transactions_raw", transactions.stream().map(t -> """
                {"event_id":"%s","transaction_id":"%s","customer_id":"%s","ts":"%s","amount":"%s","region":"%s"}"""
                .formatted(t.eventId(), t.eventId(), t.customerId(), t.ts().toString().replace("T", " ").replace("Z", ""),
                        t.amount(), t.region())));
        insert("feedback_raw", feedback.stream().map(f -> """
                {"event_id":"%s","feedback_id":"%s","ts":"2026-02-01 00:00:00","region":"%s","category":"complaint"}"""
                .formatted(f.eventId(), f.eventId(), f.region())));
        insert("campaigns_raw", campaigns.stream().map(c -> """
                {"campaign_id":"%s","name":"n","start_date":"2026-01-01","end_date":"2026-02-01","cost":"100","region":"%s"}"""
                .formatted(c.id(), c.region())));
    }

    @Override
    public void close() {
        engine.close();
    }

    private void tx(String id, String customer, String region, String amount, String ts) {
        transactions.add(new Transaction(id, customer, region, new BigDecimal(amount), Instant.parse(ts)));
    }

    private void insert(String table, java.util.stream.Stream<String> rows) {
        engine.insert(table, InputFormat.JSON_EACH_ROW,
                rows.collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8));
    }
}
