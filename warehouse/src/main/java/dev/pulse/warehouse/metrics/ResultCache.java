package dev.pulse.warehouse.metrics;

import dev.pulse.warehouse.QueryResult;
import dev.pulse.kernel.Scope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Engine results by (compiled SQL, parameters, scope, write watermark), least recently used out
 * first; a committed write moves the watermark, so new data is never hidden behind a cached result.
 */
final class ResultCache {

    /** What a cached result depends on. */
    record Key(String sql, Map<String, Object> params, Scope scope, long watermark) {}

    private final Map<Key, QueryResult> entries;

    ResultCache(int size) {
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, QueryResult> eldest) {
                return size() > size;
            }
        };
    }

    synchronized QueryResult get(Key key) {
        return entries.get(key);
    }

    synchronized void put(Key key, QueryResult result) {
        entries.put(key, result);
    }

    synchronized int size() {
        return entries.size();
    }
}
