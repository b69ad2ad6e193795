package dev.pulse.warehouse.ingest;

import dev.pulse.warehouse.ClickHouseEngine;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys one event stream's raw table holds, remembered in a {@link KeyFilter} so that ingestion
 * looks up only the keys that may be stored, not every key of every batch: the lookup was a large
 * share of ingestion's CPU (warehouse/INGESTION.md), and almost every key of a real stream is new.
 *
 * <p>Only sound when this process is the warehouse's only writer ({@link ClickHouseEngine#soleWriter()},
 * the embedded engine) and every write to the table goes through ingestion. The filter is built in
 * the background from the table; until it is complete every key is looked up. Whoever plans an
 * insert {@linkplain #adding adds} its keys first, so a complete filter holds every stored key even
 * when an insert fails after reaching the engine. Building starts with no insert of the stream in
 * flight (see {@link GroupCommit}): later inserts add their keys to the filter being built, earlier
 * ones are in the table it reads.
 *
 * <p>The lane lock of {@link GroupCommit} guards {@link #wanted}, {@link #startBuilding} and
 * {@link #adding}; the filter being read by the scan is thread-safe.
 */
final class StoredKeys {

    private static final Logger log = LoggerFactory.getLogger(StoredKeys.class);

    /** Keys a filter is sized for at least (1.25 MB). */
    static final long MIN_CAPACITY = 1L << 20;
    /** Beyond this many stored rows the filter would take more memory than the lookups are worth (25 MB). */
    static final long MAX_KEYS = 20_000_000;

    private static final long RETRY_NANOS = 60_000_000_000L;

    private final ClickHouseEngine engine;
    private final String table;
    private final String keyField;
    private volatile KeyFilter complete;
    private volatile KeyFilter building;
    private boolean tooMany;
    private volatile long retryAt = System.nanoTime();

    StoredKeys(ClickHouseEngine engine, String table, String keyField) {
        this.engine = engine;
        this.table = table;
        this.keyField = keyField;
    }

    /** A filter holding every stored key, or null while there is none: then every key must be looked up. */
    KeyFilter complete() {
        return complete;
    }

    /** Whether a filter should be built now: there is none and none is being built. Lock held. */
    boolean wanted() {
        return complete == null && building == null && !tooMany && System.nanoTime() - retryAt >= 0;
    }

    /** Sizes a new filter and reads the table into it in the background. Lock held, no insert in flight. */
    void startBuilding() {
        long stored;
        try {
            stored = ((Number) engine.query("SELECT count() FROM " + table).single()).longValue();
        } catch (RuntimeException e) {
            failed(e);
            return;
        }
        if (stored > MAX_KEYS) {
            tooMany = true;
            log.info("{} holds {} rows: its keys are looked up in the engine for every batch", table, stored);
            return;
        }
        KeyFilter filter = new KeyFilter(Math.max(MIN_CAPACITY, stored + stored / 2));
        building = filter;
        Thread.ofVirtual().name("pulse-keys-" + table).start(() -> scan(filter));
    }

    /**
     * Records keys an insert is about to store, in the complete filter or the one being built; past
     * {@link #MAX_KEYS} the filter is dropped and every key looked up. Lock held.
     */
    void adding(Iterable<String> keys) {
        KeyFilter filter = complete != null ? complete : building;
        if (filter == null) {
            return;
        }
        for (String key : keys) {
            filter.add(key);
        }
        if (filter.added() > MAX_KEYS) {
            tooMany = true;
            complete = null;
            building = null;
            log.info("{} received more than {} keys: they are looked up in the engine from now on", table, MAX_KEYS);
        }
    }

    /** Reads every stored key, a partition at a time so that no result is large. */
    private void scan(KeyFilter filter) {
        try {
            long start = System.nanoTime();
            List<List<Object>> partitions =
                    engine.query("SELECT DISTINCT _partition_id FROM " + table).rows();
            long keys = 0;
            for (List<Object> partition : partitions) {
                for (List<Object> row : engine.query(
                                "SELECT " + keyField + " FROM " + table + " WHERE _partition_id = {p:String}",
                                Map.of("p", partition.getFirst()))
                        .rows()) {
                    filter.add((String) row.getFirst());
                    keys++;
                }
            }
            if (building == filter) {
                complete = filter;
                building = null;
            }
            log.debug("{}: {} stored keys read in {} ms", table, keys, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        // a filter that missed part of the table would call stored keys new: none rather than that
        log.warn(
                "cannot read the keys {} holds, so they are looked up for every batch; trying again in a minute: {}",
                table,
                e.getMessage());
        retryAt = System.nanoTime() + RETRY_NANOS;
        building = null;
    }
}
