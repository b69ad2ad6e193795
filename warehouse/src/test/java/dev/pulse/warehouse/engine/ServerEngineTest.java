package dev.pulse.warehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.warehouse.EngineException;
import dev.pulse.warehouse.WarehouseSettings;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server engine refuses bad settings before it connects, and a server it cannot reach leaves no secret in the error. */
class ServerEngineTest {

    static WarehouseSettings settings(URI url, String database) {
        return new WarehouseSettings(
                WarehouseSettings.Mode.SERVER,
                null,
                null,
                url,
                "pulse",
                "s3cret-pass",
                database,
                2,
                1_000_000_000L,
                Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pulse-x", "a b", "`pulse`", "pulse; DROP DATABASE x", "", "1pulse", "库"})
    void refusesADatabaseNameThatIsNotPlain(String database) {
        assertThatThrownBy(() -> new ServerEngine(settings(URI.create("http://127.0.0.1:1"), database)))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("pulse.warehouse.database must be a plain name");
    }

    @Test
    void refusesAMissingUrl() {
        assertThatThrownBy(() -> new ServerEngine(settings(null, "pulse")))
                .isInstanceOf(EngineException.class)
                .hasMessage("pulse.warehouse.url is required in server mode");
    }

    @Test
    void anUnreachableServerFailsWithCodeZeroAndNoCredentials() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        URI url = URI.create("http://admin:url-password@127.0.0.1:" + port);
        assertThatThrownBy(() -> new ServerEngine(settings(url, "pulse")))
                .isInstanceOf(EngineException.class)
                .satisfies(e -> assertThat(((EngineException) e).code()).isZero())
                .hasMessageContaining("http://127.0.0.1:" + port)
                .hasMessageNotContaining("url-password")
                .hasMessageNotContaining("s3cret-pass");
    }
}
