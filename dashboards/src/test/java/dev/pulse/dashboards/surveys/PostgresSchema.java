package dev.pulse.dashboards.surveys;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A schema of its own on the local PostgreSQL ({@code PULSE_TEST_PG_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/test},
 * user {@code postgres}) for one application context's operational database, dropped again by the test class.
 */
final class PostgresSchema {

    static final String BASE_URL =
            System.getenv().getOrDefault("PULSE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");

    final String name = "it_" + UUID.randomUUID().toString().replace("-", "");

    /** Creates the schema and points {@code spring.datasource} at it. */
    void create(DynamicPropertyRegistry registry) throws SQLException {
        execute("CREATE SCHEMA " + name);
        registry.add(
                "spring.datasource.url",
                () -> BASE_URL + (BASE_URL.contains("?") ? "&" : "?") + "currentSchema=" + name);
        registry.add("spring.datasource.username", () -> "postgres");
    }

    void drop() throws SQLException {
        execute("DROP SCHEMA " + name + " CASCADE");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(BASE_URL, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
