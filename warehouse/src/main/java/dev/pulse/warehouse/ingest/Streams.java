package dev.pulse.warehouse.ingest;

import static dev.pulse.warehouse.ingest.Field.optional;
import static dev.pulse.warehouse.ingest.Field.required;

import dev.pulse.warehouse.ingest.FieldTypes.Answers;
import dev.pulse.warehouse.ingest.FieldTypes.Currency;
import dev.pulse.warehouse.ingest.FieldTypes.Day;
import dev.pulse.warehouse.ingest.FieldTypes.Id;
import dev.pulse.warehouse.ingest.FieldTypes.Money;
import dev.pulse.warehouse.ingest.FieldTypes.OneOf;
import dev.pulse.warehouse.ingest.FieldTypes.Score;
import dev.pulse.warehouse.ingest.FieldTypes.Text;
import dev.pulse.warehouse.ingest.FieldTypes.Timestamp;
import dev.pulse.warehouse.ingest.StreamSpec.Keying;
import dev.pulse.warehouse.ingest.StreamSpec.Problem;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event model of the issue as data: the streams with every field, type, range and
 * required flag. The first field of each stream is its key.
 */
final class Streams {

    private static final int SHORT = 200;
    private static final int LONG = 10_000;
    /** The steps of a follow-up case (surveys module) that become {@code case-events}. */
    static final List<String> CASE_EVENTS = List.of("opened", "contacted", "resolved", "escalated");

    private final Map<String, StreamSpec> byPath = new LinkedHashMap<>();

    Streams(List<String> regions, Clock clock) {
        OneOf region = new OneOf(List.copyOf(regions));
        Id id = new Id();
        Text text = new Text(SHORT, false);
        Timestamp ts = new Timestamp(clock);
        add(new StreamSpec(
                "customers",
                "customers_raw",
                List.of(
                        required("customer_id", id),
                        required("updated_at", ts),
                        optional("name", text),
                        required("region", region),
                        optional("province", text),
                        optional("city", text),
                        optional("segment", text),
                        optional("email", new Text(320, false)),
                        optional("phone", new Text(50, false)),
                        optional("signup_date", new Day(LocalDate.of(1970, 1, 1), null, clock))),
                Keying.VERSIONED,
                row -> null));
        add(new StreamSpec(
                "transactions",
                "transactions_raw",
                List.of(
                        required("event_id", id),
                        required("transaction_id", id),
                        required("customer_id", id),
                        required("ts", ts),
                        required("amount", new Money(false)),
                        optional("currency", new Currency()),
                        optional("channel", text),
                        optional("product_category", text),
                        optional("campaign_id", id),
                        required("region", region)),
                Keying.EVENT,
                row -> null));
        add(new StreamSpec(
                "survey-responses",
                "survey_responses_raw",
                List.of(
                        required("event_id", id),
                        required("survey_id", id),
                        optional("customer_id", id),
                        optional("transaction_id", id),
                        required("ts", ts),
                        required("region", region),
                        optional("channel", text),
                        optional("language", new Text(35, false)),
                        optional("nps_score", new Score(0, 10)),
                        optional("csat_score", new Score(1, 5)),
                        optional("ces_score", new Score(1, 7)),
                        optional("comment", new Text(LONG, true)),
                        optional("answers", new Answers())),
                Keying.EVENT,
                Streams::atLeastOneScore));
        add(new StreamSpec(
                "feedback",
                "feedback_raw",
                List.of(
                        required("event_id", id),
                        required("feedback_id", id),
                        optional("customer_id", id),
                        required("ts", ts),
                        required("region", region),
                        optional("channel", text),
                        required("category", new OneOf(FieldTypes.FEEDBACK_CATEGORIES)),
                        optional("severity", new Score(1, 3)),
                        optional("first_response_at", ts),
                        optional("resolved_at", ts),
                        optional("text", new Text(LONG, true))),
                Keying.EVENT,
                Streams::responsesAfterTs));
        add(new StreamSpec(
                "case-events",
                "case_events_raw",
                List.of(
                        required("event_id", id),
                        required("case_id", id),
                        required("event", new OneOf(CASE_EVENTS)),
                        required("ts", ts),
                        required("opened_at", ts),
                        required("region", region),
                        optional("customer_id", id),
                        optional("survey_id", id),
                        optional("nps_score", new Score(0, 10)),
                        optional("csat_score", new Score(1, 5)),
                        optional("sla_minutes", new Score(1, 525_600))),
                Keying.EVENT,
                Streams::openedNotAfterTs));
        LocalDate planStart = LocalDate.of(2000, 1, 1);
        LocalDate planEnd = LocalDate.of(2099, 12, 31);
        add(new StreamSpec(
                "campaigns",
                "campaigns_raw",
                List.of(
                        required("campaign_id", id),
                        required("name", text),
                        optional("channel", text),
                        required("start_date", new Day(planStart, planEnd, clock)),
                        required("end_date", new Day(planStart, planEnd, clock)),
                        required("cost", new Money(true)),
                        optional("region", new OneOf(List.copyOf(regions), true))),
                Keying.LAST_WRITE,
                Streams::endAfterStart));
        // every event of one invitation carries the invitation's time, so a period's rate is about its invitations
        add(new StreamSpec(
                "survey-invitations",
                "survey_invitations_raw",
                List.of(
                        required("event_id", id),
                        required("invitation_id", id),
                        required("survey_id", id),
                        required("customer_id", id),
                        required("ts", ts),
                        required("region", region),
                        optional("channel", text),
                        required("status", new OneOf(List.of("sent", "skipped", "answered"))),
                        optional("reason", text)),
                Keying.EVENT,
                Streams::reasonWhenSkipped));
    }

    private void add(StreamSpec spec) {
        byPath.put(spec.path(), spec);
    }

    /** The stream named {@code path} in the API. */
    Optional<StreamSpec> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** Every stream name, in the model's order. */
    List<String> names() {
        return List.copyOf(byPath.keySet());
    }

    private static Problem atLeastOneScore(Map<String, Object> row) {
        boolean any = row.get("nps_score") != null || row.get("csat_score") != null || row.get("ces_score") != null;
        return any ? null : new Problem("nps_score", "at least one of nps_score, csat_score, ces_score is required");
    }

    private static Problem responsesAfterTs(Map<String, Object> row) {
        Instant ts = (Instant) row.get("ts");
        for (String field : List.of("first_response_at", "resolved_at")) {
            if (row.get(field) instanceof Instant at && at.isBefore(ts)) {
                return new Problem(field, "must not be before ts");
            }
        }
        return null;
    }

    private static Problem reasonWhenSkipped(Map<String, Object> row) {
        boolean skipped = "skipped".equals(row.get("status"));
        boolean reason =
                row.get("reason") != null && !row.get("reason").toString().isBlank();
        if (skipped != reason) {
            return new Problem(
                    "reason",
                    skipped ? "is required when status is skipped" : "is only allowed when status is skipped");
        }
        return null;
    }

    private static Problem openedNotAfterTs(Map<String, Object> row) {
        return ((Instant) row.get("opened_at")).isAfter((Instant) row.get("ts"))
                ? new Problem("opened_at", "must not be after ts")
                : null;
    }

    private static Problem endAfterStart(Map<String, Object> row) {
        LocalDate start = (LocalDate) row.get("start_date");
        LocalDate end = (LocalDate) row.get("end_date");
        return end.isBefore(start) ? new Problem("end_date", "must not be before start_date") : null;
    }
}
