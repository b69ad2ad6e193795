package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Errors that reach no controller (unknown path, wrong method, unknown media type) are problem details too. */
@PulseApplicationTest
class FallbackProblemsIT {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @CsvSource({
        "GET,  /api/v1/ingest/transactions, '',               405, Method Not Allowed",
        "GET,  /api/v1/no-such-route,       '',               404, Not Found",
        "POST, /api/v1/query,               application/xml, 415, Unsupported Media Type"
    })
    void answersWithAProblemDetail(String method, String path, String contentType, int status, String title)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer fallback-admin")
                .header("Accept", "application/json, application/problem+json");
        if (method.equals("POST")) {
            request.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString("<a/>"));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body())
                .contains("\"status\":" + status, "\"title\":\"" + title + "\"", "\"instance\":\"" + path + "\"");
    }
}
