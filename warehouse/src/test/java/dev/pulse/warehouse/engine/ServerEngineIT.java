package dev.pulse.warehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.EngineException;
import dev.pulse.warehouse.WarehouseSettings;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.clickhouse.ClickHouseContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The server engine keeps the same contract over HTTP against a real ClickHouse server; skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class ServerEngineIT extends EngineContract {

    @Container
    static final ClickHouseContainer SERVER = new ClickHouseContainer("clickhouse/clickhouse-server:25.8-alpine")
            .withUsername("pulse")
            .withPassword("s3cret-pass");

    static WarehouseSettings settings(String password) {
        return new WarehouseSettings(
                WarehouseSettings.Mode.SERVER,
                null,
                null,
                URI.create(SERVER.getHttpUrl()),
                "pulse",
                password,
                "pulse_it",
                4,
                MAX_MEMORY,
                Duration.ofSeconds(MAX_EXECUTION_SECONDS));
    }

    @Override
    ClickHouseEngine open() {
        return new ServerEngine(settings("s3cret-pass"));
    }

    @Override
    String mode() {
        return "server";
    }

    @Test
    void createsItsDatabase() {
        try (ClickHouseEngine engine = open()) {
            assertThat(engine.query("SELECT currentDatabase()").single()).isEqualTo("pulse_it");
        }
    }

    @Test
    void aWrongPasswordFailsWithTheServerCodeAndWithoutThePassword() {
        assertThatThrownBy(() -> new ServerEngine(settings("wrong-password")))
                .isInstanceOf(EngineException.class)
                .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo(516))
                .hasMessageNotContaining("wrong-password");
    }
}
