package dev.pulse.surveys.cases;

import dev.pulse.surveys.outbox.WarehouseOutbox;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Records each step of a case for the warehouse stream {@code case-events} in the outbox, in the step's
 * transaction; the outbox delivers it through the same ingestion path as every other event, retrying while the
 * warehouse is down. The event id is the case and the step, so a repeated delivery is stored once.
 */
@Component
class WarehouseCaseEvents implements CaseEventSink {

    private static final DateTimeFormatter TS = DateTimeFormatter.ISO_INSTANT;

    private final WarehouseOutbox outbox;

    WarehouseCaseEvents(WarehouseOutbox outbox) {
        this.outbox = outbox;
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
        row.put(
                "sla_minutes",
                Math.max(1, Duration.between(c.openedAt(), c.dueAt()).toMinutes()));
        outbox.add("case-events", row);
    }
}
