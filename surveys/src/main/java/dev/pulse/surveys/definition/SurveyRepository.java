package dev.pulse.surveys.definition;

import dev.pulse.surveys.Survey;
import dev.pulse.surveys.SurveyDefinition;
import dev.pulse.surveys.SurveyStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Surveys and their versions in the operational database; definitions are stored as JSON text. */
class SurveyRepository {

    private static final String SELECT = """
            SELECT s.id, s.status, s.current_version, v.definition, s.created_at, s.created_by, s.updated_at, s.updated_by
            FROM survey s JOIN survey_version v ON v.survey_id = s.id AND v.version = s.current_version
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    SurveyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, SurveyDefinition definition, Instant now, String by) {
        jdbc.sql("""
                INSERT INTO survey (id, status, current_version, created_at, created_by, updated_at, updated_by)
                VALUES (:id, :status, 1, :now, :by, :now, :by)""")
                .param("id", id)
                .param("status", SurveyStatus.DRAFT.name())
                .param("now", utc(now))
                .param("by", by)
                .update();
        insertVersion(id, 1, definition, now, by);
    }

    void insertVersion(String id, int version, SurveyDefinition definition, Instant now, String by) {
        jdbc.sql("""
                INSERT INTO survey_version (survey_id, version, definition, created_at, created_by)
                VALUES (:id, :version, :definition, :now, :by)""")
                .param("id", id)
                .param("version", version)
                .param("definition", json.writeValueAsString(definition))
                .param("now", utc(now))
                .param("by", by)
                .update();
    }

    /** Overwrites a version in place; only for drafts, which nobody has answered. */
    void replaceVersion(String id, int version, SurveyDefinition definition, Instant now, String by) {
        jdbc.sql(
                        "UPDATE survey_version SET definition = :definition, created_at = :now, created_by = :by WHERE survey_id = :id AND version = :version")
                .param("definition", json.writeValueAsString(definition))
                .param("now", utc(now))
                .param("by", by)
                .param("id", id)
                .param("version", version)
                .update();
    }

    /**
     * Moves the survey on, but only if nobody else moved it since it was read.
     *
     * @return false when the survey's status or version changed in the meantime
     */
    boolean update(
            String id,
            SurveyStatus expectedStatus,
            int expectedVersion,
            SurveyStatus status,
            int version,
            Instant now,
            String by) {
        return jdbc.sql("""
                UPDATE survey SET status = :status, current_version = :version, updated_at = :now, updated_by = :by
                WHERE id = :id AND status = :expectedStatus AND current_version = :expectedVersion""")
                        .param("status", status.name())
                        .param("version", version)
                        .param("now", utc(now))
                        .param("by", by)
                        .param("id", id)
                        .param("expectedStatus", expectedStatus.name())
                        .param("expectedVersion", expectedVersion)
                        .update()
                == 1;
    }

    Optional<Survey> find(String id) {
        return jdbc.sql(SELECT + " WHERE s.id = :id")
                .param("id", id)
                .query(this::survey)
                .optional();
    }

    List<Survey> findAll() {
        return jdbc.sql(SELECT + " ORDER BY s.created_at DESC, s.id")
                .query(this::survey)
                .list();
    }

    Optional<SurveyDefinition> version(String id, int version) {
        return jdbc.sql("SELECT definition FROM survey_version WHERE survey_id = :id AND version = :version")
                .param("id", id)
                .param("version", version)
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, SurveyDefinition.class));
    }

    /** Responses per version of one survey. */
    Map<Integer, Long> responseCounts(String id) {
        return jdbc
                .sql("SELECT version, COUNT(*) AS n FROM survey_response WHERE survey_id = :id GROUP BY version")
                .param("id", id)
                .query((rs, i) -> Map.entry(rs.getInt("version"), rs.getLong("n")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Responses per survey, all versions together. */
    Map<String, Long> responseCountsBySurvey() {
        return jdbc
                .sql("SELECT survey_id, COUNT(*) AS n FROM survey_response GROUP BY survey_id")
                .query((rs, i) -> Map.entry(rs.getString("survey_id"), rs.getLong("n")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private Survey survey(ResultSet rs, int row) throws SQLException {
        return new Survey(
                rs.getString("id"),
                SurveyStatus.valueOf(rs.getString("status")),
                rs.getInt("current_version"),
                json.readValue(rs.getString("definition"), SurveyDefinition.class),
                instant(rs, "created_at"),
                rs.getString("created_by"),
                instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
