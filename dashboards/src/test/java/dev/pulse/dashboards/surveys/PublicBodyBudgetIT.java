package dev.pulse.dashboards.surveys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.dashboards.PulseApplicationTest;
import dev.pulse.surveys.response.PublicBodyBudget;
import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bodies of public survey posts are counted against one budget for all requests (16 MB, the
 * default) before anything reads them: over real HTTP against the whole application, 200
 * concurrent posts of 4 MB each get an answer, none a 5xx, and the bytes held at once never exceed
 * the budget (the filter's own count, which is what the heap holds of those bodies).
 */
@PulseApplicationTest
class PublicBodyBudgetIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long BUDGET = 16L * 1024 * 1024;
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final String DEFINITION = """
            {"title":{"zh":"预算","en":"Budget"},
             "thankYou":{"zh":"谢谢！","en":"Thanks!"},
             "openLink":{"region":"华南","channel":"store"},
             "questions":[
               {"id":"nps","type":"NPS","required":true,"text":{"zh":"推荐？","en":"Recommend?"}},
               {"id":"comment","type":"TEXT","text":{"zh":"还有吗？","en":"Anything else?"}}]}""";

    @LocalServerPort
    int port;

    @Autowired
    PublicBodyBudget budget;

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(100);
    HttpClient http;
    String page;
    String fields;

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** An active survey with an open link, its page opened once: the form's path and its hidden fields. */
    @BeforeEach
    void openPage() throws Exception {
        // each test from its own loopback address, so that the per-address submission limit of one is not another's
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager())
                .localAddress(InetAddress.getByName("127.0.0." + NEXT_ADDRESS.getAndIncrement()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(uri("/api/v1/surveys"))
                        .header("Authorization", "Bearer budget-quality")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(DEFINITION))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asString();
        HttpResponse<String> activated = http.send(
                HttpRequest.newBuilder(uri("/api/v1/surveys/" + id + "/activate"))
                        .header("Authorization", "Bearer budget-quality")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);
        page = "/s/open/" + id + "?lang=en";
        HttpResponse<String> form =
                http.send(HttpRequest.newBuilder(uri(page)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).isTrue();
        Matcher version = Pattern.compile("name=\"v\" value=\"(\\d+)\"").matcher(form.body());
        assertThat(version.find()).isTrue();
        fields = "_csrf=" + csrf.group(1) + "&v=" + version.group(1) + "&q.nps=9&q.comment=";
    }

    /** A form of exactly {@code size} bytes: the hidden fields, an NPS answer and a long comment. */
    byte[] form(int size) {
        byte[] out = new byte[size];
        Arrays.fill(out, (byte) 'a');
        byte[] start = fields.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, out, 0, start.length);
        return out;
    }

    HttpRequest post(HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(uri(page))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(body)
                .build();
    }

    @Test
    void twoHundredConcurrentPostsOfFourMegabytesAreAnsweredWithinTheBudget() throws Exception {
        byte[] fourMegabytes = form(4_000_000); // within pulse.surveys.max-form-bytes (4 MiB): the budget decides
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(http.sendAsync(
                    post(HttpRequest.BodyPublishers.ofByteArray(fourMegabytes)),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);

        Map<Integer, Integer> statuses = new TreeMap<>();
        int refusedByTheBudget = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.join();
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() == 429
                    && response.headers().firstValue("Retry-After").equals(java.util.Optional.of("1"))) {
                refusedByTheBudget++;
                assertThat(response.body()).contains("Too many submissions.", "Please try again in 1 seconds.");
            }
        }
        // answered: the form with what is wrong (400), the thank-you redirect (303), or refused: 413, 429
        assertThat(statuses.keySet()).as(statuses.toString()).isSubsetOf(200, 303, 400, 413, 429);
        assertThat(refusedByTheBudget).as(statuses.toString()).isPositive();
        assertThat(budget.peak())
                .as("bytes of public bodies held at once")
                .isPositive()
                .isLessThanOrEqualTo(BUDGET);
        assertThat(budget.held()).as("every request gave its bytes back").isZero();
    }

    @Test
    void aBodyThatDoesNotFitInWhatIsLeftIsA429PageWithRetryAfter() throws Exception {
        long left = 10_000;
        assertThat(budget.tryReserve(BUDGET - left)).isTrue();
        try {
            HttpResponse<String> refused = http.send(
                    post(HttpRequest.BodyPublishers.ofByteArray(form(20_000))),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.body()).contains("Too many submissions.", "Please try again in 1 seconds.");

            HttpResponse<String> fits = http.send(
                    post(HttpRequest.BodyPublishers.ofByteArray(form(5_000))),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(fits.statusCode()).as(fits.body()).isEqualTo(303);
        } finally {
            budget.release(BUDGET - left);
        }
        assertThat(budget.held()).isZero();
    }

    @Test
    void aChunkedBodyIsCountedAsItIsRead() throws Exception {
        byte[] small = form(5_000);
        assertThat(budget.tryReserve(BUDGET - 1_000)).isTrue();
        try {
            HttpResponse<String> refused = http.send(
                    post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small))),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        } finally {
            budget.release(BUDGET - 1_000);
        }
        assertThat(budget.held()).isZero();

        HttpResponse<String> answered = http.send(
                post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small))),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(303);
        assertThat(budget.held()).isZero();
    }

    @Test
    void aBodyOverTheLargestFormIsA413PageWhetherDeclaredOrChunked() throws Exception {
        byte[] five = form(5 * 1024 * 1024);
        HttpResponse<String> declared = http.send(
                post(HttpRequest.BodyPublishers.ofByteArray(five)),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("The submission is too large.");

        HttpResponse<String> chunked = http.send(
                post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(five))),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("The submission is too large.");
        assertThat(budget.held()).isZero();
        assertThat(budget.peak()).isLessThanOrEqualTo(BUDGET);
    }
}
