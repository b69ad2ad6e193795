package dev.pulse.warehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.WarehouseSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The embedded engine runs real ClickHouse SQL in this process, binds values safely and keeps data. */
class EmbeddedEngineIT extends EngineContract {

    /** One storage path per test JVM: the one every warehouse IT uses; this test owns database pulse_it. */
    static final Path DATA = Path.of("target", "it-warehouse").toAbsolutePath();

    static WarehouseSettings settings() {
        return new WarehouseSettings(
                WarehouseSettings.Mode.EMBEDDED,
                DATA,
                null,
                null,
                "default",
                "",
                "pulse_it",
                4,
                MAX_MEMORY,
                Duration.ofSeconds(MAX_EXECUTION_SECONDS));
    }

    @Override
    ClickHouseEngine open() {
        return new EmbeddedEngine(settings());
    }

    @Override
    String mode() {
        return "embedded";
    }

    @Test
    void isThePinnedEngineVersion() {
        try (ClickHouseEngine second = open()) {
            assertThat(second.health().version()).startsWith("26.5");
        }
    }
}
