package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.kernel.Role;
import dev.pulse.warehouse.Ingestion;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every path where a 华东 manager chooses part of the query, tried with the shapes that might widen the
 * scope (filters on other regions or provinces, region and province dimensions, every metric family,
 * region parameters, analyst SQL aliases named region): each answer over real HTTP equals the answer an
 * executive gets for the same request narrowed to 华东, not merely a 200.
 */
@PulseApplicationTest
class RegionScopeShapesIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String EAST = "华东";

    /** One metric of every source family, with the dimensions it can be cut by. */
    static final List<List<String>> FAMILIES = List.of(
            List.of("nps,responses,csat_avg", "survey_responses"),
            List.of("revenue,orders,active_customers,clv", "transactions"),
            List.of("feedback,complaints,complaints_per_1k_orders,resolution_rate_pct", "feedback"),
            List.of("campaign_cost", "campaigns"),
            List.of("campaign_revenue,campaign_roi", "attribution"),
            List.of("churned_customers,churn_rate_pct", "churn"),
            List.of("rfm_customers", "rfm"),
            List.of("response_rate_pct", "survey_invitations"),
            List.of("cases,recovery_rate_pct", "cases"),
            List.of("cohort_customers,retention_pct", "cohorts"));

    @LocalServerPort
    int port;

    @Autowired
    Ingestion ingestion;

    @Autowired
    PulseSettings pulse;

    @Autowired
    Accounts accounts;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void seed() {
        SeededData.seed(ingestion, pulse.timezone());
    }

    static Stream<Arguments> metricShapes() {
        List<Arguments> shapes = new ArrayList<>();
        for (List<String> family : FAMILIES) {
            boolean provinces = !List.of("campaigns", "attribution").contains(family.get(1));
            List<String> dimensions =
                    provinces ? List.of("", "region", "province", "region,province") : List.of("", "region", "channel");
            if (family.get(1).equals("cohorts")) {
                // retention is counted per month since signup
                dimensions =
                        List.of("months_since", "region,months_since", "province,months_since", "segment,months_since");
            }
            for (String dimension : dimensions) {
                for (String filter : RegionShapes.FILTERS) {
                    if (!provinces && filter.contains("province")) {
                        continue;
                    }
                    shapes.add(Arguments.of(family.get(1), family.get(0), dimension, filter));
                }
            }
        }
        return shapes.stream();
    }

    @ParameterizedTest(name = "{0} by [{2}] where {3}")
    @MethodSource("metricShapes")
    void theMetricApiAnswersAManagerAsAnExecutiveNarrowedToTheEast(
            String family, String metrics, String dimensions, String filter) throws Exception {
        String managers = RegionShapes.metricRequest(metrics, dimensions, filter, false);
        String executives = RegionShapes.metricRequest(metrics, dimensions, filter, true);

        // both at once: read-only queries of two callers, independent of each other
        CompletableFuture<HttpResponse<String>> managersAnswer = postAsync("/api/v1/query", "rs-east-key", managers);
        HttpResponse<String> executive = post("/api/v1/query", "rs-exec-key", executives);
        HttpResponse<String> manager = managersAnswer.join();

        assertThat(manager.statusCode()).as(manager.body()).isEqualTo(200);
        assertThat(executive.statusCode()).as(executive.body()).isEqualTo(200);
        JsonNode got = JSON.readTree(manager.body());
        JsonNode expected = JSON.readTree(executive.body());
        assertThat(got.get("columns")).isEqualTo(expected.get("columns"));
        assertThat(got.get("rows")).as(managers).isEqualTo(expected.get("rows"));
        if (filter.isEmpty()
                && dimensions.contains("region")
                && !List.of("survey_invitations", "cases").contains(family)) {
            // the shape can tell: every region has rows (SeededData has no invitations or cases), the east answer holds
            // only the east's
            assertThat(got.get("rows").toString()).contains(EAST).doesNotContain("华南", "华北", "西南");
        }
    }

    @Test
    void metricExportsInCsvAndXlsxHoldWhatAnExecutiveNarrowedToTheEastExports() throws Exception {
        WebSessions web = new WebSessions(port, accounts);
        WebSessions.Session manager = web.signIn(Role.REGIONAL_MANAGER);
        WebSessions.Session executive = web.signIn(Role.EXECUTIVE);
        for (String filter : RegionShapes.FILTERS) {
            for (String dimensions : List.of("region", "province", "region,province")) {
                String managers = RegionShapes.metricRequest("orders,revenue,nps", dimensions, filter, false);
                String executives = RegionShapes.metricRequest("orders,revenue,nps", dimensions, filter, true);
                HttpResponse<byte[]> csv = export(manager, "csv", managers);
                HttpResponse<byte[]> expectedCsv = export(executive, "csv", executives);
                assertThat(csv.statusCode()).as(managers).isEqualTo(200);
                assertThat(new String(csv.body(), StandardCharsets.UTF_8))
                        .as(managers)
                        .isEqualTo(new String(expectedCsv.body(), StandardCharsets.UTF_8));
                HttpResponse<byte[]> xlsx = export(manager, "xlsx", managers);
                assertThat(xlsx.statusCode()).as(managers).isEqualTo(200);
                assertThat(Workbooks.rows(xlsx.body()))
                        .as(managers)
                        .isEqualTo(Workbooks.rows(
                                export(executive, "xlsx", executives).body()));
            }
        }
    }

    /** Comments take one region; a manager asking for another gets what an executive gets for both at once: nothing. */
    @Test
    void commentsForAnyRegionParameterAreTheEastsComments() throws Exception {
        for (String region : List.of("", "华东", "华南", "西南")) {
            for (String more : List.of("", "&nps_group=detractor", "&channel=app", "&segment=" + enc("个人"))) {
                String query = "/api/v1/comments?" + range() + "&limit=100" + more;
                HttpResponse<String> manager =
                        get(query + (region.isEmpty() ? "" : "&region=" + enc(region)), "rs-east-key");
                assertThat(manager.statusCode())
                        .as(region + more + ": " + manager.body())
                        .isEqualTo(200);
                JsonNode got = JSON.readTree(manager.body()).get("comments");
                if (region.isEmpty() || region.equals(EAST)) {
                    JsonNode expected = JSON.readTree(get(query + "&region=" + enc(EAST), "rs-exec-key")
                                    .body())
                            .get("comments");
                    assertThat(got).as(region + more).isEqualTo(expected);
                    assertThat(got.size()).as(region + more).isPositive();
                } else {
                    assertThat(got.size()).as(region + more).isZero();
                }
            }
        }
    }

    /** A region parameter that is no region is refused naming it, or answers nothing. */
    @Test
    void regionParametersThatAreNoRegionGetNothing() throws Exception {
        for (String region : List.of("华东' OR '1'='1", "%", "华南,华北", "火星")) {
            for (String path : List.of(
                    "/api/v1/comments?" + range() + "&region=" + enc(region),
                    "/api/v1/customers/at-risk?" + range() + "&region=" + enc(region))) {
                HttpResponse<String> response = get(path, "rs-east-key");
                JsonNode body = JSON.readTree(response.body());
                if (response.statusCode() == 400) {
                    assertThat(body.get("field").asString()).as(path).isEqualTo("region");
                } else {
                    assertThat(response.statusCode()).as(path).isEqualTo(200);
                    assertThat(body.has("rows") ? body.get("rows") : body.get("comments"))
                            .as(path)
                            .isEmpty();
                }
            }
        }
    }

    /**
     * The at-risk list takes several regions (repeated or comma-separated); a manager's list is the executive's for
     * 华东 when 华东 is among them, else empty.
     */
    @Test
    void atRiskCustomersForAnyRegionParametersAreTheEastsAtRiskCustomers() throws Exception {
        for (List<String> regions : List.of(
                List.<String>of(),
                List.of("华东"),
                List.of("华南"),
                List.of("华南", "华北", "西南"),
                List.of("华东", "华南"),
                List.of("华东,华南"),
                List.of("华南,华北"))) {
            for (String more : List.of("", "&segment=" + enc("个人"), "&channel=app")) {
                String query = "/api/v1/customers/at-risk?" + range() + "&limit=500" + more
                        + regions.stream().map(r -> "&region=" + enc(r)).reduce("", String::concat);
                HttpResponse<String> manager = get(query, "rs-east-key");
                assertThat(manager.statusCode()).as(query).isEqualTo(200);
                JsonNode got = JSON.readTree(manager.body()).get("rows");
                if (regions.isEmpty() || regions.stream().anyMatch(r -> r.contains(EAST))) {
                    String east = "/api/v1/customers/at-risk?" + range() + "&limit=500" + more + "&region=" + enc(EAST);
                    assertThat(got)
                            .as(query)
                            .isEqualTo(JSON.readTree(get(east, "rs-exec-key").body())
                                    .get("rows"));
                    assertThat(got.size()).as(query).isPositive();
                } else {
                    assertThat(got.size()).as(query).isZero();
                }
            }
        }
    }

    @Test
    void atRiskExportsInCsvAndXlsxHoldTheEastsAtRiskCustomersWhateverRegionsAreAsked() throws Exception {
        WebSessions web = new WebSessions(port, accounts);
        WebSessions.Session manager = web.signIn(Role.REGIONAL_MANAGER);
        WebSessions.Session executive = web.signIn(Role.EXECUTIVE);
        String east = "/dashboards/export/at-risk?" + range() + "&region=" + enc(EAST) + "&format=";
        for (String regions : List.of("", "&region=" + enc("华南"), "&region=" + enc("华东") + "&region=" + enc("西南"))) {
            String path = "/dashboards/export/at-risk?" + range() + regions + "&format=";
            boolean sees = regions.isEmpty() || regions.contains(enc(EAST));
            HttpResponse<byte[]> csv = get(manager, path + "csv");
            assertThat(csv.statusCode()).as(path).isEqualTo(200);
            String text = new String(csv.body(), StandardCharsets.UTF_8);
            if (sees) {
                assertThat(text)
                        .as(path)
                        .isEqualTo(new String(get(executive, east + "csv").body(), StandardCharsets.UTF_8));
                assertThat(text.split("\r\n").length).as(path).isGreaterThan(1);
                assertThat(Workbooks.rows(get(manager, path + "xlsx").body()))
                        .as(path)
                        .isEqualTo(Workbooks.rows(get(executive, east + "xlsx").body()));
            } else {
                assertThat(text.strip().split("\r\n"))
                        .as(path + ": the header alone")
                        .hasSize(1);
            }
        }
    }

    /**
     * Analyst SQL over HTTP: the reported shapes and their kin against the executive's query over 华东's rows. The executive's
     * query names nothing region in its select list: ClickHouse would read its own WHERE region against that alias.
     */
    @Test
    void analystSqlWithAliasesNamedRegionAnswersAsTheEastsRowsAlone() throws Exception {
        List<List<String>> pairs = List.of(
                List.of(
                        "SELECT customer_id, email, '华东' AS region FROM customers",
                        "SELECT customer_id, email, '华东' AS r FROM customers WHERE region = '华东'"),
                List.of(
                        "SELECT '华东' AS region, count(*) AS n, sum(amount) AS s FROM transactions",
                        "SELECT '华东' AS r, count(*) AS n, sum(amount) AS s FROM transactions WHERE region = '华东'"),
                List.of(
                        "SELECT CASE WHEN 1=1 THEN '华东' ELSE region END AS region, count(*) AS n FROM survey_responses "
                                + "WHERE 1=1 OR region <> '华东' GROUP BY CASE WHEN 1=1 THEN '华东' ELSE region END",
                        "SELECT '华东' AS r, count(*) AS n FROM survey_responses WHERE region = '华东'"),
                List.of(
                        "WITH x AS (SELECT event_id, UPPER('华东') AS region FROM feedback) SELECT count(*) AS n FROM x",
                        "SELECT count(*) AS n FROM feedback WHERE region = '华东'"),
                List.of(
                        "SELECT count(*) AS n FROM (SELECT customer_id, '华东' AS region FROM customers UNION ALL "
                                + "SELECT customer_id, CAST('华东' AS VARCHAR(10)) AS region FROM transactions) AS u",
                        "SELECT count(*) AS n FROM (SELECT customer_id FROM customers WHERE region = '华东' UNION ALL "
                                + "SELECT customer_id FROM transactions WHERE region = '华东') AS u"),
                List.of(
                        "SELECT max(region) AS region, count(*) AS n FROM campaigns",
                        "SELECT max(region) AS r, count(*) AS n FROM campaigns WHERE region = '华东' OR region = ''"));
        for (List<String> pair : pairs) {
            HttpResponse<String> manager = post("/api/v1/sql", "rs-east-key", sql(pair.get(0)));
            HttpResponse<String> executive = post("/api/v1/sql", "rs-exec-key", sql(pair.get(1)));
            assertThat(manager.statusCode())
                    .as(pair.get(0) + ": " + manager.body())
                    .isEqualTo(200);
            assertThat(executive.statusCode())
                    .as(pair.get(1) + ": " + executive.body())
                    .isEqualTo(200);
            List<String> got = rows(manager);
            assertThat(got)
                    .as(pair.get(0))
                    .containsExactlyInAnyOrderElementsOf(rows(executive))
                    .isNotEmpty();
        }
    }

    /** A manager's regional report is the executive's report of 华东; another region's report is refused. */
    @Test
    void aManagersReportHoldsTheEastsNumbersAndNoOtherRegionCanBeAsked() throws Exception {
        for (String region : List.of("华南", "西南", "华东,华南", "华东' OR '1'='1", "")) {
            HttpResponse<String> refused = post(
                    "/api/v1/reports/regional-performance/runs",
                    "rs-east-key",
                    "{\"region\":\"" + region + "\"," + period() + "}");
            assertThat(refused.statusCode()).as(region).isIn(400, 403);
            assertThat(JSON.readTree(refused.body()).get("field").asString())
                    .as(region)
                    .isEqualTo("region");
        }
        List<List<String>> manager = reportRows("rs-east-key");
        List<List<String>> executive = reportRows("rs-exec-key");
        assertThat(manager).isEqualTo(executive);
        assertThat(manager.stream().flatMap(List::stream))
                .anySatisfy(cell -> assertThat(cell).contains(EAST))
                .noneSatisfy(cell -> assertThat(cell).containsAnyOf("华南", "华北", "西南"));
    }

    /** The rows of a finished 华东 XLSX report run by {@code key}, without the cells that say when it was made. */
    List<List<String>> reportRows(String key) throws Exception {
        HttpResponse<String> started = post(
                "/api/v1/reports/regional-performance/runs",
                key,
                "{\"region\":\"华东\"," + period() + ",\"format\":\"xlsx\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = JSON.readTree(started.body()).get("id").asString();
        String status = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> JSON.readTree(
                                        get("/api/v1/reports/runs/" + id, key).body())
                                .get("status")
                                .asString(),
                        s -> s.matches("SUCCEEDED|FAILED"));
        assertThat(status).isEqualTo("SUCCEEDED");
        HttpResponse<byte[]> file = http.send(
                HttpRequest.newBuilder(uri("/api/v1/reports/runs/" + id + "/file"))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return Workbooks.rows(file.body()).stream()
                .map(row -> row.stream()
                        .filter(cell -> !cell.matches(".*\\d{2}:\\d{2}.*"))
                        .toList())
                .toList();
    }

    static String sql(String sql) {
        return "{\"sql\":\"" + sql.replace("\"", "\\\"") + "\"}";
    }

    static List<String> rows(HttpResponse<String> response) {
        return JSON.readTree(response.body())
                .get("rows")
                .valueStream()
                .map(JsonNode::toString)
                .toList();
    }

    String range() {
        LocalDate today = LocalDate.now(pulse.timezone());
        return "from=" + today.minusDays(200) + "&to=" + today;
    }

    String period() {
        LocalDate today = LocalDate.now(pulse.timezone());
        return "\"from\":\"" + today.minusDays(90) + "\",\"to\":\"" + today + "\"";
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpResponse<String> post(String path, String key, String body) throws Exception {
        return http.send(jsonPost(path, key, body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    CompletableFuture<HttpResponse<String>> postAsync(String path, String key, String body) {
        return http.sendAsync(jsonPost(path, key, body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpRequest jsonPost(String path, String key, String body) {
        return HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    HttpResponse<String> get(String path, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", "Bearer " + key)
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> get(WebSessions.Session session, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Cookie", session.cookie())
                        .header("Accept-Language", "zh-CN")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> export(WebSessions.Session session, String format, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri("/dashboards/export?format=" + format))
                        .header("Content-Type", "application/json")
                        .header("Cookie", session.cookie())
                        .header("X-CSRF-TOKEN", session.csrf())
                        .header("Accept-Language", "zh-CN")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
