package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** When every ingestion slot is taken, a further request is turned away at once with 429 and Retry-After. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pulse.warehouse.data-dir=target/it-warehouse",
        "pulse.data-dir=target/it-data",
        "pulse.security.api-keys=queue-key:INGEST",
        "pulse.ingest.max-concurrent-requests=1"})
class IngestQueueIT {

    @LocalServerPort
    int port;
    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> emptyBatch() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ingest/transactions"))
                .header("Authorization", "Bearer queue-key")
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFullQueueAnswers429WithRetryAfter() throws Exception {
        String line = """
                {"event_id":"queue-%d","transaction_id":"t","customer_id":"c","ts":"2026-05-01T08:00:00Z","amount":1,"region":"华东"}
                """;
        byte[] first = line.formatted(System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        byte[] second = line.formatted(System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        try (Socket slow = new Socket("localhost", port)) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /api/v1/ingest/transactions HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer queue-key\r\nContent-Type: application/x-ndjson\r\n"
                    + "Connection: close\r\nContent-Length: " + (first.length + second.length) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(first);
            out.flush();

            HttpResponse<String> turnedAway = null;
            for (int attempt = 0; attempt < 100 && turnedAway == null; attempt++) {
                HttpResponse<String> response = emptyBatch();
                if (response.statusCode() == 429) {
                    turnedAway = response;
                } else {
                    Thread.sleep(100);
                }
            }
            assertThat(turnedAway).isNotNull();
            assertThat(turnedAway.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(turnedAway.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(turnedAway.body()).contains("\"status\":429");

            out.write(second);
            out.flush();
            InputStream in = slow.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("\"accepted\":2");
        }
        HttpResponse<String> afterwards = emptyBatch();
        assertThat(afterwards.statusCode()).isEqualTo(200);
        assertThat(afterwards.body()).contains("\"accepted\":0");
    }
}
