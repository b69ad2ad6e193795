package dev.pulse.dashboards.surveys;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link SurveyPagesIT} with the operational database on the local PostgreSQL (a schema of its own, dropped afterwards). */
class SurveyPagesOnPostgresIT extends SurveyPagesIT {

    static final PostgresSchema SCHEMA = new PostgresSchema();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws SQLException {
        SCHEMA.create(registry);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        SCHEMA.drop();
    }
}
