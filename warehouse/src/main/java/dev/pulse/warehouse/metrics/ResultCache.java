package dev.pulse.warehouse.metrics;

import dev.pulse.kernel.Scope;
import dev.pulse.warehouse.QueryResult;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Engine results by (compiled SQL, parameters, scope, write watermark), least recently used out
 * first; a committed write moves the watermark, so new data is never hidden behind a cached result.
 * Bounded by entries and by the estimated bytes of the results held, so a few very large results
 * cannot fill the heap; a result larger than the byte bound is not cached at all.
 */
final class ResultCache {

    /** What a cached result depends on. */
    record Key(String sql, Map<String, Object> params, Scope scope, long watermark) {}

    /** A reference, an object header and a boxed number or date: what a cell costs at least. */
    static final long CELL_BYTES = 32;
    /** A row's list and its array, a key and an entry of the map: what any row or entry costs. */
    static final long OVERHEAD_BYTES = 64;

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<Key, Held> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    /** A cached result and its estimated size. */
    private record Held(QueryResult result, long bytes) {}

    ResultCache(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    synchronized QueryResult get(Key key) {
        Held held = entries.get(key);
        return held == null ? null : held.result();
    }

    synchronized void put(Key key, QueryResult result) {
        long size = estimate(key, result);
        Held old = entries.remove(key);
        if (old != null) {
            bytes -= old.bytes();
        }
        if (maxEntries < 1 || size > maxBytes) {
            return;
        }
        entries.put(key, new Held(result, size));
        bytes += size;
        Iterator<Held> eldestFirst = entries.values().iterator();
        while (entries.size() > maxEntries || bytes > maxBytes) {
            bytes -= eldestFirst.next().bytes();
            eldestFirst.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    /** The estimated bytes of every result held. */
    synchronized long bytes() {
        return bytes;
    }

    /** The estimated heap size of a result and its key: cells at {@link #CELL_BYTES}, text by its length. */
    static long estimate(Key key, QueryResult result) {
        long size = OVERHEAD_BYTES + text(key.sql());
        for (Map.Entry<String, Object> param : key.params().entrySet()) {
            size += text(param.getKey()) + value(param.getValue());
        }
        for (QueryResult.Column column : result.columns()) {
            size += OVERHEAD_BYTES + text(column.name()) + text(column.type());
        }
        for (List<Object> row : result.rows()) {
            size += OVERHEAD_BYTES;
            for (Object cell : row) {
                size += value(cell);
            }
        }
        return size;
    }

    private static long value(Object value) {
        return switch (value) {
            case null -> CELL_BYTES;
            case CharSequence text -> text(text);
            case List<?> list ->
                OVERHEAD_BYTES + list.stream().mapToLong(ResultCache::value).sum();
            default -> CELL_BYTES;
        };
    }

    /** A string's object, its array header and two bytes a character (Chinese text is not Latin-1). */
    private static long text(CharSequence text) {
        return CELL_BYTES + 16 + 2L * text.length();
    }
}
