package dev.pulse.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.IngestSettings;
import dev.pulse.warehouse.Ingestion.BodyFormat;
import dev.pulse.warehouse.Ingestion.IngestResult;
import dev.pulse.warehouse.Ingestion.Rejection;
import dev.pulse.warehouse.WriteWatermark;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idempotent storage on the real embedded engine: retried, reordered and re-split batches count once in the views. */
class IngestServiceIT {

    static ClickHouseEngine engine;
    static final WriteWatermark watermark = new WriteWatermark();
    static IngestService ingestion;
    String run;

    @BeforeAll
    static void open() {
        engine = ItWarehouse.open();
        ingestion = new IngestService(engine, ItWarehouse.PULSE, IngestSettings.defaults(), watermark);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @BeforeEach
    void uniqueRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    IngestResult ingest(String stream, List<String> lines, boolean atomic) {
        byte[] body = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        return ingestion.ingest(stream, new ByteArrayInputStream(body), BodyFormat.NDJSON, atomic);
    }

    String transaction(int i) {
        return """
                {"event_id":"%s-%d","transaction_id":"t%d","customer_id":"c%d","ts":"2026-05-01T08:00:00+08:00","amount":%d.25,"region":"华东"}""".formatted(run, i, i, i % 3, i);
    }

    long count(String sql) {
        return ((Number) engine.query(sql, Map.of("p", run)).single()).longValue();
    }

    @Test
    void retriedReorderedAndResplitBatchesAreStoredOnce() {
        List<String> batch =
                IntStream.rangeClosed(1, 10).mapToObj(this::transaction).toList();
        assertThat(ingest("transactions", batch, false)).isEqualTo(new IngestResult(10, 0, List.of(), true));
        assertThat(ingest("transactions", batch, false)).isEqualTo(new IngestResult(0, 10, List.of(), true));

        List<String> reversed = new ArrayList<>(batch.reversed());
        reversed.add(transaction(11));
        assertThat(ingest("transactions", reversed.subList(0, 6), false))
                .isEqualTo(new IngestResult(0, 6, List.of(), true));
        assertThat(ingest("transactions", reversed.subList(6, 11), false))
                .isEqualTo(new IngestResult(1, 4, List.of(), true));
        assertThat(ingest("transactions", List.of(transaction(12), transaction(12), transaction(1)), false))
                .isEqualTo(new IngestResult(1, 2, List.of(), true));

        assertThat(count("SELECT count() FROM transactions WHERE startsWith(event_id, {p:String})"))
                .isEqualTo(12);
        assertThat(count("SELECT count() FROM transactions_raw WHERE startsWith(event_id, {p:String})"))
                .isEqualTo(12);
        Object sum = engine.query(
                        "SELECT sum(amount) FROM transactions WHERE startsWith(event_id, {p:String})", Map.of("p", run))
                .single();
        assertThat(sum).isEqualTo(new BigDecimal("81.00"));
    }

    @Test
    void concurrentCopiesOfOneBatchAreStoredAndCountedOnce() throws Exception {
        List<String> batch =
                IntStream.rangeClosed(1, 200).mapToObj(this::transaction).toList();
        List<IngestResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<IngestResult>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> ingest("transactions", batch, false)));
            }
            for (Future<IngestResult> future : futures) {
                results.add(future.get());
            }
        }
        assertThat(results.stream().mapToInt(IngestResult::accepted).sum()).isEqualTo(200);
        assertThat(results.stream().mapToInt(IngestResult::duplicates).sum()).isEqualTo(600);
        assertThat(count("SELECT count() FROM transactions_raw WHERE startsWith(event_id, {p:String})"))
                .isEqualTo(200);
    }

    @Test
    void anAtomicBatchWithABadLineStoresNothing() {
        List<String> batch = List.of(transaction(1), transaction(2).replace("华东", "火星"), transaction(3));
        IngestResult result = ingest("transactions", batch, true);
        assertThat(result)
                .isEqualTo(new IngestResult(
                        0, 0, List.of(new Rejection(2, "region", "must be one of 华北, 东北, 华东, 华中, 华南, 西南, 西北")), false));
        assertThat(count("SELECT count() FROM transactions_raw WHERE startsWith(event_id, {p:String})"))
                .isZero();

        IngestResult lenient = ingest("transactions", batch, false);
        assertThat(lenient.accepted()).isEqualTo(2);
        assertThat(count("SELECT count() FROM transactions WHERE startsWith(event_id, {p:String})"))
                .isEqualTo(2);
    }

    @Test
    void theNewestCustomerVersionWinsAndARepeatedVersionIsADuplicate() {
        String v1 = customer("2026-05-01T08:00:00Z", "张三");
        String v2 = customer("2026-06-01T08:00:00Z", "张三丰");
        assertThat(ingest("customers", List.of(v1), false).accepted()).isEqualTo(1);
        assertThat(ingest("customers", List.of(v2, v1), false)).isEqualTo(new IngestResult(1, 1, List.of(), true));
        assertThat(ingest("customers", List.of(v2), false).duplicates()).isEqualTo(1);
        String older = customer("2026-04-01T08:00:00Z", "旧名字");
        assertThat(ingest("customers", List.of(older), false).accepted()).isEqualTo(1);
        var rows = engine.query(
                        "SELECT name, count() OVER () FROM customers WHERE customer_id = {p:String}", Map.of("p", run))
                .rows();
        assertThat(rows).containsExactly(List.of("张三丰", 1L));
    }

    String customer(String updatedAt, String name) {
        return """
                {"customer_id":"%s","updated_at":"%s","name":"%s","region":"华北","signup_date":"2024-03-01"}""".formatted(run, updatedAt, name);
    }

    @Test
    void theLastCampaignWriteWinsAndAnIdenticalWriteIsADuplicate() {
        String a = campaign("1000");
        String b = campaign("2000.5");
        assertThat(ingest("campaigns", List.of(a), false)).isEqualTo(new IngestResult(1, 0, List.of(), true));
        assertThat(ingest("campaigns", List.of(a), false)).isEqualTo(new IngestResult(0, 1, List.of(), true));
        assertThat(campaignCost()).isEqualTo(new BigDecimal("1000.00"));
        assertThat(ingest("campaigns", List.of(b), false)).isEqualTo(new IngestResult(1, 0, List.of(), true));
        assertThat(campaignCost()).isEqualTo(new BigDecimal("2000.50"));
        assertThat(ingest("campaigns", List.of(b, a), false)).isEqualTo(new IngestResult(1, 1, List.of(), true));
        assertThat(campaignCost()).isEqualTo(new BigDecimal("1000.00"));
        assertThat(count("SELECT count() FROM campaigns WHERE campaign_id = {p:String}"))
                .isEqualTo(1);
    }

    String campaign(String cost) {
        return """
                {"campaign_id":"%s","name":"春节促销","channel":"wechat","start_date":"2026-01-20","end_date":"2026-02-10","cost":%s}""".formatted(run, cost);
    }

    BigDecimal campaignCost() {
        return (BigDecimal) engine.query("SELECT cost FROM campaigns WHERE campaign_id = {p:String}", Map.of("p", run))
                .single();
    }

    @Test
    void chineseTextEmojiAndFormulasRoundTripVerbatim() {
        String comment = "服务很好，下次再来 🙂 =HYPERLINK(\\\"http://x\\\")";
        String line = """
                {"event_id":"%s","survey_id":"售后","ts":"2026-05-01T08:00:00Z","region":"西北","csat_score":5,"comment":"%s","answers":{"问题1":"满意"}}""".formatted(run, comment);
        assertThat(ingest("survey-responses", List.of(line), false).accepted()).isEqualTo(1);
        var row = engine.query(
                        "SELECT survey_id, comment, answers, region, csat_score, nps_score FROM survey_responses"
                                + " WHERE event_id = {p:String}",
                        Map.of("p", run))
                .rows()
                .getFirst();
        assertThat(row)
                .containsExactly("售后", "服务很好，下次再来 🙂 =HYPERLINK(\"http://x\")", "{\"问题1\":\"满意\"}", "西北", 5L, null);
    }

    @Test
    void theWatermarkAdvancesOnlyWhenRowsWereStored() {
        long before = watermark.current();
        ingest("transactions", List.of(transaction(1)), false);
        long afterStore = watermark.current();
        ingest("transactions", List.of(transaction(1)), false);
        assertThat(afterStore).isGreaterThan(before);
        assertThat(watermark.current()).isEqualTo(afterStore);
    }

    @Test
    void feedbackTimesAreStoredInUtc() {
        String line = """
                {"event_id":"%s","feedback_id":"f","ts":"2026-05-01T08:00:00+08:00","region":"华南","category":"complaint","severity":2,"first_response_at":"2026-05-01T09:30:00+08:00","text":"等了很久"}""".formatted(run);
        assertThat(ingest("feedback", List.of(line), false).accepted()).isEqualTo(1);
        var row = engine.query(
                        "SELECT toString(ts), toString(first_response_at), resolved_at, severity, text FROM feedback"
                                + " WHERE event_id = {p:String}",
                        Map.of("p", run))
                .rows()
                .getFirst();
        assertThat(row).containsExactly("2026-05-01 00:00:00.000", "2026-05-01 01:30:00.000", null, 2L, "等了很久");
    }

    @Test
    void invitationEventsAreStoredOnceAndASkipNeedsAReason() {
        String sent = invitation("sent", null);
        String answered = invitation("answered", null);
        assertThat(ingest("survey-invitations", List.of(sent, answered), false))
                .isEqualTo(new IngestResult(2, 0, List.of(), true));
        assertThat(ingest("survey-invitations", List.of(answered, sent), false))
                .isEqualTo(new IngestResult(0, 2, List.of(), true));
        IngestResult bad = ingest(
                "survey-invitations",
                List.of(invitation("skipped", null), invitation("sent", "FATIGUE"), invitation("opened", null)),
                false);
        assertThat(bad.rejected())
                .containsExactly(
                        new Rejection(1, "reason", "is required when status is skipped"),
                        new Rejection(2, "reason", "is only allowed when status is skipped"),
                        new Rejection(3, "status", "must be one of sent, skipped, answered"));
        assertThat(ingest("survey-invitations", List.of(invitation("skipped", "FATIGUE")), false)
                        .accepted())
                .isEqualTo(1);
        var rows = engine.query(
                        "SELECT status, reason, region, channel FROM survey_invitations"
                                + " WHERE invitation_id = {p:String} ORDER BY status",
                        Map.of("p", run))
                .rows();
        assertThat(rows)
                .containsExactly(
                        List.of("answered", "", "华东", "app"),
                        List.of("sent", "", "华东", "app"),
                        List.of("skipped", "FATIGUE", "华东", "app"));
    }

    String invitation(String status, String reason) {
        return """
                {"event_id":"%s/%s","invitation_id":"%s","survey_id":"满意度","customer_id":"c1","ts":"2026-05-01T08:00:00Z","region":"华东","channel":"app","status":"%s"%s}""".formatted(run, status, run, status, reason == null ? "" : ",\"reason\":\"" + reason + "\"");
    }
}
