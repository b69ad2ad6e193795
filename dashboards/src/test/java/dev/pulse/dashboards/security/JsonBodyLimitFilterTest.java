package dev.pulse.dashboards.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.pulse.kernel.BodyTooLargeException;
import dev.pulse.kernel.KernelSettings;
import dev.pulse.kernel.web.StrictJson;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON body limit with a configured limit of 10 bytes: which requests it sees, what it refuses, what it hands on. */
class JsonBodyLimitFilterTest {

    private final JsonBodyLimitFilter filter = new JsonBodyLimitFilter(
            10, new ProblemResponses(JsonMapper.builder().build()));

    /** A request whose body arrives in chunks: no declared length. */
    private static MockHttpServletRequest chunked(String path, byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path) {
            @Override
            public int getContentLength() {
                return -1;
            }

            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.addHeader("Transfer-Encoding", "chunked");
        request.setContentType("application/json");
        request.setContent(body);
        return request;
    }

    @ParameterizedTest(name = "{0} {1}: filtered {2}")
    @CsvSource({
        "/api/v1/query, application/json, true",
        "/api/v1/surveys, text/plain, true",
        "/api/v1/ingest/transactions, application/x-ndjson, false",
        "/api/v1/ingest/transactions, application/json, false",
        "/dashboards/export, application/json, true",
        "/embed/overview, application/problem+json, true",
        "/s/open/x, application/x-www-form-urlencoded, false",
        "/login, APPLICATION/JSON; charset=UTF-8, true"
    })
    void coversEveryApiBodyButIngestionAndEveryJsonBody(String path, String type, boolean filtered) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContentType(type);
        assertThat(!filter.shouldNotFilter(request)).isEqualTo(filtered);
    }

    /** One setting, {@code pulse.kernel.json-body-limit}: the filter as configured and kernel's reader agree on the edge. */
    @Test
    void theOneSettingBoundsTheFilterAndStrictJsonAlike() throws Exception {
        KernelSettings settings = new KernelSettings(DataSize.ofBytes(10));
        JsonBodyLimitFilter configured = new BodyLimitConfiguration()
                .jsonBodyLimitFilter(
                        settings, new ProblemResponses(JsonMapper.builder().build()))
                .getFilter();
        StrictJson reader = new StrictJson(settings);
        byte[] atLimit = "{\"a\":\"bc\"}".getBytes(StandardCharsets.UTF_8);
        byte[] over = "{\"a\":\"bcd\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(atLimit).hasSize(10);

        MockHttpServletResponse passed = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        configured.doFilter(chunked("/api/v1/query", atLimit), passed, chain);
        JsonNode read = reader.readTree(chain.getRequest().getInputStream());
        assertThat(read.get("a").asString()).isEqualTo("bc");

        MockHttpServletResponse refused = new MockHttpServletResponse();
        configured.doFilter(chunked("/api/v1/query", over), refused, new MockFilterChain());
        assertThat(refused.getStatus()).isEqualTo(413);
        assertThat(refused.getContentAsString())
                .contains("\"limit\":10", "\"property\":\"pulse.kernel.json-body-limit\"");
        assertThatExceptionOfType(BodyTooLargeException.class)
                .isThrownBy(() -> reader.readTree(new ByteArrayInputStream(over)))
                .satisfies(e -> assertThat(e.limit()).isEqualTo(10));
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedUnread() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/query");
        request.setContentType("application/json");
        request.setContent("{\"a\": \"bcd\"}".getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(chain.getRequest()).isNull();
        assertThat(response.getContentAsString())
                .contains(
                        "\"detail\":\"the request body is larger than 10 bytes (pulse.kernel.json-body-limit)\"",
                        "\"limit\":10");
    }

    @Test
    void aChunkedBodyIsReadUpToTheLimitAndHandedOnWhole() throws Exception {
        MockHttpServletResponse refused = new MockHttpServletResponse();
        MockFilterChain notCalled = new MockFilterChain();
        filter.doFilter(chunked("/api/v1/query", "01234567890".getBytes(StandardCharsets.UTF_8)), refused, notCalled);
        assertThat(refused.getStatus()).isEqualTo(413);
        assertThat(notCalled.getRequest()).isNull();

        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(
                chunked("/api/v1/query", "0123456789".getBytes(StandardCharsets.UTF_8)),
                new MockHttpServletResponse(),
                chain);
        HttpServletRequest handedOn = (HttpServletRequest) chain.getRequest();
        assertThat(handedOn.getContentLengthLong()).isEqualTo(10);
        assertThat(new String(handedOn.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("0123456789");
    }
}
