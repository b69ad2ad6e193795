package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.warehouse.ClickHouseEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/query} over real HTTP on the embedded engine: the response shape of the issue,
 * labels in the asked language, the caller's scope, explain, and a problem detail naming the field
 * for every bad request. The rows live in March 2019, which no other test writes.
 */
@PulseApplicationTest
class QueryApiIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String NPS_BY_REGION = """
            {"metrics": ["nps", "responses"], "dimensions": ["region", "month"],
             "from": "2019-03-01", "to": "2019-04-01", "orderBy": [{"field": "nps", "direction": "desc"}]}""";

    @LocalServerPort
    int port;

    @Autowired
    ClickHouseEngine engine;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void responses() {
        engine.execute("ALTER TABLE survey_responses_raw DELETE WHERE ts < '2019-06-01' SETTINGS mutations_sync = 1");
        StringBuilder rows = new StringBuilder();
        List<Integer> east = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            east.add(i < 20 ? 10 : i < 30 ? 8 : 3); // 20 promoters, 10 passives, 10 detractors: NPS 25
        }
        for (int i = 0; i < east.size(); i++) {
            rows.append(response("q-east-" + i, "华东", east.get(i)));
        }
        for (int i = 0; i < 10; i++) {
            rows.append(response("q-south-" + i, "华南", i < 5 ? 9 : 0)); // NPS 0 on 10 responses: a small sample
        }
        engine.insert(
                "survey_responses_raw",
                ClickHouseEngine.InputFormat.JSON_EACH_ROW,
                rows.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String response(String id, String region, int nps) {
        return """
                {"event_id":"%s","survey_id":"s","customer_id":"c","transaction_id":"","ts":"2019-03-10 02:00:00.000","region":"%s","channel":"app","language":"zh","nps_score":%d,"csat_score":null,"ces_score":null,"comment":"","answers":""}
                """.formatted(id, region, nps);
    }

    HttpResponse<String> post(String path, String key, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void answersColumnsRowsAndMeta() throws Exception {
        HttpResponse<String> response = post("/api/v1/query", "q-exec-key", NPS_BY_REGION);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("columns").toString()).isEqualTo("""
                [{"name":"region","type":"string","label":"大区"},{"name":"month","type":"date","label":"月"},\
                {"name":"nps","type":"decimal","label":"净推荐值"},{"name":"responses","type":"integer","label":"NPS 回复数"},\
                {"name":"small_sample","type":"boolean","label":"样本不足"}]""");
        // as sent: decimals keep their two places
        assertThat(response.body()).contains("""
                "rows":[["华东","2019-03-01",25.00,40,false],["华南","2019-03-01",0.00,10,true]]""");
        assertThat(body.at("/meta/sql").asString())
                .startsWith("SELECT `region`, toStartOfMonth(`ts`, 'Asia/Shanghai') AS `month`");
        assertThat(body.at("/meta/elapsedMs").isNumber()).isTrue();
        assertThat(body.at("/meta/cached").isBoolean()).isTrue();
    }

    @Test
    void labelsInEnglishWhenAsked() throws Exception {
        HttpResponse<String> response = post("/api/v1/query", "q-exec-key", NPS_BY_REGION, "Accept-Language", "en");
        assertThat(JSON.readTree(response.body()).at("/columns/2/label").asString())
                .isEqualTo("Net Promoter Score");
    }

    @Test
    void aRegionalManagerSeesOnlyTheirRegion() throws Exception {
        HttpResponse<String> response = post("/api/v1/query", "q-south-key", NPS_BY_REGION);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"rows\":[[\"华南\",\"2019-03-01\",0.00,10,true]]");
    }

    @Test
    void explainsWithoutRunning() throws Exception {
        HttpResponse<String> response = post("/api/v1/query?explain=true", "q-south-key", NPS_BY_REGION);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode statement = JSON.readTree(response.body()).at("/statements/0");
        assertThat(statement.get("source").asString()).isEqualTo("survey_responses");
        assertThat(statement.get("sql").asString()).contains("WHERE `region` = {p8:String}");
        assertThat(statement.get("plan").asString()).contains("LogicalAggregate");
        assertThat(statement.at("/params/p8").asString()).isEqualTo("华南");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "unknown metric | /api/v1/query | {\"metrics\": [\"nps\", \"happiness\"], \"from\": \"2019-03-01\", \"to\": \"2019-04-01\"} | metrics[1] | unknown metric 'happiness'",
                "not sliceable | /api/v1/query | {\"metrics\": [\"nps\", \"revenue\"], \"dimensions\": [\"survey\"], \"from\": \"2019-03-01\", \"to\": \"2019-04-01\"} | dimensions[0] | metric 'revenue' cannot be sliced by dimension 'survey'",
                "bad date | /api/v1/query | {\"metrics\": [\"nps\"], \"from\": \"2019-13-01\", \"to\": \"2019-04-01\"} | from | '2019-13-01' is not a date (yyyy-MM-dd)",
                "bad op | /api/v1/query | {\"metrics\": [\"nps\"], \"filters\": [{\"dimension\": \"region\", \"op\": \"~\", \"values\": [\"华东\"]}], \"from\": \"2019-03-01\", \"to\": \"2019-04-01\"} | filters[0].op | '~' is not one of [eq, in, ne, not_in]",
                "unknown field | /api/v1/query | {\"metrics\": [\"nps\"], \"form\": \"2019-03-01\"} | form | unknown field 'form'; known fields are [compareTo, dimensions, filters, from, limit, metrics, orderBy, to]",
                "no range | /api/v1/query | {\"metrics\": [\"nps\"]} | from | the first day (from) is required",
                "not JSON | /api/v1/query | {\"metrics\": [ | body | the body is not a readable JSON document",
                "bad explain | /api/v1/query?explain=maybe | {\"metrics\": [\"nps\"]} | explain | 'maybe' is not a valid value for explain"
            })
    void refusesABadRequestNamingTheField(String what, String path, String body, String field, String detail)
            throws Exception {
        HttpResponse<String> response = post(path, "q-exec-key", body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("field").asString()).isEqualTo(field);
        assertThat(problem.get("detail").asString()).isEqualTo(detail);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
    }

    @Test
    void newlyIngestedResponsesAreNeverHiddenByTheCache() throws Exception {
        String query = """
                {"metrics": ["responses", "nps"], "dimensions": ["region"], "filters": [{"dimension": "region", "op": "eq", "values": ["西北"]}],
                 "from": "2019-05-01", "to": "2019-06-01"}""";
        assertThat(post("/api/v1/query", "q-exec-key", query).body()).contains("\"rows\":[]");
        ingest("q-nw-1", 10);
        HttpResponse<String> first = post("/api/v1/query", "q-exec-key", query);
        assertThat(first.body()).contains("\"rows\":[[\"西北\",1,100.00,true]]");
        assertThat(JSON.readTree(first.body()).at("/meta/cached").asBoolean()).isFalse();
        assertThat(JSON.readTree(post("/api/v1/query", "q-exec-key", query).body())
                        .at("/meta/cached")
                        .asBoolean())
                .isTrue();
        ingest("q-nw-2", 0);
        HttpResponse<String> second = post("/api/v1/query", "q-exec-key", query);
        assertThat(second.body()).contains("\"rows\":[[\"西北\",2,0.00,true]]");
        assertThat(JSON.readTree(second.body()).at("/meta/cached").asBoolean()).isFalse();
    }

    private void ingest(String id, int nps) throws Exception {
        ingestLines("""
                {"event_id":"%s","survey_id":"s","ts":"2019-05-10T10:00:00+08:00","region":"西北","nps_score":%d}
                """.formatted(id, nps));
    }

    /** Survey responses through the ingestion API, as a client sends them: their themes come from their comments. */
    private void ingestLines(String line) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ingest/survey-responses"))
                        .header("Content-Type", "application/x-ndjson")
                        .header("Authorization", "Bearer q-ingest-key")
                        .POST(HttpRequest.BodyPublishers.ofString(line, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void topThemesAmongDetractorsInARegionAreOneRequest() throws Exception {
        StringBuilder lines = new StringBuilder();
        String[][] responses = {
            {"华东", "2", "快递太慢，价格也太贵"}, {"华东", "3", "配送慢，而且很贵"}, {"华东", "0", "The delivery was late and overpriced"},
            {"华东", "5", "快递员态度差"}, {"华东", "6", "发货太慢了"}, {"华东", "4", "没什么可说的"},
            {"华东", "10", "质量很好，快递也快"}, {"华南", "1", "退款太慢"}
        };
        for (int i = 0; i < responses.length; i++) {
            lines.append("""
                    {"event_id":"q-theme-%d","survey_id":"s","ts":"2019-04-10T10:00:00+08:00","region":"%s","nps_score":%s,"comment":"%s"}
                    """.formatted(i, responses[i][0], responses[i][1], responses[i][2]));
        }
        ingestLines(lines.toString());
        String topThemes = """
                {"metrics": ["responses"], "dimensions": ["theme"],
                 "filters": [{"dimension": "region", "op": "eq", "values": ["华东"]},
                             {"dimension": "nps_group", "op": "eq", "values": ["detractor"]}],
                 "from": "2019-04-01", "to": "2019-05-01", "orderBy": [{"field": "responses", "direction": "desc"}], "limit": 2}""";
        HttpResponse<String> response = post("/api/v1/query", "q-exec-key", topThemes);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        // delivery: 5 detractors of 华东 (the promoter and 华南 do not count); price: 3; service attitude: 1, cut by the
        // limit
        assertThat(response.body()).contains("\"rows\":[[\"delivery\",5,true],[\"price\",3,true]]");
        JsonNode theme = JSON.readTree(response.body()).at("/columns/0");
        assertThat(theme.get("label").asString()).isEqualTo("反馈主题");
        assertThat(theme.at("/values/delivery").asString()).isEqualTo("物流配送");
        assertThat(JSON.readTree(post("/api/v1/query", "q-exec-key", topThemes, "Accept-Language", "en")
                                .body())
                        .at("/columns/0/values/delivery")
                        .asString())
                .isEqualTo("Delivery");
        // a manager of 华南 asking for 华东 gets nothing of 华东
        assertThat(post("/api/v1/query", "q-south-key", topThemes).body()).contains("\"rows\":[]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "theme of transactions | {\"metrics\": [\"revenue\"], \"dimensions\": [\"theme\"], \"from\": \"2019-04-01\", \"to\": \"2019-05-01\"} | dimensions[0] | metric 'revenue' cannot be sliced by dimension 'theme'",
                "unknown nps group | {\"metrics\": [\"responses\"], \"dimensions\": [\"theme\"], \"filters\": [{\"dimension\": \"nps_group\", \"op\": \"eq\", \"values\": [\"critics\"]}], \"from\": \"2019-04-01\", \"to\": \"2019-05-01\"} | filters[0].values[0] | 'critics' is not a value of nps_group; values are [detractor, passive, promoter]",
                "unknown theme | {\"metrics\": [\"feedback\"], \"filters\": [{\"dimension\": \"theme\", \"op\": \"in\", \"values\": [\"delivery\", \"weather\"]}], \"from\": \"2019-04-01\", \"to\": \"2019-05-01\"} | filters[0].values[1] | 'weather' is not a value of theme; values are [delivery, service_attitude, price, quality, refund, app]",
                "score out of range | {\"metrics\": [\"responses\"], \"filters\": [{\"dimension\": \"nps_score\", \"op\": \"eq\", \"values\": [\"11\"]}], \"from\": \"2019-04-01\", \"to\": \"2019-05-01\"} | filters[0].values[0] | '11' is not an NPS score; scores are 0 to 10"
            })
    void refusesABadThemeRequestNamingTheField(String what, String body, String field, String detail) throws Exception {
        refusesABadRequestNamingTheField(what, "/api/v1/query", body, field, detail);
    }

    @Test
    void latestCommentsAreScopedNewestFirstAndKeepTheirTextAsItIs() throws Exception {
        String lines = """
                {"event_id":"q-comment-1","survey_id":"s","ts":"2019-04-20T09:00:00+08:00","region":"华东","channel":"app","nps_score":3,"csat_score":2,"comment":"<script>alert(1)</script> 快递太慢"}
                {"event_id":"q-comment-2","survey_id":"s","ts":"2019-04-20T10:00:00+08:00","region":"华南","channel":"web","nps_score":9,"comment":"退款很快"}
                {"event_id":"q-comment-3","survey_id":"s","ts":"2019-04-20T11:00:00+08:00","region":"华东","channel":"app","nps_score":8,"comment":"   "}
                """;
        ingestLines(lines);
        String range = "/api/v1/comments?from=2019-04-20&to=2019-04-21";
        JsonNode all = JSON.readTree(get(range, "q-exec-key").body());
        // newest first; the blank comment is not one
        assertThat(all.at("/comments/0/id").asString()).isEqualTo("q-comment-2");
        assertThat(all.at("/comments/1").toString()).isEqualTo("""
                {"id":"q-comment-1","ts":"2019-04-20T01:00:00Z","region":"华东","channel":"app","npsScore":3,"csatScore":2,\
                "themes":[{"id":"delivery","label":"物流配送"}],"text":"<script>alert(1)</script> 快递太慢"}""");
        assertThat(all.get("comments")).hasSize(2);
        assertThat(JSON.readTree(get(range, "q-exec-key", "Accept-Language", "en")
                                .body())
                        .at("/comments/1/themes/0/label")
                        .asString())
                .isEqualTo("Delivery");
        // a manager of 华南 never reads 华东's comment, even when asking for 华东
        assertThat(JSON.readTree(get(range, "q-south-key").body()).findValuesAsString("region"))
                .containsExactly("华南");
        String east = range + "&region=" + java.net.URLEncoder.encode("华东", StandardCharsets.UTF_8);
        assertThat(JSON.readTree(get(east, "q-south-key").body()).get("comments"))
                .isEmpty();
        assertThat(JSON.readTree(get(east + "&nps_group=detractor&theme=delivery", "q-exec-key")
                                .body())
                        .get("comments"))
                .extracting(c -> c.get("id").asString())
                .containsExactly("q-comment-1");
        assertThat(get(range, null).statusCode()).isEqualTo(401);
        assertThat(get(range, "q-ingest-key").statusCode()).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "no range | | from | the first day (from) is required",
                "bad day | from=2019-13-01&to=2019-05-01 | from | '2019-13-01' is not a date (yyyy-MM-dd)",
                "limit too large | from=2019-04-01&to=2019-05-01&limit=500 | limit | limit must be between 1 and 100",
                "limit not a number | from=2019-04-01&to=2019-05-01&limit=ten | limit | limit must be a whole number",
                "unknown nps group | from=2019-04-01&to=2019-05-01&nps_group=critics | nps_group | 'critics' is not a value of nps_group; values are [detractor, passive, promoter]",
                "unknown theme | from=2019-04-01&to=2019-05-01&theme=weather | theme | 'weather' is not a value of theme; values are [delivery, service_attitude, price, quality, refund, app]"
            })
    void refusesABadCommentRequestNamingTheParameter(String what, String query, String field, String detail)
            throws Exception {
        HttpResponse<String> response = get("/api/v1/comments?" + (query == null ? "" : query), "q-exec-key");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("field").asString()).isEqualTo(field);
        assertThat(problem.get("detail").asString()).isEqualTo(detail);
    }

    HttpResponse<String> get(String path, String key, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void needsAKeyThatMayRead() throws Exception {
        assertThat(post("/api/v1/query", null, NPS_BY_REGION).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/query", "q-ingest-key", NPS_BY_REGION).statusCode())
                .isEqualTo(403);
    }
}
