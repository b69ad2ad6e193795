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
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A small dataset in every region, written to the raw tables of an embedded engine, the same rows
 * in Java as the oracle the tests compare against, and the query layer over that engine.
 *
 * <p>Per region: customers 0..3 live there; customer 0 buys twice at home, customer 1 only in the
 * next region, customer 2 once at home and once in the next region, customer 3 never; so a
 * subquery that escaped its region filter would change the answer. Customer 0 also answers two surveys
 * (the second after a follow-up case was opened for its first, low answer), customer 2 one; every
 * region sends two invitations. The r-th region has r + 1 feedback rows.
 *
 * <p>{@link #onlyRegion} writes the rows one region can see, and no others, to a database of its
 * own: the oracle for "the same query on that region's data alone".
 */
final class SeededWarehouse implements AutoCloseable {

    /** The data dir every engine of the failsafe JVM uses (see EmbeddedEngineIT). */
    static final Path DATA = Path.of("target", "it-warehouse").toAbsolutePath();

    static final String DATABASE = "pulse_query_it";
    static final List<String> REGIONS = List.of("华北", "东北", "华东", "华中", "华南", "西南", "西北");

    record Customer(String id, String region) {}

    record Transaction(String eventId, String customerId, String region, BigDecimal amount, Instant ts) {}

    record Feedback(String eventId, String region) {}

    record Campaign(String id, String region) {}

    record SurveyResponse(String eventId, String customerId, String region, Integer nps, String ts) {}

    record CaseEvent(String eventId, String caseId, String event, String customerId, String region, int nps) {}

    record Invitation(String eventId, String customerId, String region, String status) {}

    final List<Customer> customers = new ArrayList<>();
    final List<Transaction> transactions = new ArrayList<>();
    final List<Feedback> feedback = new ArrayList<>();
    final List<Campaign> campaigns = new ArrayList<>();
    final List<SurveyResponse> responses = new ArrayList<>();
    final List<CaseEvent> caseEvents = new ArrayList<>();
    final List<Invitation> invitations = new ArrayList<>();
    final ClickHouseEngine engine;
    final CalciteSqlCompiler compiler;
    final AnalystSql analystSql;

    SeededWarehouse() {
        this(DATABASE, region -> true);
    }

    /**
     * The rows {@code region} can see (its own, and national campaigns), alone in {@code database} of
     * the same engine.
     */
    static SeededWarehouse onlyRegion(String database, String region) {
        return new SeededWarehouse(database, region::equals);
    }

    private SeededWarehouse(String database, Predicate<String> keep) {
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
            responses.add(new SurveyResponse("s-" + r + "-0", "c-" + r + "-0", home, 3, "2026-02-01 00:00:00"));
            responses.add(new SurveyResponse("s-" + r + "-1", "c-" + r + "-0", home, 9, "2026-02-20 00:00:00"));
            responses.add(new SurveyResponse("s-" + r + "-2", "c-" + r + "-2", home, null, "2026-03-05 00:00:00"));
            caseEvents.add(new CaseEvent("ce-" + r + "-0", "case-" + r, "opened", "c-" + r + "-0", home, 3));
            if (r % 2 == 0) {
                caseEvents.add(new CaseEvent("ce-" + r + "-1", "case-" + r, "contacted", "c-" + r + "-0", home, 3));
            }
            invitations.add(new Invitation("i-" + r + "-0", "c-" + r + "-0", home, "answered"));
            invitations.add(new Invitation("i-" + r + "-1", "c-" + r + "-3", home, "sent"));
        }
        campaigns.add(new Campaign("camp-national", ""));
        customers.removeIf(c -> !keep.test(c.region()));
        transactions.removeIf(t -> !keep.test(t.region()));
        feedback.removeIf(f -> !keep.test(f.region()));
        campaigns.removeIf(c -> !c.region().isEmpty() && !keep.test(c.region()));
        responses.removeIf(s -> !keep.test(s.region()));
        caseEvents.removeIf(e -> !keep.test(e.region()));
        invitations.removeIf(i -> !keep.test(i.region()));
        compiler = new CalciteSqlCompiler(database, ZoneId.of("Asia/Shanghai"), 100);
        engine = new EmbeddedEngine(new WarehouseSettings(
                WarehouseSettings.Mode.EMBEDDED,
                DATA,
                null,
                null,
                "default",
                "",
                database,
                4,
                2_000_000_000L,
                Duration.ofSeconds(30)));
        analystSql = new AnalystSql(compiler, engine, QuerySettings.defaults());
        new SchemaMigrator(engine, "db/clickhouse").migrate();
        for (String table : List.of(
                "customers_raw",
                "transactions_raw",
                "feedback_raw",
                "campaigns_raw",
                "survey_responses_raw",
                "case_events_raw",
                "survey_invitations_raw")) {
            engine.execute("TRUNCATE TABLE " + table);
        }
        insert("customers_raw", customers.stream().map(c -> """
                {"customer_id":"%s","updated_at":"2026-01-01 00:00:00","name":"n","region":"%s"}""".formatted(c.id(), c.region())));
        insert("transactions_raw", transactions.stream().map(t -> """
                {"event_id":"%s","transaction_id":"%s","customer_id":"%s","ts":"%s","amount":"%s","region":"%s"}""".formatted(
                        t.eventId(),
                        t.eventId(),
                        t.customerId(),
                        t.ts().toString().replace("T", " ").replace("Z", ""),
                        t.amount(),
                        t.region())));
        insert("feedback_raw", feedback.stream().map(f -> """
                {"event_id":"%s","feedback_id":"%s","ts":"2026-02-01 00:00:00","region":"%s","category":"complaint"}""".formatted(f.eventId(), f.eventId(), f.region())));
        insert("campaigns_raw", campaigns.stream().map(c -> """
                {"campaign_id":"%s","name":"n","start_date":"2026-01-01","end_date":"2026-02-01","cost":"100","region":"%s"}""".formatted(c.id(), c.region())));
        insert("survey_responses_raw", responses.stream().map(s ->
                """
                {"event_id":"%s","survey_id":"nps","customer_id":"%s","ts":"%s","region":"%s","nps_score":%s,"comment":"c"}""".formatted(s.eventId(), s.customerId(), s.ts(), s.region(), s.nps())));
        insert("case_events_raw", caseEvents.stream().map(e ->
                """
                {"event_id":"%s","case_id":"%s","event":"%s","ts":"2026-02-10 00:00:00","opened_at":"2026-02-02 00:00:00",\
                "region":"%s","customer_id":"%s","survey_id":"nps","nps_score":%d,"sla_minutes":60}""".formatted(e.eventId(), e.caseId(), e.event(), e.region(), e.customerId(), e.nps())));
        insert("survey_invitations_raw", invitations.stream().map(i ->
                """
                {"event_id":"%s","invitation_id":"%s","survey_id":"nps","customer_id":"%s","ts":"2026-01-20 00:00:00",\
                "region":"%s","status":"%s"}""".formatted(i.eventId(), i.eventId(), i.customerId(), i.region(), i.status())));
    }

    @Override
    public void close() {
        engine.close();
    }

    private void tx(String id, String customer, String region, String amount, String ts) {
        transactions.add(new Transaction(id, customer, region, new BigDecimal(amount), Instant.parse(ts)));
    }

    private void insert(String table, java.util.stream.Stream<String> rows) {
        engine.insert(
                table,
                InputFormat.JSON_EACH_ROW,
                rows.collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8));
    }
}
