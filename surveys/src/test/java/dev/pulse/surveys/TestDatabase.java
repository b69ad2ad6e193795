package dev.pulse.surveys;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pulse.kernel.OpsDatabaseDefaults;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh operational database for one test class, migrated with the application's own Flyway
 * files: an H2 file under {@code target/}, or a schema of its own on the local PostgreSQL
 * ({@code PULSE_TEST_PG_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code postgres}) that is dropped again on close, so parallel runs do not meet.
 */
public final class TestDatabase implements AutoCloseable {

    /** Which database engine. */
    public enum Vendor {
        H2,
        POSTGRESQL
    }

    private final Vendor vendor;
    private final String schema;
    private final HikariDataSource dataSource;

    private TestDatabase(Vendor vendor, String schema, HikariDataSource dataSource) {
        this.vendor = vendor;
        this.schema = schema;
        this.dataSource = dataSource;
    }

    /** Creates, migrates and returns a new empty database. */
    public static TestDatabase open(Vendor vendor) {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "");
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(4);
        switch (vendor) {
            case H2 -> {
                config.setJdbcUrl("jdbc:h2:file:./target/ops-test/" + name + OpsDatabaseDefaults.H2_OPTIONS);
                config.setUsername("sa");
            }
            case POSTGRESQL -> {
                try (Connection c = DriverManager.getConnection(postgresUrl(), "postgres", "");
                        Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA " + name);
                } catch (SQLException e) {
                    throw new IllegalStateException("PostgreSQL at " + postgresUrl() + " is needed for this test", e);
                }
                config.setJdbcUrl(postgresUrl() + (postgresUrl().contains("?") ? "&" : "?") + "currentSchema=" + name);
                config.setUsername("postgres");
            }
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/ops")
                .outOfOrder(true)
                .load()
                .migrate();
        return new TestDatabase(vendor, name, dataSource);
    }

    public Vendor vendor() {
        return vendor;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    public TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public void close() {
        dataSource.close();
        if (vendor == Vendor.POSTGRESQL) {
            try (Connection c = DriverManager.getConnection(postgresUrl(), "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String postgresUrl() {
        String url = System.getenv("PULSE_TEST_PG_URL");
        return url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test" : url;
    }
}
