package dev.pulse.warehouse.ingest;

import dev.pulse.kernel.PulseSettings;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.WarehouseSettings;
import dev.pulse.warehouse.engine.EmbeddedEngine;
import dev.pulse.warehouse.schema.SchemaMigrator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** The embedded warehouse the ingestion ITs share ({@code target/it-warehouse}) and Pulse's seven regions. */
final class ItWarehouse {

    static final PulseSettings PULSE = new PulseSettings(
            Path.of("target", "it-data"),
            ZoneId.of("Asia/Shanghai"),
            List.of("华北", "东北", "华东", "华中", "华南", "西南", "西北"));

    private ItWarehouse() {}

    /** Opens the shared warehouse, migrated; the caller closes it. */
    static ClickHouseEngine open() {
        ClickHouseEngine engine = new EmbeddedEngine(new WarehouseSettings(
                WarehouseSettings.Mode.EMBEDDED,
                Path.of("target", "it-warehouse"),
                null,
                null,
                "default",
                "",
                "pulse",
                4,
                2_000_000_000L,
                Duration.ofSeconds(30)));
        new SchemaMigrator(engine, "db/clickhouse").migrate();
        return engine;
    }
}
