package dev.pulse.surveys.cases;

import dev.pulse.warehouse.Ingestion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes each step of a case to the warehouse stream {@code case-events}, through the same ingestion
 * path as every other event; the event id is the case and the step, so a retried step is stored once.
 */
@Component
class WarehouseCaseEvents implements CaseEventSink {

    private static final DateTimeFormatter TS = DateTimeFormatter.ISO_INSTANT;

    private final Ingestion ingestion;
    private final JsonMapper json = JsonMapper.builder().build();

    WarehouseCaseEvents(Ingestion ingestion) {
        this.ingestion = ingestion;
    }

    @Override
    public void emit(String event, Instant at, FollowUpCase c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("event_id", "case-" + c.id() + "-" + event);
        row.put("case_id", c.id());
        row.put("event", event);
        row.put("ts", TS.format(at.truncatedTo(ChronoUnit.MILLIS)));
        row.put("opened_at", TS.format(c.openedAt().truncatedTo(ChronoUnit.MILLIS)));
        row.put("region", c.region());
        if (c.customerId() != null) {
            row.put("customer_id", c.customerId());
        }
        row.put("survey_id", c.surveyId());
        if (c.npsScore() != null) {
            row.put("nps_score", c.npsScore());
        }
        if (c.csatScore() != null) {
            row.put("csat_score", c.csatScore());
        }
        row.put("sla_minutes", Math.max(1, Duration.between(c.openedAt(), c.dueAt()).toMinutes()));
        byte[] line = (json.writeValueAsString(row) + "\n").getBytes(StandardCharsets.UTF_8);
        Ingestion.IngestResult result = ingestion.ingest("case-events", new ByteArrayInputStream(line), Ingestion.BodyFormat.NDJSON, true);
        if (!result.rejected().isEmpty()) {
            Ingestion.Rejection r = result.rejected().getFirst();
            throw new IllegalStateException("the warehouse refused a case event: " + r.field() + ": " + r.error());
        }
    }
}
