package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.Pulse;
import dev.pulse.warehouse.ClickHouseEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A 200 means committed: after the application stops and starts again on the same data, every acknowledged row is there. */
class IngestRestartIT {

    static ConfigurableApplicationContext start() {
        // command-line arguments, so they win over application.yml as @SpringBootTest properties would
        return new SpringApplicationBuilder(Pulse.class)
                .run(
                        "--server.port=0",
                        "--pulse.warehouse.data-dir=target/it-warehouse",
                        "--pulse.data-dir=target/it-data",
                        "--pulse.security.api-keys=restart-key:INGEST");
    }

    static HttpResponse<String> post(ConfigurableApplicationContext context, String body) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/v1/ingest/survey-responses"))
                                .header("Authorization", "Bearer restart-key")
                                .header("Content-Type", "application/x-ndjson")
                                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyAcknowledgedRowSurvivesARestart() throws Exception {
        String prefix = UUID.randomUUID().toString();
        String body = IntStream.rangeClosed(1, 500)
                .mapToObj(i -> """
                {"event_id":"%s-%d","survey_id":"重启","ts":"2026-05-01T08:00:00Z","region":"华中","nps_score":%d}""".formatted(prefix, i, i % 11))
                .collect(Collectors.joining("\n"));
        JsonMapper json = JsonMapper.builder().build();

        try (ConfigurableApplicationContext first = start()) {
            HttpResponse<String> response = post(first, body);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json.readTree(response.body()).get("accepted").asInt()).isEqualTo(500);
        }

        try (ConfigurableApplicationContext second = start()) {
            ClickHouseEngine engine = second.getBean(ClickHouseEngine.class);
            Map<String, String> params = Map.of("p", prefix);
            assertThat(engine.query(
                                    "SELECT count() FROM survey_responses WHERE startsWith(event_id, {p:String})",
                                    params)
                            .single())
                    .isEqualTo(500L);
            assertThat(engine.query(
                                    "SELECT sum(nps_score) FROM survey_responses WHERE startsWith(event_id, {p:String})",
                                    params)
                            .single())
                    .isEqualTo((long)
                            IntStream.rangeClosed(1, 500).map(i -> i % 11).sum());
            JsonNode retry = json.readTree(post(second, body).body());
            assertThat(retry.get("accepted").asInt()).isZero();
            assertThat(retry.get("duplicates").asInt()).isEqualTo(500);
        }
    }
}
