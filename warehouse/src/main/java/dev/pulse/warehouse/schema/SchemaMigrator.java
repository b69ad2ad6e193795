package dev.pulse.warehouse.schema;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.EngineException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Applies the versioned ClickHouse scripts {@code db/clickhouse/V<n>__<name>.sql} in order and
 * records each in {@code schema_migrations}.
 *
 * <p>ClickHouse has no transactions for DDL, so every script is written to be idempotent
 * ({@code IF NOT EXISTS}); two processes starting together may both run a script and both record
 * it, which the ReplacingMergeTree of the record table folds into one row.
 */
public final class SchemaMigrator {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final Pattern FILE = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    private final ClickHouseEngine engine;
    private final String location;

    /**
     * @param engine must not be null
     * @param location classpath folder of the scripts, e.g. {@code db/clickhouse}
     */
    public SchemaMigrator(ClickHouseEngine engine, String location) {
        this.engine = engine;
        this.location = location;
    }

    /** One script: its version, name, text and checksum. */
    record Migration(int version, String name, String sql, String checksum) {}

    /** Applies what is not yet applied; returns the versions it applied now. */
    public List<Integer> migrate() {
        engine.execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version UInt32, name String, checksum String,
                    applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
                ) ENGINE = ReplacingMergeTree ORDER BY version""");
        Map<Integer, String> applied = new HashMap<>();
        for (List<Object> row : engine.query("SELECT version, checksum FROM schema_migrations FINAL")
                .rows()) {
            applied.put(((Number) row.get(0)).intValue(), (String) row.get(1));
        }
        List<Integer> now = new ArrayList<>();
        for (Migration migration : migrations()) {
            String checksum = applied.get(migration.version());
            if (checksum != null) {
                if (!checksum.equals(migration.checksum())) {
                    throw new EngineException(
                            0,
                            "ClickHouse migration V" + migration.version() + "__" + migration.name()
                                    + " was changed after it was applied; add a new version instead");
                }
                continue;
            }
            log.info("Applying ClickHouse migration V{}__{}", migration.version(), migration.name());
            for (String statement : statements(migration.sql())) {
                engine.execute(statement);
            }
            engine.query(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES ({v:UInt32}, {n:String}, {c:String})",
                    Map.of("v", migration.version(), "n", migration.name(), "c", migration.checksum()));
            now.add(migration.version());
        }
        return now;
    }

    List<Migration> migrations() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver(
                            getClass().getClassLoader())
                    .getResources("classpath*:" + location + "/V*.sql");
            List<Migration> found = new ArrayList<>();
            for (Resource resource : resources) {
                Matcher m = FILE.matcher(String.valueOf(resource.getFilename()));
                if (!m.matches()) {
                    throw new EngineException(
                            0, "migration file not named V<n>__<name>.sql: " + resource.getFilename());
                }
                String sql = resource.getContentAsString(StandardCharsets.UTF_8);
                found.add(new Migration(Integer.parseInt(m.group(1)), m.group(2), sql, sha256(sql)));
            }
            found.sort(Comparator.comparingInt(Migration::version));
            for (int i = 1; i < found.size(); i++) {
                if (found.get(i).version() == found.get(i - 1).version()) {
                    throw new EngineException(
                            0,
                            "two ClickHouse migrations share version "
                                    + found.get(i).version());
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a script at semicolons that end a line; {@code --} comment lines are dropped. */
    static List<String> statements(String sql) {
        StringBuilder current = new StringBuilder();
        List<String> out = new ArrayList<>();
        for (String line : sql.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                add(out, current);
            }
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder current) {
        String statement = current.toString().strip();
        if (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).strip();
        }
        if (!statement.isEmpty()) {
            out.add(statement);
        }
        current.setLength(0);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
