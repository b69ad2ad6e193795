package dev.pulse.warehouse.engine;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.EngineException;
import dev.pulse.warehouse.EngineHealth;
import dev.pulse.warehouse.QueryResult;
import dev.pulse.warehouse.WarehouseSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * ClickHouse over HTTP with the official client-v2; for production and clusters.
 *
 * <p>Results are read as {@code JSONCompact} by the same reader as the embedded engine, and
 * parameters are formatted by the same {@link Params}, so a value has the same Java type and the
 * same escaping whichever engine runs the SQL. Every request carries the memory and time limits
 * and the UTC session zone, as every embedded connection does.
 */
public final class ServerEngine implements ClickHouseEngine {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Client client;
    private final String database;
    private final String endpoint;
    private final Map<String, String> limits;

    /**
     * Connects to {@code settings.url()} as {@code settings.user()} and creates
     * {@code settings.database()} if it is missing.
     *
     * @param settings must not be null
     * @throws EngineException when the server refuses or cannot be reached
     */
    public ServerEngine(WarehouseSettings settings) {
        this.database = name(settings.database());
        this.endpoint = withoutUserInfo(settings.url());
        // the embedded engine runs with these (date_time_input_format is its default); the server must behave the same
        this.limits = Map.of(
                "max_memory_usage",
                Long.toString(settings.maxMemoryUsage()),
                "max_execution_time",
                Long.toString(Math.max(1, settings.maxExecutionTime().toSeconds())),
                "session_timezone",
                "UTC",
                "date_time_input_format",
                "best_effort");
        this.client = new Client.Builder()
                .addEndpoint(endpoint)
                .setUsername(settings.user())
                .setPassword(settings.password() == null ? "" : settings.password())
                .setDefaultDatabase(database)
                .setMaxConnections(Math.max(1, settings.pool()))
                .setConnectTimeout(10, ChronoUnit.SECONDS)
                // the server stops a query at max_execution_time; the socket waits a little longer for its answer
                .setSocketTimeout(settings.maxExecutionTime().toMillis() + 30_000, ChronoUnit.MILLIS)
                .setClientName("pulse")
                .build();
        try {
            CommandSettings bootstrap = new CommandSettings();
            bootstrap.setDatabase("default");
            limits.forEach(bootstrap::serverSetting);
            await(() -> client.execute("CREATE DATABASE IF NOT EXISTS `" + database + "`", bootstrap))
                    .close();
        } catch (Exception e) {
            client.close();
            throw e instanceof EngineException engineException
                    ? engineException
                    : new EngineException("cannot create the database " + database + " on " + endpoint, e);
        }
    }

    private static String name(String database) {
        if (!NAME.matcher(database).matches()) {
            throw new EngineException(0, "pulse.warehouse.database must be a plain name: " + database);
        }
        return database;
    }

    /** The URL to connect to, without credentials someone may have written into it (they come from user/password). */
    private static String withoutUserInfo(URI url) {
        if (url == null) {
            throw new EngineException(0, "pulse.warehouse.url is required in server mode");
        }
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return url.getScheme() + "://" + url.getHost() + port + path;
    }

    @Override
    public void execute(String sql) {
        CommandSettings settings = new CommandSettings();
        limits.forEach(settings::serverSetting);
        try (CommandResponse ignored = await(() -> client.execute(sql, settings))) {
            // the statement is done when the response arrives
        } catch (EngineException e) {
            throw e;
        } catch (Exception e) {
            throw new EngineException("cannot close the response of a statement", e);
        }
    }

    @Override
    public QueryResult query(String sql, Map<String, ?> params) {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.JSONCompact);
        limits.forEach(settings::serverSetting);
        // client-v2 sends each value as param_<name>=String.valueOf(value): format it as the embedded engine does
        Map<String, Object> bound = new LinkedHashMap<>();
        params.forEach((name, value) -> bound.put(name, Params.format(value)));
        try (QueryResponse response = await(() -> client.query(sql, bound, settings))) {
            return JsonCompactReader.read(response.getInputStream(), QueryResult.Stats.NONE);
        } catch (EngineException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new EngineException("cannot read the server's answer", e);
        } catch (Exception e) {
            throw new EngineException("cannot close the server's answer", e);
        }
    }

    @Override
    public void insert(String table, InputFormat format, byte[] data) {
        if (!NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        InsertSettings settings = new InsertSettings();
        limits.forEach(settings::serverSetting);
        ClickHouseFormat clickHouseFormat = ClickHouseFormat.valueOf(format.clickHouseName());
        try (InsertResponse ignored =
                await(() -> client.insert(table, new ByteArrayInputStream(data), clickHouseFormat, settings))) {
            // committed when the server answers
        }
    }

    @Override
    public EngineHealth health() {
        try {
            Object version = query("SELECT version()").single();
            return new EngineHealth("server", String.valueOf(version), true, endpoint + "/" + database);
        } catch (RuntimeException e) {
            return new EngineHealth("server", "unknown", false, e.getMessage());
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * Calls the client and waits for it, turning its failures into {@link EngineException}s with the
     * server's code; client-v2 throws some failures from the call itself and reports others
     * through the future, so both are caught here.
     */
    private <T> T await(Supplier<CompletableFuture<T>> call) {
        try {
            return call.get().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for ClickHouse", e);
        } catch (ExecutionException e) {
            throw translate(e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private EngineException translate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServerException server) {
                return EngineException.fromEngineText(
                        server.getMessage().startsWith("Code: ")
                                ? server.getMessage()
                                : "Code: " + server.getCode() + ". " + server.getMessage());
            }
        }
        return new EngineException("ClickHouse at " + endpoint + " failed: " + failure.getMessage(), failure);
    }
}
