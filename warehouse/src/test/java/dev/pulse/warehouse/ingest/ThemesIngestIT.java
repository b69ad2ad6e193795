package dev.pulse.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kernel.PulseSettings;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.IngestSettings;
import dev.pulse.warehouse.Ingestion.BodyFormat;
import dev.pulse.warehouse.Ingestion.IngestResult;
import dev.pulse.warehouse.WarehouseSettings;
import dev.pulse.warehouse.WriteWatermark;
import dev.pulse.warehouse.engine.EmbeddedEngine;
import dev.pulse.warehouse.schema.SchemaMigrator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Survey comments and feedback text are stored with their themes, computed on the way in. */
class ThemesIngestIT {

    static ClickHouseEngine engine;
    static IngestService ingestion;

    @BeforeAll
    static void open() {
        engine = new EmbeddedEngine(new WarehouseSettings(
                WarehouseSettings.Mode.EMBEDDED,
                Path.of("target", "engine-it"),
                null,
                null,
                "default",
                "",
                "pulse_themes_it",
                2,
                2_000_000_000L,
                Duration.ofSeconds(30)));
        new SchemaMigrator(engine, "db/clickhouse").migrate();
        PulseSettings pulse = new PulseSettings(
                Path.of("target", "it-data"),
                ZoneId.of("Asia/Shanghai"),
                List.of("华北", "东北", "华东", "华中", "华南", "西南", "西北"));
        ingestion = new IngestService(engine, pulse, IngestSettings.defaults(), new WriteWatermark());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    IngestResult ingest(String stream, String... lines) {
        byte[] body = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        return ingestion.ingest(stream, new ByteArrayInputStream(body), BodyFormat.NDJSON, true);
    }

    @Test
    void surveyCommentsAndFeedbackAreStoredWithTheirThemes() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        IngestResult responses = ingest(
                "survey-responses",
                "{\"event_id\":\"" + run
                        + "-1\",\"survey_id\":\"s\",\"ts\":\"2026-05-01T08:00:00+08:00\",\"region\":\"华东\",\"nps_score\":3,\"comment\":\"快递太慢，客服态度也差\"}",
                "{\"event_id\":\"" + run
                        + "-2\",\"survey_id\":\"s\",\"ts\":\"2026-05-01T08:00:00+08:00\",\"region\":\"华东\",\"nps_score\":10}",
                "{\"event_id\":\"" + run
                        + "-3\",\"survey_id\":\"s\",\"ts\":\"2026-05-01T08:00:00+08:00\",\"region\":\"华南\",\"csat_score\":1,\"comment\":\"Way too expensive\"}");
        assertThat(responses.accepted()).isEqualTo(3);
        IngestResult feedback = ingest(
                "feedback",
                "{\"event_id\":\"" + run
                        + "-f\",\"feedback_id\":\"f\",\"ts\":\"2026-05-01T08:00:00+08:00\",\"region\":\"华北\",\"category\":\"complaint\",\"text\":\"申请退款一周了，app 还是卡顿\"}");
        assertThat(feedback.accepted()).isEqualTo(1);

        var stored = engine.query(
                "SELECT event_id, themes FROM survey_responses WHERE startsWith(event_id, {p:String}) ORDER BY event_id",
                Map.of("p", run));
        assertThat(stored.rows())
                .extracting(r -> r.get(0) + "=" + r.get(1))
                .containsExactly(run + "-1=[delivery, service_attitude]", run + "-2=[]", run + "-3=[price]");
        Object themes = engine.query("SELECT themes FROM feedback WHERE event_id = {e:String}", Map.of("e", run + "-f"))
                .single();
        assertThat(String.valueOf(themes)).isEqualTo("[refund, app]");
    }
}
