package dev.pulse.dashboards.surveys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with {@code PULSE_DB_URL} pointing at the local PostgreSQL (a schema of its own,
 * dropped afterwards): Flyway migrates it and a survey is created, answered and counted.
 */
class PostgresOpsDatabaseIT extends SurveysHttpSupport {

    static final PostgresSchema SCHEMA = new PostgresSchema();

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws SQLException {
        SCHEMA.create(registry);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        SCHEMA.drop();
    }

    @Test
    void surveysLiveInPostgresqlWhenAUrlIsGiven() throws Exception {
        assertThat(jdbc.sql("SELECT current_schema()").query(String.class).single())
                .isEqualTo(SCHEMA.name);

        String survey = activeSurvey(DEFINITION);
        String link = invite(survey, "客户-" + UUID.randomUUID(), "华中", "zh");
        HttpResponse<String> done =
                browser().answer(link, List.of(Map.entry("q.nps", "10"), Map.entry("q.comment", "很好")));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM survey_response WHERE survey_id = :s")
                        .param("s", survey)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM survey_invitation WHERE survey_id = :s AND responded_at IS NOT NULL")
                        .param("s", survey)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(count("SELECT count() FROM survey_responses WHERE survey_id = {s:String}", Map.of("s", survey)))
                .isEqualTo(1);
    }

    @Test
    void anAnonymousFormSentTwiceIsOneResponseAndAnEmbedTokenIsUsedOnceOnPostgresql() throws Exception {
        String survey = activeSurvey(DEFINITION);
        SurveysHttpSupport.Browser browser = browser();
        List<Map.Entry<String, String>> fields = AnonymousSubmissionIT.form(browser.get("/s/open/" + survey), "6");
        assertThat(browser.post("/s/open/" + survey, fields).statusCode()).isEqualTo(303);
        assertThat(browser.post("/s/open/" + survey, fields).statusCode()).isEqualTo(303);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM survey_response WHERE survey_id = :s")
                        .param("s", survey)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // the migrations of the dashboards module: the session version of accounts, the used embed tokens' key
        assertThat(jdbc.sql("SELECT session_version FROM pulse_user WHERE username = 'admin'")
                        .query(Long.class)
                        .single())
                .isNotNegative();
        String insert =
                "INSERT INTO pulse_embed_token_use (token_id, app_id, expires_at) VALUES ('pg-token', 'app', CURRENT_TIMESTAMP)";
        jdbc.sql(insert).update();
        org.junit.jupiter.api.Assertions.assertThrows(
                org.springframework.dao.DuplicateKeyException.class,
                () -> jdbc.sql(insert).update());
    }
}
