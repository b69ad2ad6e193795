package dev.pulse.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.IngestSettings;
import dev.pulse.warehouse.Ingestion.BodyFormat;
import dev.pulse.warehouse.Ingestion.IngestResult;
import dev.pulse.warehouse.WriteWatermark;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code pulse.ingest.fsync} reaches the engine: the tables carry the settings, and the engine's own
 * {@code FileSync} counter grows with an acknowledged batch (and a merge) when it is on, and not at all when off.
 */
class PartFsyncIT {

    static ClickHouseEngine engine;

    @BeforeAll
    static void open() {
        engine = ItWarehouse.open();
    }

    @AfterAll
    static void close() {
        // the warehouse is shared by the ingestion ITs: leave it as the default says
        new IngestService(engine, ItWarehouse.PULSE, IngestSettings.defaults(), new WriteWatermark());
        engine.close();
    }

    @Test
    void byDefaultEveryInsertedAndMergedPartIsSyncedBeforeItCounts() {
        IngestService ingestion =
                new IngestService(engine, ItWarehouse.PULSE, IngestSettings.defaults(), new WriteWatermark());
        assertThat(tableSettings())
                .isNotEmpty()
                .allSatisfy((table, settings) -> assertThat(settings)
                        .as(table)
                        .contains(
                                "fsync_after_insert = 1, fsync_part_directory = 1, min_rows_to_fsync_after_merge = 1"));
        assertThat(tableSettings()).containsKeys("transactions_raw", "customers_raw", "schema_migrations");

        awaitNoMerges();
        long before = fileSyncs();
        assertThat(ingest(ingestion)).isEqualTo(new IngestResult(20, 0, List.of(), true));
        // at least the part's data and its directory
        assertThat(fileSyncs() - before).isGreaterThanOrEqualTo(2);

        long beforeMerge = fileSyncs();
        engine.execute("OPTIMIZE TABLE transactions_raw FINAL");
        assertThat(fileSyncs() - beforeMerge).isGreaterThanOrEqualTo(2);
    }

    @Test
    void switchedOffNothingIsSynced() {
        IngestSettings d = IngestSettings.defaults();
        IngestSettings off = new IngestSettings(
                d.maxBodyBytes(),
                d.maxDecompressedBytes(),
                d.maxLineBytes(),
                d.maxRows(),
                d.maxConcurrentRequests(),
                false);
        IngestService ingestion = new IngestService(engine, ItWarehouse.PULSE, off, new WriteWatermark());
        assertThat(tableSettings())
                .isNotEmpty()
                .allSatisfy((table, settings) -> assertThat(settings)
                        .as(table)
                        .contains(
                                "fsync_after_insert = 0, fsync_part_directory = 0, min_rows_to_fsync_after_merge = 0"));

        // a merge that started while the tables still synced would count
        awaitNoMerges();
        long before = fileSyncs();
        assertThat(ingest(ingestion)).isEqualTo(new IngestResult(20, 0, List.of(), true));
        engine.execute("OPTIMIZE TABLE transactions_raw FINAL");
        assertThat(fileSyncs() - before).isZero();
    }

    /** Each MergeTree table's storage clause by name, where {@code SHOW CREATE TABLE} puts the table settings. */
    static Map<String, String> tableSettings() {
        return engine
                .query("SELECT name, engine_full FROM system.tables WHERE database = currentDatabase()"
                        + " AND engine LIKE '%MergeTree'")
                .rows()
                .stream()
                .collect(Collectors.toMap(row -> (String) row.get(0), row -> (String) row.get(1)));
    }

    static long fileSyncs() {
        List<List<Object>> rows = engine.query("SELECT value FROM system.events WHERE event = 'FileSync'")
                .rows();
        return rows.isEmpty() ? 0 : ((Number) rows.getFirst().getFirst()).longValue();
    }

    static void awaitNoMerges() {
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> ((Number) engine.query("SELECT count() FROM system.merges")
                                        .single())
                                .longValue()
                        == 0);
    }

    static IngestResult ingest(IngestService ingestion) {
        String run = UUID.randomUUID().toString();
        String body = IntStream.rangeClosed(1, 20)
                .mapToObj(i -> """
                {"event_id":"%s-%d","transaction_id":"t%d","customer_id":"c%d","ts":"2026-05-01T08:00:00+08:00","amount":%d.25,"region":"华东"}""".formatted(run, i, i, i, i))
                .collect(Collectors.joining("\n"));
        return ingestion.ingest(
                "transactions",
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                BodyFormat.NDJSON,
                false);
    }
}
