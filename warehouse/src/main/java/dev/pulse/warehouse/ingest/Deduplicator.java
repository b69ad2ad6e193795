package dev.pulse.warehouse.ingest;

import dev.pulse.warehouse.ClickHouseEngine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which valid rows are new: looks up the keys already stored and folds repeats inside the
 * batch, so a retried, reordered or re-split batch stores nothing twice.
 *
 * <p>The caller holds the stream's lock while this runs and the rows are inserted, so two requests
 * in this process cannot both count the same record as new. Across processes the raw tables are
 * ReplacingMergeTrees read through FINAL views, so a race still reads once.
 */
final class Deduplicator {

    private static final int LOOKUP_CHUNK = 2_000;

    private final ClickHouseEngine engine;

    Deduplicator(ClickHouseEngine engine) {
        this.engine = engine;
    }

    /** The rows to insert and how the batch counts. */
    record Plan(List<Row> insert, int accepted, int duplicates) {}

    Plan plan(StreamSpec spec, List<Row> rows) {
        return switch (spec.keying()) {
            case EVENT -> events(spec, rows);
            case VERSIONED -> versions(spec, rows);
            case LAST_WRITE -> lastWrites(spec, rows);
        };
    }

    private Plan events(StreamSpec spec, List<Row> rows) {
        String key = spec.keyField();
        Set<String> seen = new HashSet<>();
        for (List<Object> stored : stored(spec, rows,
                "SELECT " + key + " FROM " + spec.table() + " WHERE " + key + " IN {ids:Array(String)}")) {
            seen.add((String) stored.getFirst());
        }
        List<Row> insert = new ArrayList<>();
        for (Row row : rows) {
            if (seen.add(row.key(key))) {
                insert.add(row);
            }
        }
        return new Plan(insert, insert.size(), rows.size() - insert.size());
    }

    private Plan versions(StreamSpec spec, List<Row> rows) {
        String key = spec.keyField();
        Set<String> seen = new HashSet<>();
        for (List<Object> stored : stored(spec, rows, "SELECT " + key + ", toString(toUnixTimestamp64Milli(updated_at))"
                + " FROM " + spec.table() + " WHERE " + key + " IN {ids:Array(String)}")) {
            seen.add(stored.get(0) + "\0" + stored.get(1));
        }
        List<Row> insert = new ArrayList<>();
        for (Row row : rows) {
            if (seen.add(row.key(key) + "\0" + ((Instant) row.values().get("updated_at")).toEpochMilli())) {
                insert.add(row);
            }
        }
        return new Plan(insert, insert.size(), rows.size() - insert.size());
    }

    private Plan lastWrites(StreamSpec spec, List<Row> rows) {
        String key = spec.keyField();
        Map<String, String> current = new HashMap<>();
        for (List<Object> stored : stored(spec, rows, "SELECT " + key + ", toString(_hash) FROM " + spec.table()
                + " FINAL WHERE " + key + " IN {ids:Array(String)}")) {
            current.put((String) stored.get(0), (String) stored.get(1));
        }
        // Within the batch the last write of a key wins too, so only that one needs storing.
        Map<String, Row> last = new LinkedHashMap<>();
        int accepted = 0;
        for (Row row : rows) {
            long value = contentHash(row);
            row.values().put("_hash", value);
            String hash = Long.toString(value);
            String id = row.key(key);
            if (hash.equals(current.get(id))) {
                continue;
            }
            accepted++;
            current.put(id, hash);
            last.put(id, row);
        }
        return new Plan(List.copyOf(last.values()), accepted, rows.size() - accepted);
    }

    /** The stored rows, as {@code sql} selects them, whose key is among the keys of {@code rows}. */
    private List<List<Object>> stored(StreamSpec spec, List<Row> rows, String sql) {
        List<String> ids = rows.stream().map(r -> r.key(spec.keyField())).distinct().toList();
        List<List<Object>> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK));
            found.addAll(engine.query(sql, Map.of("ids", chunk)).rows());
        }
        return found;
    }

    /** A 63-bit digest of a campaign's content, so an identical re-send is recognised. */
    static long contentHash(Row row) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, Object> entry : row.values().entrySet()) {
                if (!entry.getKey().startsWith("_")) {
                    digest.update(String.valueOf(entry.getValue()).getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 1);
                }
            }
            byte[] d = digest.digest();
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (d[i] & 0xFF);
            }
            return value & Long.MAX_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
