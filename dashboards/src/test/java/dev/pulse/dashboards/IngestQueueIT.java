package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** When every ingestion slot is taken, a further request is turned away at once with 429 and Retry-After. */
@PulseApplicationTest
// one slot, so that two requests fill it: a context of its own
@TestPropertySource(properties = {"pulse.ingest.max-concurrent-requests=1"})
class IngestQueueIT {

    @LocalServerPort
    int port;

    /** A request whose body arrives in two halves, so it holds its slot until the second half is sent. */
    final class SlowRequest implements AutoCloseable {
        final Socket socket;
        final byte[] rest;

        SlowRequest(String id) throws IOException {
            String line = """
                    {"event_id":"%s-%%d","transaction_id":"t","customer_id":"c","ts":"2026-05-01T08:00:00Z","amount":1,"region":"华东"}
                    """.formatted(id);
            byte[] first = line.formatted(1).getBytes(StandardCharsets.UTF_8);
            rest = line.formatted(2).getBytes(StandardCharsets.UTF_8);
            socket = new Socket("localhost", port);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/ingest/transactions HTTP/1.1\r\nHost: localhost\r\n"
                            + "Authorization: Bearer queue-key\r\nContent-Type: application/x-ndjson\r\n"
                            + "Connection: close\r\nContent-Length: " + (first.length + rest.length) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(first);
            out.flush();
        }

        boolean answered() throws IOException {
            return socket.getInputStream().available() > 0;
        }

        String finish() throws IOException {
            socket.getOutputStream().write(rest);
            socket.getOutputStream().flush();
            return response("\"accepted\"");
        }

        /** Reads until the server closes or {@code marker} has arrived, whichever is first. */
        String response(String marker) throws IOException {
            // a refused request's body is never read; the server would wait for it before closing,
            // so stop at the end of the answer instead of at the end of the stream
            InputStream in = socket.getInputStream();
            socket.setSoTimeout(200);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline
                    && !answer.toString(StandardCharsets.UTF_8).contains(marker)) {
                try {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    answer.write(buffer, 0, n);
                } catch (SocketTimeoutException notYet) {
                    // keep waiting until the deadline
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aFullQueueAnswers429WithRetryAfter() throws Exception {
        // two requests hold their bodies open: whichever reaches ingestion second finds no slot and is
        // answered at once, while the other still waits for the rest of its body
        try (SlowRequest a = new SlowRequest(UUID.randomUUID().toString());
                SlowRequest b = new SlowRequest(UUID.randomUUID().toString())) {
            SlowRequest refused = await("one of two concurrent requests is refused")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> a.answered() ? a : b.answered() ? b : null, Objects::nonNull);
            String answer = refused.response("\"status\":429");
            refused.close();
            assertThat(answer)
                    .startsWith("HTTP/1.1 429")
                    .contains("Retry-After: 1")
                    .contains("Content-Type: application/problem+json")
                    .contains("\"status\":429");

            SlowRequest admitted = refused == a ? b : a;
            assertThat(admitted.finish()).startsWith("HTTP/1.1 200").contains("\"accepted\":2");
        }
        HttpResponse<String> afterwards = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ingest/transactions"))
                                .header("Authorization", "Bearer queue-key")
                                .header("Content-Type", "application/x-ndjson")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(List.of(afterwards.statusCode(), afterwards.body().contains("\"accepted\":0")))
                .containsExactly(200, true);
    }
}
