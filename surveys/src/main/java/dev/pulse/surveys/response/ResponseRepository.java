package dev.pulse.surveys.response;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Which version each response answered, kept in the operational database (the event has no version field). */
class ResponseRepository {

    private final JdbcClient jdbc;

    ResponseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(String eventId) {
        return jdbc.sql("SELECT count(*) FROM survey_response WHERE event_id = :event")
                        .param("event", eventId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void insert(String eventId, String surveyId, int version, String invitationId, String language, Instant now) {
        jdbc.sql("""
                INSERT INTO survey_response (event_id, survey_id, version, invitation_id, language, submitted_at)
                VALUES (:event, :survey, :version, :invitation, :language, :now)""")
                .param("event", eventId)
                .param("survey", surveyId)
                .param("version", version)
                .param("invitation", invitationId)
                .param("language", language)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }
}
