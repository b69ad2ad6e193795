package dev.pulse.warehouse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kernel.PulseSettings;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.Ingestion;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.ComponentScan;

/**
 * A hundredth of the demo data goes through the real ingestion into the real engine: every record
 * generated is stored, every region is present, and the same seed sent again adds nothing.
 */
@SpringBootTest(
        classes = DemoDataIT.Warehouse.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "pulse.warehouse.data-dir=target/it-warehouse",
            "pulse.warehouse.database=pulse_demo_it",
            "pulse.warehouse.pool=4",
            "pulse.demo.enabled=false",
            "pulse.demo.seed=7",
            "pulse.demo.scale=0.01"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDataIT {

    static final List<String> RAW_TABLES =
            List.of("customers_raw", "transactions_raw", "survey_responses_raw", "feedback_raw", "campaigns_raw");
    static final Map<String, String> VIEWS = Map.of(
            "customers",
            "customers",
            "transactions",
            "transactions",
            "survey-responses",
            "survey_responses",
            "feedback",
            "feedback",
            "campaigns",
            "campaigns");

    /** The warehouse module on its own with the kernel it depends on, as the application assembles them. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @ComponentScan({"dev.pulse.kernel", "dev.pulse.warehouse"})
    static class Warehouse {}

    @Autowired
    DemoDataLoader loader;

    @Autowired
    ClickHouseEngine engine;

    @Autowired
    Ingestion ingestion;

    @Autowired
    PulseSettings pulse;

    @Autowired
    DemoSettings settings;

    Map<String, Long> loaded;
    Map<String, Long> generated;

    @BeforeAll
    void loadIntoAnEmptyWarehouse() {
        RAW_TABLES.forEach(table -> engine.execute("TRUNCATE TABLE " + table));
        generated = generator().run((stream, ndjson, rows) -> {});
        loaded = loader.loadIfEmpty();
    }

    DemoDataGenerator generator() {
        return new DemoDataGenerator(
                settings.seed(),
                DemoDataGenerator.Plan.FULL.scaled(settings.scale()),
                LocalDate.now(pulse.timezone()),
                pulse.timezone(),
                DemoDataLoader.BATCH_SIZE);
    }

    long count(String sql) {
        return ((Number) engine.query(sql).single()).longValue();
    }

    @Test
    void storesEveryGeneratedRecordOnce() {
        assertThat(generated.get("transactions")).isEqualTo(10_000L);
        assertThat(generated.get("customers")).isEqualTo(500L);
        assertThat(loaded).isEqualTo(generated);
        VIEWS.forEach((stream, view) ->
                assertThat(count("SELECT count() FROM " + view)).as(view).isEqualTo(generated.get(stream)));
    }

    @Test
    void everyRegionIsPresent() {
        for (String view : List.of("customers", "transactions", "survey_responses", "feedback")) {
            assertThat(engine.query("SELECT DISTINCT region FROM " + view + " ORDER BY region")
                            .rows())
                    .as(view)
                    .extracting(List::getFirst)
                    .containsExactlyInAnyOrderElementsOf(Geography.REGIONS);
        }
    }

    @Test
    void aWarehouseWithDataGetsNoDemoData() {
        assertThat(loader.loadIfEmpty()).isEmpty();
        assertThat(count("SELECT count() FROM transactions")).isEqualTo(generated.get("transactions"));
    }

    @Test
    void theSameSeedSentAgainIsAllDuplicates() {
        IngestionSink again = new IngestionSink(ingestion, 1, () -> false);
        generator().run(again);
        assertThat(again.rejected()).isZero();
        VIEWS.forEach((stream, view) ->
                assertThat(count("SELECT count() FROM " + view)).as(view).isEqualTo(generated.get(stream)));
        assertThat(count("SELECT count() FROM transactions_raw")).isGreaterThanOrEqualTo(generated.get("transactions"));
    }
}
