package dev.pulse.kernel.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.pulse.kernel.BodyTooLargeException;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.NotFoundException;
import dev.pulse.kernel.StateConflictException;
import dev.pulse.kernel.TooManyRequestsException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The shared situations answer with the same problem shape whichever controller raised them. */
class CommonProblemsTest {

    @RestController
    static class Throwing {

        @GetMapping("/fails/{how}")
        String fail(@PathVariable String how, @RequestParam(defaultValue = "0") int page) {
            throw switch (how) {
                case "field" -> new InvalidFieldException("filters[0].op", "'like' is not one of [eq, in]");
                case "line" -> new InvalidFieldException("amount", "not a number", 3);
                case "large" -> new BodyTooLargeException(1024);
                case "busy" -> new TooManyRequestsException("at most 2 at once", Duration.ofMillis(2500));
                case "gone" -> new NotFoundException("no report schedule 7", "id");
                default -> new StateConflictException("CLOSED", "the survey is closed");
            };
        }

        @GetMapping(path = "/json", produces = MediaType.APPLICATION_JSON_VALUE)
        Map<String, Object> json() {
            return Map.of("ok", true);
        }

        @PostMapping(path = "/echo", consumes = MediaType.APPLICATION_JSON_VALUE)
        Map<String, Object> echo(@RequestBody Map<String, Object> body) {
            return body;
        }
    }

    final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Throwing())
            .setControllerAdvice(new CommonProblems())
            .build();

    @Test
    void aFieldErrorNamesTheFieldInFieldAndErrors() throws Exception {
        mvc.perform(get("/fails/field"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.field").value("filters[0].op"))
                .andExpect(jsonPath("$.errors[0].field").value("filters[0].op"))
                .andExpect(jsonPath("$.errors[0].message").value("'like' is not one of [eq, in]"))
                .andExpect(jsonPath("$.line").doesNotExist());
        mvc.perform(get("/fails/line"))
                .andExpect(jsonPath("$.line").value(3))
                .andExpect(jsonPath("$.field").value("amount"));
    }

    @Test
    void limitsNotFoundAndConflictsKeepTheirStatusAndProperties() throws Exception {
        mvc.perform(get("/fails/large"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.field").value("body"))
                .andExpect(jsonPath("$.limit").value(1024));
        mvc.perform(get("/fails/busy"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "3"));
        mvc.perform(get("/fails/gone"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.field").value("id"));
        mvc.perform(get("/fails/other"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.status").value("CLOSED"));
    }

    @Test
    void springsOwnErrorsAreProblemsToo() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("{\"a\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("body"))
                .andExpect(jsonPath("$.detail").value("the body is not a readable JSON document"));
        mvc.perform(get("/fails/field").param("page", "two"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("page"));
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_XML).content("<a/>"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.instance").value("/echo"));
        mvc.perform(post("/fails/field"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", "GET"))
                .andExpect(jsonPath("$.title").value("Method Not Allowed"));
    }

    @Test
    void aTypeNoRouteProducesIsLeftToTheErrorDispatch() throws Exception {
        mvc.perform(get("/json").accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotAcceptable())
                .andExpect(header().doesNotExist("Content-Type"));
    }
}
