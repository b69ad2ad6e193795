package dev.pulse.bench;

import dev.pulse.warehouse.ClickHouseEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * The peer a user would otherwise pick: the rows of the bench's warehouse copied into a scratch
 * schema of a local PostgreSQL (exported by the engine as CSV, loaded with {@code COPY}, indexed
 * on time and analyzed), queried with SQL written by hand ({@code bench/postgres-queries.sql});
 * the schema is dropped on {@link #close()}.
 */
final class PostgresPeer implements AutoCloseable {

    private static final Pattern PARAM = Pattern.compile(":(prev_from|from|to)\\b");
    private static final Map<String, String> EXPORTS = Map.of(
            "transactions", "SELECT customer_id, ts, amount, channel, campaign_id, region FROM transactions",
            "survey_responses", "SELECT ts, region, channel, nps_score, csat_score FROM survey_responses",
            "feedback", "SELECT ts, region, category FROM feedback",
            "campaigns", "SELECT campaign_id, channel, start_date, end_date, cost, region FROM campaigns");

    private final Connection connection;
    private final String schema;
    private final Map<String, String> queries;

    private PostgresPeer(Connection connection, String schema) throws IOException {
        this.connection = connection;
        this.schema = schema;
        this.queries = named(resource("postgres-queries.sql"));
    }

    /** Connects and creates the scratch schema; throws SQLException when PostgreSQL is not reachable. */
    static PostgresPeer connect(String url, String user) throws SQLException, IOException {
        Connection connection = DriverManager.getConnection(url, user, "");
        String schema = "pulse_bench_" + Long.toHexString(System.nanoTime());
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("SET search_path TO " + schema);
            s.execute("SET TIME ZONE 'UTC'");
        }
        return new PostgresPeer(connection, schema);
    }

    /** Copies the engine's rows (deduplicated views) into the scratch schema; returns the rows copied. */
    long load(ClickHouseEngine engine, Path dir) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute(resource("postgres-schema.sql"));
        }
        long rows = 0;
        for (Map.Entry<String, String> export : EXPORTS.entrySet()) {
            Path csv = dir.resolve(export.getKey() + ".csv");
            Files.deleteIfExists(csv);
            engine.execute(export.getValue() + " INTO OUTFILE '" + csv + "' FORMAT CSV");
            try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                rows += connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn("COPY " + export.getKey() + " FROM STDIN (FORMAT csv, NULL '\\N')", in);
            }
            Files.delete(csv);
        }
        try (Statement s = connection.createStatement()) {
            s.execute(resource("postgres-indexes.sql"));
            s.execute("ANALYZE");
        }
        return rows;
    }

    /** Runs one named query with the range and returns how many rows it answered. */
    int run(String name, LocalDate from, LocalDate to, LocalDate previousFrom) throws SQLException {
        String sql = queries.get(name);
        if (sql == null) {
            throw new IllegalArgumentException("no PostgreSQL query named " + name);
        }
        List<LocalDate> values = new ArrayList<>();
        Matcher m = PARAM.matcher(sql);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            values.add(
                    switch (m.group(1)) {
                        case "from" -> from;
                        case "to" -> to;
                        default -> previousFrom;
                    });
            m.appendReplacement(text, "?");
        }
        m.appendTail(text);
        try (PreparedStatement ps = connection.prepareStatement(text.toString())) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            int rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                }
            }
            return rows;
        }
    }

    @Override
    public void close() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } finally {
            connection.close();
        }
    }

    private static Map<String, String> named(String file) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] blocks = file.split("-- name: ");
        for (int i = 1; i < blocks.length; i++) {
            int eol = blocks[i].indexOf('\n');
            String body = blocks[i].substring(eol + 1).strip();
            out.put(
                    blocks[i].substring(0, eol).strip(),
                    body.endsWith(";") ? body.substring(0, body.length() - 1) : body);
        }
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PostgresPeer.class.getResourceAsStream("/bench/" + name)) {
            if (in == null) {
                throw new IOException("missing resource /bench/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
