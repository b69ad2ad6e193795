package dev.pulse.warehouse.demo;

import dev.pulse.kernel.PulseSettings;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.Ingestion;
import jakarta.annotation.PreDestroy;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Loads the demo data into an empty warehouse once the application is ready, in the background,
 * so the service answers at once; logs its progress and when it is done.
 */
@Component
@EnableConfigurationProperties(DemoSettings.class)
class DemoDataLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    static final int BATCH_SIZE = 5_000;

    private final DemoSettings settings;
    private final PulseSettings pulse;
    private final ClickHouseEngine engine;
    private final ObjectProvider<Ingestion> ingestion;
    private volatile boolean stopping;

    DemoDataLoader(
            DemoSettings settings, PulseSettings pulse, ClickHouseEngine engine, ObjectProvider<Ingestion> ingestion) {
        this.settings = settings;
        this.pulse = pulse;
        this.engine = engine;
        this.ingestion = ingestion;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (settings.enabled()) {
            Thread.ofPlatform().name("pulse-demo-data").daemon().start(this::loadIfEmpty);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }

    /** Loads the demo data unless the warehouse holds data already; returns rows per stream, empty when skipped. */
    Map<String, Long> loadIfEmpty() {
        try {
            Ingestion target = ingestion.getIfAvailable();
            if (target == null) {
                log.warn("Demo data: no ingestion in this build, nothing loaded");
                return Map.of();
            }
            if (!pulse.regions().containsAll(Geography.REGIONS)) {
                log.warn(
                        "Demo data: pulse.regions {} lacks some of {}, nothing loaded",
                        pulse.regions(),
                        Geography.REGIONS);
                return Map.of();
            }
            Object rows = engine.query(
                            "SELECT (SELECT count() FROM customers_raw) + (SELECT count() FROM transactions_raw)")
                    .single();
            if (((Number) rows).longValue() > 0) {
                log.info("Demo data: the warehouse already holds data, nothing loaded");
                return Map.of();
            }
            return load(target);
        } catch (CancellationException e) {
            log.info(
                    "Demo data: stopped with the application; the next start loads nothing (the warehouse is no longer empty)");
            return Map.of();
        } catch (RuntimeException e) {
            log.error("Demo data: loading failed", e);
            return Map.of();
        }
    }

    private Map<String, Long> load(Ingestion target) {
        DemoDataGenerator.Plan plan = DemoDataGenerator.Plan.FULL.scaled(settings.scale());
        LocalDate today = LocalDate.now(pulse.timezone());
        log.info(
                "Demo data: loading about {} rows (seed {}, scale {}) for the 18 months before {}",
                plan.total(),
                settings.seed(),
                settings.scale(),
                today);
        IngestionSink sink = new IngestionSink(target, plan.total(), () -> stopping);
        Map<String, Long> generated =
                new DemoDataGenerator(settings.seed(), plan, today, pulse.timezone(), BATCH_SIZE).run(sink);
        long total = generated.values().stream().mapToLong(Long::longValue).sum();
        log.info(
                "Demo data: done, {} rows in {} s ({} rows/s): {}{}",
                total,
                Math.round(sink.seconds()),
                Math.round(total / sink.seconds()),
                sink.stored(),
                sink.rejected() > 0 ? "; " + sink.rejected() + " rejected" : "");
        return sink.stored();
    }
}
