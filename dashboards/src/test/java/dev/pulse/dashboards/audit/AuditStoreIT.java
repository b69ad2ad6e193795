package dev.pulse.dashboards.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.pulse.kernel.AuditAction;
import dev.pulse.kernel.AuditEvent;
import dev.pulse.kernel.Role;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit store on H2 (PostgreSQL mode, as the application runs it) and on the local PostgreSQL, with the
 * migration file itself: filters, paging, the retention purge, cut values, the caller's transaction, and a
 * failed write that is logged (without its details) instead of breaking the action.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditStoreIT {

    static final String PG_URL =
            System.getenv().getOrDefault("PULSE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

    String schema;
    DataSource dataSource;
    AuditStore store;

    void open(String database) throws Exception {
        if (database.equals("h2")) {
            dataSource = new DriverManagerDataSource(
                    "jdbc:h2:mem:audit-" + UUID.randomUUID()
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                    "sa",
                    "");
        } else {
            schema = "audit_" + UUID.randomUUID().toString().replace("-", "");
            execute("CREATE SCHEMA " + schema);
            dataSource = new DriverManagerDataSource(
                    PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, "postgres", "");
        }
        try (Connection c = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource("db/ops/dashboards/V5_020__audit_log.sql"));
        }
        store = new AuditStore(JdbcClient.create(dataSource));
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static AuditEvent event(Instant at, String actor, AuditAction action, String target) {
        return new AuditEvent(
                at,
                actor,
                Role.REGIONAL_MANAGER,
                Set.of("华东", "华南"),
                "10.0.0.7",
                action,
                target,
                Map.of("rows", "3"),
                AuditEvent.Outcome.SUCCESS,
                null);
    }

    static AuditQuery query(String who, String what, String from, String to, String page, String size) {
        return AuditQuery.parse(who, what, from, to, page, size, ZoneId.of("Asia/Shanghai"));
    }

    static List<String> targets(AuditEntry.Page page) {
        return page.entries().stream().map(AuditEntry::target).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void entriesComeBackNewestFirstThroughEveryFilter(String database) throws Exception {
        open(database);
        store.record(event(T0, "Manager.East", AuditAction.CASE_NOTE, "c1"));
        store.record(event(T0.plusSeconds(3600), "analyst", AuditAction.SQL_RUN, "s1"));
        store.record(event(T0.plusSeconds(86_400), "manager.east", AuditAction.CASE_RESOLVE, "c2"));
        store.record(event(T0.plusSeconds(2 * 86_400), "50%_off", AuditAction.EXPORT, "e1"));

        AuditEntry.Page all = store.search(query(null, null, null, null, null, null));
        assertThat(targets(all)).containsExactly("e1", "c2", "s1", "c1");
        assertThat(all.total()).isEqualTo(4);
        AuditEntry first = all.entries().getLast();
        assertThat(first.at()).isEqualTo(T0);
        assertThat(first.role()).isEqualTo("REGIONAL_MANAGER");
        assertThat(first.regions()).containsExactly("华东", "华南");
        assertThat(first.address()).isEqualTo("10.0.0.7");
        assertThat(first.details()).isEqualTo(Map.of("rows", "3"));
        assertThat(first.outcome()).isEqualTo("SUCCESS");

        assertThat(targets(store.search(query("MANAGER", null, null, null, null, null))))
                .containsExactly("c2", "c1");
        assertThat(targets(store.search(query("0%_", null, null, null, null, null))))
                .as("wildcards match themselves")
                .containsExactly("e1");
        assertThat(targets(store.search(query("%", null, null, null, null, null))))
                .containsExactly("e1");
        assertThat(targets(store.search(query(null, "case_", null, null, null, null))))
                .containsExactly("c2", "c1");
        // days in Asia/Shanghai: 2026-05-01 starts at 2026-04-30T16:00Z, so T0 + 1 h and T0 fall on it, T0 + 1 d on the
        // 2nd
        assertThat(targets(store.search(query(null, null, "2026-05-01", "2026-05-01", null, null))))
                .containsExactly("s1", "c1");
        assertThat(targets(store.search(query(null, null, "2026-05-01T00:30:00Z", "2026-05-02T12:00:00Z", null, null))))
                .containsExactly("c2", "s1");
        AuditEntry.Page second = store.search(query(null, null, null, null, "1", "3"));
        assertThat(targets(second)).containsExactly("c1");
        assertThat(second.total()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void thePurgeRemovesOnlyEntriesOlderThanTheCutOff(String database) throws Exception {
        open(database);
        store.record(event(T0, "a", AuditAction.SIGN_IN, "old"));
        store.record(event(T0.plusSeconds(10), "a", AuditAction.SIGN_IN, "new"));

        assertThat(store.purge(T0.plusSeconds(10))).isEqualTo(1);
        assertThat(targets(store.search(query(null, null, null, null, null, null))))
                .containsExactly("new");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anEntryIsWrittenInTheCallersTransactionAndLongValuesAreCut(String database) throws Exception {
        open(database);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        tx.executeWithoutResult(status -> {
            store.record(event(T0, "a", AuditAction.CASE_NOTE, "rolled-back"));
            status.setRollbackOnly();
        });
        store.record(
                event(T0, "a".repeat(300), AuditAction.SQL_RUN, "t".repeat(500)).with("sql", "x".repeat(10_000)));

        AuditEntry entry = store.search(query(null, null, null, null, null, null))
                .entries()
                .getFirst();
        assertThat(store.search(query(null, null, null, null, null, null)).total())
                .as("the rolled-back entry is gone")
                .isEqualTo(1);
        assertThat(entry.actor()).hasSize(200).endsWith("…");
        assertThat(entry.target()).hasSize(400);
        assertThat(entry.details().get("sql"))
                .hasSize(AuditStore.DETAIL_LENGTH)
                .startsWith("xxx")
                .endsWith("…");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aWriteThatFailsIsLoggedWithoutItsDetailsAndDoesNotThrow(String database, CapturedOutput output)
            throws Exception {
        open(database);
        JdbcClient.create(dataSource).sql("DROP TABLE pulse_audit").update();

        assertThatCode(() -> store.record(
                        event(T0, "manager.east", AuditAction.SQL_RUN, "s").with("sql", "SELECT 'secret-detail'")))
                .doesNotThrowAnyException();
        assertThat(output.getAll())
                .contains("Audit entry NOT written: action=SQL_RUN actor=manager.east outcome=SUCCESS")
                .doesNotContain("secret-detail");
    }
}
