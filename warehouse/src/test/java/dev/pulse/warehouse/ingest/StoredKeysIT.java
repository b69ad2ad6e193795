package dev.pulse.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.kernel.PulseSettings;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.ClickHouseEngine.InputFormat;
import dev.pulse.warehouse.IngestSettings;
import dev.pulse.warehouse.Ingestion.BodyFormat;
import dev.pulse.warehouse.Ingestion.IngestResult;
import dev.pulse.warehouse.WriteWatermark;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On the embedded engine, the only writer of its warehouse, ingestion remembers the keys of the event
 * tables: read from the table in the background, added by every insert, so a key stored before this
 * process started or while the table was being read is still a duplicate.
 */
class StoredKeysIT {

    static ClickHouseEngine engine;
    static PulseSettings pulse;
    String run;

    @BeforeAll
    static void open() {
        engine = ItWarehouse.open();
        pulse = ItWarehouse.PULSE;
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @BeforeEach
    void uniqueRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theEmbeddedEngineIsItsWarehousesOnlyWriter() {
        assertThat(engine.soleWriter()).isTrue();
    }

    @Test
    void keysStoredBeforeTheFilterWasBuiltAreInIt() throws InterruptedException {
        storeDirectly(1, 3);
        StoredKeys keys = new StoredKeys(engine, "transactions_raw", "event_id");
        assertThat(keys.wanted()).isTrue();

        keys.startBuilding();
        assertThat(keys.wanted()).as("one build at a time").isFalse();
        KeyFilter filter = awaitComplete(keys);

        assertThat(IntStream.rangeClosed(1, 3).allMatch(i -> filter.mightContain(run + "-" + i)))
                .isTrue();
        assertThat(keys.wanted()).isFalse();
    }

    @Test
    void keysAddedWhileTheTableIsReadAreInTheCompleteFilter() throws InterruptedException {
        StoredKeys keys = new StoredKeys(engine, "transactions_raw", "event_id");
        keys.startBuilding();
        keys.adding(List.of(run + "-late"));

        assertThat(awaitComplete(keys).mightContain(run + "-late")).isTrue();
    }

    @Test
    void aRecordStoredBeforeTheServiceStartedStaysADuplicateOnceItsKeysAreRemembered() throws InterruptedException {
        storeDirectly(1, 3);
        IngestService ingestion = new IngestService(engine, pulse, IngestSettings.defaults(), new WriteWatermark());

        // the first batch starts reading the table and is decided by looking its keys up
        assertThat(ingest(ingestion, 1, 5)).isEqualTo(new IngestResult(2, 3, List.of(), true));
        // later batches are decided by the filter once it is complete, and count the same
        for (int i = 0; i < 20; i++) {
            assertThat(ingest(ingestion, 1, 6))
                    .isEqualTo(new IngestResult(i == 0 ? 1 : 0, i == 0 ? 5 : 6, List.of(), true));
            Thread.sleep(50);
        }
        assertThat(engine.query(
                                "SELECT count() FROM transactions WHERE startsWith(event_id, {p:String})",
                                java.util.Map.of("p", run + "-"))
                        .single())
                .isEqualTo(6L);
    }

    private void storeDirectly(int from, int to) {
        String rows = String.join(
                "\n",
                IntStream.rangeClosed(from, to)
                        .mapToObj(i -> """
                {"event_id":"%s-%d","transaction_id":"t%d","customer_id":"c","ts":"2026-05-01 08:00:00","amount":"1.50","region":"华东"}""".formatted(run, i, i))
                        .toList());
        engine.insert("transactions_raw", InputFormat.JSON_EACH_ROW, rows.getBytes(StandardCharsets.UTF_8));
    }

    private IngestResult ingest(IngestService ingestion, int from, int to) {
        String body = String.join(
                "\n",
                IntStream.rangeClosed(from, to)
                        .mapToObj(i -> """
                {"event_id":"%s-%d","transaction_id":"t%d","customer_id":"c","ts":"2026-05-01T08:00:00Z","amount":1.50,"region":"华东"}""".formatted(run, i, i))
                        .toList());
        return ingestion.ingest(
                "transactions",
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                BodyFormat.NDJSON,
                false);
    }

    private static KeyFilter awaitComplete(StoredKeys keys) throws InterruptedException {
        return await("the filter is complete")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(keys::complete, Objects::nonNull);
    }
}
