package dev.pulse.reporting.schedule;

import dev.pulse.kernel.Role;
import dev.pulse.reporting.PeriodRule;
import dev.pulse.reporting.ReportDelivery;
import dev.pulse.reporting.ReportKind;
import dev.pulse.reporting.ReportPeriod;
import dev.pulse.reporting.ReportSchedule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Schedules and deliveries in the operational database. */
final class ScheduleStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, List<String>>> RECIPIENTS = new TypeReference<>() {};

    private final JdbcClient jdbc;

    ScheduleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A schedule with the role of whoever created it, which its runs compute as. */
    record StoredSchedule(ReportSchedule schedule, Role creatorRole) {}

    void insert(ReportSchedule s, Role creatorRole) {
        definition(jdbc.sql("""
                INSERT INTO report_schedules (id, name, report, cron, zone, period_rule, regions, recipients, language,
                                              created_by, creator_role, created_at)
                VALUES (:id, :name, :report, :cron, :zone, :rule, :regions, :recipients, :language, :by, :role, :at)
                """), s)
                .param("by", s.createdBy())
                .param("role", creatorRole.name())
                .param("at", utc(s.createdAt()))
                .update();
    }

    /**
     * Replaces the definition of a schedule that is not deleted; its id, creator and deliveries stay.
     *
     * @return false when there is no such schedule or it is deleted (by another request, perhaps)
     */
    boolean update(ReportSchedule s) {
        return definition(jdbc.sql("""
                UPDATE report_schedules SET name = :name, report = :report, cron = :cron, zone = :zone, period_rule = :rule,
                                            regions = :regions, recipients = :recipients, language = :language
                WHERE id = :id AND deleted_at IS NULL
                """), s).update() == 1;
    }

    /** The schedule, unless it is deleted. */
    Optional<StoredSchedule> find(String id) {
        return jdbc.sql("SELECT * FROM report_schedules WHERE id = :id AND deleted_at IS NULL")
                .param("id", id)
                .query(ScheduleStore::schedule)
                .optional();
    }

    /** Whether the schedule exists and is not deleted. */
    boolean live(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM report_schedules WHERE id = :id AND deleted_at IS NULL")
                        .param("id", id)
                        .query(Integer.class)
                        .single()
                == 1;
    }

    List<ReportSchedule> list() {
        return jdbc
                .sql("SELECT * FROM report_schedules WHERE deleted_at IS NULL ORDER BY created_at")
                .query(ScheduleStore::schedule)
                .list()
                .stream()
                .map(StoredSchedule::schedule)
                .toList();
    }

    /**
     * Marks the schedule deleted; its row stays, because its deliveries name it.
     *
     * @return false when there is no such schedule or it was deleted already (by another request, perhaps)
     */
    boolean markDeleted(String id, String by, Instant now) {
        return jdbc.sql(
                                "UPDATE report_schedules SET deleted_at = :now, deleted_by = :by WHERE id = :id AND deleted_at IS NULL")
                        .param("id", id)
                        .param("by", by)
                        .param("now", utc(now))
                        .update()
                == 1;
    }

    /** The delivery of (schedule, region, period), recorded now as PENDING for {@code recipients} if it is new. */
    ReportDelivery delivery(String scheduleId, String region, ReportPeriod period, Recipients recipients, Instant now) {
        Optional<ReportDelivery> existing = findDelivery(scheduleId, region, period);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            jdbc.sql("""
                    INSERT INTO report_deliveries (id, schedule_id, region, period_from, period_to, recipients,
                                                   recipients_source, status, created_at)
                    VALUES (:id, :schedule, :region, :from, :to, :recipients, :source, 'PENDING', :now)
                    """)
                    .param("id", UUID.randomUUID().toString())
                    .param("schedule", scheduleId)
                    .param("region", region)
                    .param("from", period.from())
                    .param("to", period.to())
                    .param("recipients", String.join(",", recipients.addresses()))
                    .param("source", recipients.source().name())
                    .param("now", utc(now))
                    .update();
        } catch (DuplicateKeyException raced) {
            // another instance recorded it first: theirs is the one
        }
        return findDelivery(scheduleId, region, period).orElseThrow();
    }

    /** Records the addresses an attempt goes to, resolved just before it. */
    void addressed(String deliveryId, Recipients recipients) {
        jdbc.sql("UPDATE report_deliveries SET recipients = :recipients, recipients_source = :source WHERE id = :id")
                .param("id", deliveryId)
                .param("recipients", String.join(",", recipients.addresses()))
                .param("source", recipients.source().name())
                .update();
    }

    /** The deliveries of the latest period a schedule ran for, by region; empty when it never ran. */
    List<ReportDelivery> latestDeliveries(String scheduleId) {
        return jdbc.sql("""
                SELECT * FROM report_deliveries WHERE schedule_id = :schedule AND period_from =
                    (SELECT MAX(period_from) FROM report_deliveries WHERE schedule_id = :schedule)
                ORDER BY region
                """)
                .param("schedule", scheduleId)
                .query(ScheduleStore::delivery)
                .list();
    }

    /** The deliveries that sent the file of a run. */
    List<ReportDelivery> deliveriesOfRun(String runId) {
        return deliveriesOfRuns(List.of(runId));
    }

    /** The deliveries that sent the files of these runs, oldest first. */
    List<ReportDelivery> deliveriesOfRuns(Collection<String> runIds) {
        return jdbc.sql("SELECT * FROM report_deliveries WHERE run_id IN (:runs) ORDER BY created_at")
                .param("runs", runIds)
                .query(ScheduleStore::delivery)
                .list();
    }

    void attachRun(String deliveryId, String runId) {
        jdbc.sql("UPDATE report_deliveries SET run_id = :run WHERE id = :id")
                .param("id", deliveryId)
                .param("run", runId)
                .update();
    }

    /** Records that the mail is about to be sent; committed before SMTP sees it. */
    void sending(String deliveryId) {
        jdbc.sql("UPDATE report_deliveries SET status = 'SENDING', attempts = attempts + 1 WHERE id = :id")
                .param("id", deliveryId)
                .update();
    }

    void sent(String deliveryId, Instant now) {
        jdbc.sql("UPDATE report_deliveries SET status = 'SENT', sent_at = :now, last_error = NULL WHERE id = :id")
                .param("id", deliveryId)
                .param("now", utc(now))
                .update();
    }

    void failed(String deliveryId, String error) {
        jdbc.sql("UPDATE report_deliveries SET status = 'FAILED', last_error = :error WHERE id = :id")
                .param("id", deliveryId)
                .param("error", error.length() > 2000 ? error.substring(0, 2000) : error)
                .update();
    }

    void unconfirmed(String deliveryId) {
        jdbc.sql("UPDATE report_deliveries SET status = 'UNCONFIRMED' WHERE id = :id")
                .param("id", deliveryId)
                .update();
    }

    private Optional<ReportDelivery> findDelivery(String scheduleId, String region, ReportPeriod period) {
        return jdbc.sql("""
                SELECT * FROM report_deliveries WHERE schedule_id = :schedule AND region = :region AND period_from = :from
                """)
                .param("schedule", scheduleId)
                .param("region", region)
                .param("from", period.from())
                .query(ScheduleStore::delivery)
                .optional();
    }

    private static ReportDelivery delivery(ResultSet rs, int row) throws SQLException {
        String recipients = rs.getString("recipients");
        OffsetDateTime sent = rs.getObject("sent_at", OffsetDateTime.class);
        return new ReportDelivery(
                rs.getString("id"),
                rs.getString("schedule_id"),
                rs.getString("region"),
                rs.getObject("period_from", LocalDate.class),
                rs.getObject("period_to", LocalDate.class),
                recipients.isEmpty() ? List.of() : List.of(recipients.split(",")),
                ReportDelivery.RecipientSource.valueOf(rs.getString("recipients_source")),
                rs.getString("run_id"),
                ReportDelivery.Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                sent == null ? null : sent.toInstant());
    }

    private static StoredSchedule schedule(ResultSet rs, int row) throws SQLException {
        ReportSchedule schedule = new ReportSchedule(
                rs.getString("id"),
                rs.getString("name"),
                ReportKind.of(rs.getString("report")).orElseThrow(),
                rs.getString("cron"),
                ZoneId.of(rs.getString("zone")),
                PeriodRule.valueOf(rs.getString("period_rule")),
                Arrays.asList(rs.getString("regions").split(",")),
                JSON.readValue(rs.getString("recipients"), RECIPIENTS),
                rs.getString("language"),
                rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
        return new StoredSchedule(schedule, Role.valueOf(rs.getString("creator_role")));
    }

    /** Binds what a schedule is (all but its creator), for an insert and an edit alike. */
    private static JdbcClient.StatementSpec definition(JdbcClient.StatementSpec sql, ReportSchedule s) {
        return sql.param("id", s.id())
                .param("name", s.name())
                .param("report", s.report().id())
                .param("cron", s.cron())
                .param("zone", s.zone().getId())
                .param("rule", s.periodRule().name())
                .param("regions", String.join(",", s.regions()))
                .param("recipients", JSON.writeValueAsString(s.recipients()))
                .param("language", s.language());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
