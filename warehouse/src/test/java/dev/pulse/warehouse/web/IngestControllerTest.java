package dev.pulse.warehouse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.warehouse.IngestSettings;
import dev.pulse.warehouse.Ingestion;
import dev.pulse.warehouse.Ingestion.IngestResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

/** The ingestion API's limit on requests at once gives a request's place back however the request ends, Errors included. */
class IngestControllerTest {

    /** What the next request does, once: dies of this Throwable; then requests are stored. */
    final AtomicReference<Throwable> next = new AtomicReference<>();

    final Ingestion ingestion = (stream, body, format, atomic) -> {
        Throwable thrown = next.getAndSet(null);
        if (thrown instanceof Error error) {
            throw error;
        }
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        return new IngestResult(1, 0, List.of(), true);
    };
    /** One request at a time: a place not given back would refuse every later request. */
    final IngestController controller = new IngestController(
            ingestion,
            new IngestSettings(
                    DataSize.ofMegabytes(1), DataSize.ofMegabytes(1), DataSize.ofKilobytes(64), 100, 1, true));

    @Test
    void aRequestThatDiesOfAnErrorGivesItsPlaceBack() throws Exception {
        for (Throwable injected : List.of(
                new OutOfMemoryError("injected"),
                new AssertionError("injected"),
                new IllegalStateException("injected"))) {
            next.set(injected);
            assertThatThrownBy(() -> controller.ingest("transactions", false, request()))
                    .isSameAs(injected);

            assertThat(controller.ingest("transactions", false, request()))
                    .isEqualTo(new IngestController.IngestResponse(1, 0, List.of()));
        }
    }

    private static MockHttpServletRequest request() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/ingest/transactions");
        request.setContentType("application/x-ndjson");
        request.setContent("{\"event_id\":\"e\"}\n".getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
