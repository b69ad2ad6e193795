package dev.pulse.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes every MergeTree table of the warehouse fsync its parts, or not, as {@code pulse.ingest.fsync} says.
 *
 * <p>An insert returns once its part is written and committed; without fsync the part may still sit in
 * the operating system's page cache, which outlives a crash of this process but not a power loss. The
 * engine knows fsync only as table settings (an insert's own {@code SETTINGS fsync_after_insert} is an
 * unknown setting on 26.5), so they are set on the tables at start-up, with no migration, and follow the
 * property when it changes. Merged parts are synced too: chDB keeps no merged-away parts
 * ({@code old_parts_lifetime} is 0), so an unsynced merge could lose rows whose insert had been synced.
 */
public final class PartFsync {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private PartFsync() {}

    /**
     * Sets the fsync settings on every MergeTree table of the current database.
     *
     * @param engine must not be null
     * @param fsync true to sync every inserted and merged part and its directory before it counts as written
     * @return the tables it set, by name
     */
    public static List<String> apply(ClickHouseEngine engine, boolean fsync) {
        int on = fsync ? 1 : 0;
        List<String> tables = new ArrayList<>();
        for (List<Object> row : engine.query("SELECT name FROM system.tables WHERE database = currentDatabase()"
                        + " AND engine LIKE '%MergeTree' ORDER BY name")
                .rows()) {
            String table = (String) row.getFirst();
            // names come from the engine's catalogue, not from a user; quoting them is safe only if they are plain
            if (!TABLE.matcher(table).matches()) {
                throw new EngineException(0, "cannot set fsync on a table whose name is not plain: " + table);
            }
            engine.execute("ALTER TABLE `" + table + "` MODIFY SETTING fsync_after_insert = " + on
                    + ", fsync_part_directory = " + on + ", min_rows_to_fsync_after_merge = " + on);
            tables.add(table);
        }
        return tables;
    }
}
