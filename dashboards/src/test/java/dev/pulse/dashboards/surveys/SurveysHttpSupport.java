package dev.pulse.dashboards.surveys;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.pulse.dashboards.PulseApplicationTest;
import dev.pulse.warehouse.ClickHouseEngine;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application over real HTTP, with real security, the embedded engine, the H2 operational
 * database and a GreenMail SMTP server. Each page client talks from its own loopback address
 * (127.0.0.x), so that the per-client rate limit of one test does not reach another.
 */
@PulseApplicationTest
// public links, a low submission rate limit to cross and GreenMail: one context for the surveys ITs
@TestPropertySource(
        properties = {
            "pulse.surveys.public-url=https://survey.example.cn",
            "pulse.surveys.submissions-per-minute=5",
            "pulse.surveys.mail-from=pulse@example.cn",
            "spring.mail.host=127.0.0.1"
        })
abstract class SurveysHttpSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final GreenMail MAIL = startMail();
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern SUBMISSION = Pattern.compile("name=\"submission\" value=\"([0-9a-f-]{36})\"");
    static final Pattern LINK = Pattern.compile("https://survey\\.example\\.cn(/s/[A-Za-z0-9_-]{43})\\?lang=(zh|en)");
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(10);

    /** A survey of every question type; the NPS question is required. */
    static final String DEFINITION = """
            {"title":{"zh":"购物满意度调查","en":"Shopping satisfaction"},
             "intro":{"zh":"感谢您抽出时间。","en":"Thank you for your time."},
             "thankYou":{"zh":"谢谢您的反馈！","en":"Thanks for your feedback!"},
             "openLink":{"region":"华南","channel":"store"},
             "questions":[
               {"id":"nps","type":"NPS","required":true,"text":{"zh":"您向朋友推荐我们的可能性有多大？","en":"How likely are you to recommend us?"}},
               {"id":"csat","type":"CSAT","text":{"zh":"您满意吗？","en":"How satisfied are you?"}},
               {"id":"ces","type":"CES","text":{"zh":"办理是否容易？","en":"How easy was it?"}},
               {"id":"speed","type":"RATING","max":5,"text":{"zh":"配送速度","en":"Delivery speed"}},
               {"id":"store","type":"SINGLE_CHOICE","text":{"zh":"您在哪里购买？","en":"Where did you buy?"},
                "options":[{"id":"app","text":{"zh":"应用","en":"App"}},{"id":"shop","text":{"zh":"门店","en":"Store"}}]},
               {"id":"liked","type":"MULTIPLE_CHOICE","text":{"zh":"您喜欢什么？","en":"What did you like?"},
                "options":[{"id":"price","text":{"zh":"价格","en":"Price"}},{"id":"service","text":{"zh":"服务","en":"Service"}},
                           {"id":"delivery","text":{"zh":"配送","en":"Delivery"}}]},
               {"id":"comment","type":"TEXT","text":{"zh":"还有什么想告诉我们的？","en":"Anything else?"}}]}""";

    @LocalServerPort
    int port;

    @Autowired
    ClickHouseEngine engine;

    final HttpClient api =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @DynamicPropertySource
    static void mailPort(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    }

    private static GreenMail startMail() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
        return mail;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> call(String method, String path, String key, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return api.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Creates and activates a survey; returns its id. */
    String activeSurvey(String definition) throws IOException, InterruptedException {
        HttpResponse<String> created = call("POST", "/api/v1/surveys", "it-quality-key", definition);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("id").asString();
        HttpResponse<String> activated = call("POST", "/api/v1/surveys/" + id + "/activate", "it-quality-key", null);
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);
        return id;
    }

    /** Invites one customer and returns the path of the personal link from the mail the customer got. */
    String invite(String surveyId, String customerId, String region, String language) throws Exception {
        String email = customerId.replaceAll("[^A-Za-z0-9]", "") + "@example.cn";
        String body = JSON.writeValueAsString(Map.of(
                "customers",
                List.of(Map.of(
                        "customerId",
                        customerId,
                        "region",
                        region,
                        "email",
                        email,
                        "language",
                        language,
                        "channel",
                        "app"))));
        HttpResponse<String> response =
                call("POST", "/api/v1/surveys/" + surveyId + "/invitations", "it-quality-key", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("created").asInt()).as(response.body()).isEqualTo(1);
        for (var message : MAIL.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(email)) {
                Matcher link = LINK.matcher((String) message.getContent());
                assertThat(link.find()).isTrue();
                return link.group(1);
            }
        }
        throw new AssertionError("no mail to " + email);
    }

    /** Opens a follow-up case in {@code region}: an active survey with an open link there, answered by a detractor. */
    String detractorCase(String region, String comment) throws IOException, InterruptedException {
        String survey = activeSurvey(DEFINITION.replace("\"region\":\"华南\"", "\"region\":\"" + region + "\""));
        HttpResponse<String> done = browser()
                .answer("/s/open/" + survey, List.of(Map.entry("q.nps", "2"), Map.entry("q.comment", comment)));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        return json(call("GET", "/api/v1/cases?limit=1000", "it-quality-key", null))
                .valueStream()
                .filter(c -> c.get("surveyId").asString().equals(survey))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asString();
    }

    long count(String sql, Map<String, ?> params) {
        return ((Number) engine.query(sql, params).single()).longValue();
    }

    /** A browser-like client: its own cookies and its own loopback address. */
    Browser browser() throws IOException {
        return new Browser(InetAddress.getByName("127.0.0." + NEXT_ADDRESS.getAndIncrement()));
    }

    /** One respondent's browser. */
    final class Browser {

        final HttpClient http;

        Browser(InetAddress address) {
            // HTTP/1.1 as browsers speak it over plain http; the client's default h2c upgrade makes Tomcat refuse large
            // bodies
            this.http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .cookieHandler(new CookieManager())
                    .localAddress(address)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }

        HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
            if (headers.length > 0) {
                request.headers(headers);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        /** Opens the page and submits the form with its CSRF token plus {@code fields}. */
        HttpResponse<String> answer(String path, List<Map.Entry<String, String>> fields)
                throws IOException, InterruptedException {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            Matcher csrf = CSRF.matcher(page.body());
            assertThat(csrf.find()).as("the form carries a CSRF token").isTrue();
            Matcher version = Pattern.compile("name=\"v\" value=\"(\\d+)\"").matcher(page.body());
            assertThat(version.find()).isTrue();
            List<Map.Entry<String, String>> all = new java.util.ArrayList<>(fields);
            all.add(Map.entry("_csrf", csrf.group(1)));
            all.add(Map.entry("v", version.group(1)));
            Matcher submission = SUBMISSION.matcher(page.body());
            if (submission.find()) {
                all.add(Map.entry("submission", submission.group(1)));
            }
            return post(path, all);
        }

        HttpResponse<String> post(String path, List<Map.Entry<String, String>> fields)
                throws IOException, InterruptedException {
            String form = fields.stream()
                    .map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return http.send(
                    HttpRequest.newBuilder(uri(path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }
}
