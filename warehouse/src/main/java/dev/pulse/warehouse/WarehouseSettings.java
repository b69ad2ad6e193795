package dev.pulse.warehouse;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the warehouse lives and how hard it may work; bound from {@code pulse.warehouse.*}.
 *
 * @param mode {@code embedded} (chDB in this process) or {@code server} (ClickHouse over HTTP)
 * @param dataDir storage of the embedded engine
 * @param library path of {@code libchdb.so}; default {@code ~/.cache/pulse/chdb-<version>/libchdb.so},
 *     where {@code scripts/fetch-engine} puts it
 * @param url the ClickHouse server, for {@code server} mode
 * @param database the ClickHouse database Pulse owns
 * @param pool connections (embedded) or concurrent requests (server)
 * @param maxMemoryUsage bytes one query may use
 * @param maxExecutionTime how long one query may run
 */
@ConfigurationProperties("pulse.warehouse")
public record WarehouseSettings(
        @DefaultValue("embedded") Mode mode,
        @DefaultValue("./data/warehouse") Path dataDir,
        Path library,
        @DefaultValue("http://localhost:8123") URI url,
        @DefaultValue("default") String user,
        @DefaultValue("") String password,
        @DefaultValue("pulse") String database,
        @DefaultValue("8") int pool,
        @DefaultValue("4000000000") long maxMemoryUsage,
        @DefaultValue("60s") Duration maxExecutionTime) {

    /** The engine library to load: the configured path, else the cache {@code scripts/fetch-engine} fills. */
    public Path libraryPath() {
        return library != null
                ? library
                : Path.of(
                        System.getProperty("user.home"),
                        ".cache",
                        "pulse",
                        "chdb-" + EngineVersion.VERSION,
                        "libchdb.so");
    }

    /** Which engine runs the SQL. */
    public enum Mode {
        EMBEDDED,
        SERVER
    }

    /** The password is a secret: never printed. */
    @Override
    public String toString() {
        return "WarehouseSettings[mode=%s, dataDir=%s, library=%s, url=%s, user=%s, database=%s, pool=%d]"
                .formatted(mode, dataDir, library, url, user, database, pool);
    }
}
