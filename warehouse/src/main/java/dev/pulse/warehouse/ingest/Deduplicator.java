package dev.pulse.warehouse.ingest;

import dev.pulse.warehouse.ClickHouseEngine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which valid rows are new: looks up the keys already stored and folds repeats inside the
 * batch, so a retried, reordered or re-split batch stores nothing twice.
 *
 * <p>{@link GroupCommit} runs this with the stream's lock held and keeps any later group that shares
 * a key waiting until these rows are committed or have failed, so two requests in this process cannot
 * both count the same record as new; the rows of several requests may be planned together, in
 * arrival order, and each row's verdict says how its request counts. Across processes the raw tables are
 * ReplacingMergeTrees read through FINAL views, so a race still reads once.
 */
final class Deduplicator {

    /** Keys per lookup: each lookup scans the key column once, so few large lookups beat many small ones. */
    private static final int LOOKUP_CHUNK = 20_000;

    private final ClickHouseEngine engine;

    Deduplicator(ClickHouseEngine engine) {
        this.engine = engine;
    }

    /**
     * For each row planned, whether it counts as accepted (else as a duplicate) and whether it is stored.
     */
    record Plan(boolean[] accepted, boolean[] insert) {

        boolean storesAny() {
            for (boolean row : insert) {
                if (row) {
                    return true;
                }
            }
            return false;
        }

        /** How many of the rows {@code from} (inclusive) to {@code to} (exclusive) count as accepted. */
        int accepted(int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                n += accepted[i] ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * @param stored for an event stream, a filter holding every key its table holds, or null: only
     *     the keys it may hold are looked up
     */
    Plan plan(StreamSpec spec, List<Row> rows, KeyFilter stored) {
        return switch (spec.keying()) {
            case EVENT -> events(spec, rows, stored);
            case VERSIONED -> versions(spec, rows);
            case LAST_WRITE -> lastWrites(spec, rows);
        };
    }

    private Plan events(StreamSpec spec, List<Row> rows, KeyFilter filter) {
        String key = spec.keyField();
        Set<String> seen = new HashSet<>();
        List<Row> maybeStored = filter == null
                ? rows
                : rows.stream().filter(row -> filter.mightContain(row.key(key))).toList();
        for (List<Object> stored : stored(
                spec,
                maybeStored,
                "SELECT " + key + " FROM " + spec.table() + " WHERE " + key + " IN splitByChar('\\n', {ids:String})")) {
            seen.add((String) stored.getFirst());
        }
        boolean[] accepted = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            accepted[i] = seen.add(rows.get(i).key(key));
        }
        return new Plan(accepted, accepted);
    }

    private Plan versions(StreamSpec spec, List<Row> rows) {
        String key = spec.keyField();
        Set<String> seen = new HashSet<>();
        for (List<Object> stored : stored(
                spec,
                rows,
                "SELECT " + key + ", toString(toUnixTimestamp64Milli(updated_at))" + " FROM " + spec.table() + " WHERE "
                        + key + " IN splitByChar('\\n', {ids:String})")) {
            seen.add(stored.get(0) + "\0" + stored.get(1));
        }
        boolean[] accepted = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            accepted[i] = seen.add(row.key(key) + "\0" + ((Instant) row.values().get("updated_at")).toEpochMilli());
        }
        return new Plan(accepted, accepted);
    }

    private Plan lastWrites(StreamSpec spec, List<Row> rows) {
        String key = spec.keyField();
        Map<String, String> current = new HashMap<>();
        for (List<Object> stored : stored(
                spec,
                rows,
                "SELECT " + key + ", toString(_hash) FROM " + spec.table() + " FINAL WHERE " + key
                        + " IN splitByChar('\\n', {ids:String})")) {
            current.put((String) stored.get(0), (String) stored.get(1));
        }
        // Within the batch the last write of a key wins too, so only that one needs storing.
        Map<String, Integer> last = new HashMap<>();
        boolean[] accepted = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String hash = String.valueOf(row.values().get("_hash"));
            String id = row.key(key);
            if (hash.equals(current.get(id))) {
                continue;
            }
            accepted[i] = true;
            current.put(id, hash);
            last.put(id, i);
        }
        boolean[] insert = new boolean[rows.size()];
        last.values().forEach(i -> insert[i] = true);
        return new Plan(accepted, insert);
    }

    /** The stored rows, as {@code sql} selects them, whose key is among the keys of {@code rows}. */
    private List<List<Object>> stored(StreamSpec spec, List<Row> rows, String sql) {
        List<String> ids =
                rows.stream().map(r -> r.key(spec.keyField())).distinct().toList();
        List<List<Object>> found = new ArrayList<>();
        if (ids.isEmpty()) {
            return found;
        }
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK));
            // one newline-joined string, not an Array(String): the engine parses a large array literal
            // slowly, and identifiers cannot hold control characters, so the newline is a safe separator
            found.addAll(
                    engine.query(sql, Map.of("ids", String.join("\n", chunk))).rows());
        }
        return found;
    }

    /**
     * Adds what deciding needs but validation does not give: a campaign's {@code _hash}, computed here,
     * before any lock, so the row can be encoded with it.
     */
    static void prepare(StreamSpec spec, List<Row> rows) {
        if (spec.keying() == StreamSpec.Keying.LAST_WRITE) {
            rows.forEach(row -> row.values().put("_hash", contentHash(row)));
        }
    }

    /**
     * Of each row, only what deciding needs: its key and, for customers, {@code updated_at}, for
     * campaigns {@code _hash}. A request's rows wait for their group's insert, long enough to outlive
     * a young collection when held whole, and copying and marking whole rows cost the garbage collector
     * about as much CPU as parsing them (figures in warehouse/INGESTION.md).
     */
    static List<Row> keysOf(StreamSpec spec, List<Row> rows) {
        String key = spec.keyField();
        List<Row> keys = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Map<String, Object> values = row.values();
            keys.add(new Row(
                    row.line(),
                    switch (spec.keying()) {
                        case EVENT -> Map.of(key, values.get(key));
                        case VERSIONED -> Map.of(key, values.get(key), "updated_at", values.get("updated_at"));
                        case LAST_WRITE -> Map.of(key, values.get(key), "_hash", values.get("_hash"));
                    }));
        }
        return keys;
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
