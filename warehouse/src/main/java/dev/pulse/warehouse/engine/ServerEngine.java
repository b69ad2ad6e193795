package dev.pulse.warehouse.engine;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.EngineException;
import dev.pulse.warehouse.EngineHealth;
import dev.pulse.warehouse.QueryResult;
import dev.pulse.warehouse.WarehouseSettings;
import java.util.Map;

/** ClickHouse over HTTP with the official client-v2; for production and clusters. */
public final class ServerEngine implements ClickHouseEngine {

    public ServerEngine(WarehouseSettings settings) {
        throw new EngineException(0, "server mode is not built yet");
    }

    @Override
    public void execute(String sql) {}

    @Override
    public QueryResult query(String sql, Map<String, ?> params) {
        return null;
    }

    @Override
    public void insert(String table, InputFormat format, byte[] data) {}

    @Override
    public EngineHealth health() {
        return null;
    }

    @Override
    public void close() {}
}
