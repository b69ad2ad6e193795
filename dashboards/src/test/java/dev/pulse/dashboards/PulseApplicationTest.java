package dev.pulse.dashboards;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole application on a random port with one shared set of test properties, so that every application IT
 * with this annotation and no {@code @TestPropertySource} delta runs in the same cached Spring context (one start,
 * one warehouse directory, one seeding). A test that truly needs other settings adds them with
 * {@code @TestPropertySource(properties = ...)} and documents why; tests with identical deltas share a context.
 *
 * <p>Every API key any IT uses is here under its own name; sign-in failure limits per username and per address
 * are high because tests of many classes sign in from 127.0.0.1 in one context (the per username-and-address
 * limit keeps its default: tests of the lock-out rely on it). Tests share the warehouse, the operational
 * database and caches: they must not assume data they did not create is absent. {@link ShiftedClock} is the
 * context's clock: a test that moves it puts it back.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "pulse.warehouse.data-dir=target/it-warehouse",
            "pulse.data-dir=target/it-data",
            "pulse.security.api-keys="
                    // ReportsApiIT and the surveys ITs
                    + "it-east-key:REGIONAL_MANAGER:华东,it-southwest-key:REGIONAL_MANAGER:西南,it-exec-key:EXECUTIVE,"
                    + "it-ingest-key:INGEST,it-quality-key:QUALITY,it-analyst-key:ANALYST,it-loop-key:EXECUTIVE,"
                    + "it-admin-key:ADMIN,it-embed-exec:EXECUTIVE,"
                    // AuthorizationMatrixIT
                    + "m-ingest:INGEST,m-executive:EXECUTIVE,m-analyst:ANALYST,m-quality:QUALITY,"
                    + "m-manager:REGIONAL_MANAGER:华东,m-admin:ADMIN,"
                    // the region-scope shape ITs
                    + "rs-east-key:REGIONAL_MANAGER:华东,rs-exec-key:EXECUTIVE,"
                    // QueryApiIT
                    + "q-exec-key:EXECUTIVE,q-ingest-key:INGEST,q-south-key:REGIONAL_MANAGER:华南,"
                    // AnalystSqlApiIT
                    + "sql-analyst:ANALYST,sql-east:REGIONAL_MANAGER:华东,sql-quality:QUALITY,sql-ingest:INGEST,"
                    // the browser ITs
                    + "ui-exec-key:EXECUTIVE,ui-east-key:REGIONAL_MANAGER:华东,"
                    // BodyLimitsIT, FallbackProblemsIT, PublicBodyBudgetIT
                    + "limits-admin:ADMIN,limits-ingest:INGEST,fallback-admin:ADMIN,budget-quality:QUALITY,"
                    // CaseApiIT
                    + "case-south:REGIONAL_MANAGER:华南,case-east:REGIONAL_MANAGER:华东,case-exec:EXECUTIVE,"
                    + "case-ingest:INGEST,"
                    // AnalystSqlSlotsIT, IngestQueueIT
                    + "slots-analyst:ANALYST,slots-ingest:INGEST,slots-exec:EXECUTIVE,queue-key:INGEST",
            "pulse.dashboards.login-user-failures=100000",
            "pulse.dashboards.login-address-failures=100000"
        })
@Import(ShiftedClock.Configuration.class)
public @interface PulseApplicationTest {}
