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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/query} over real HTTP on the embedded engine: the response shape of the issue,
 * labels in the asked language, the caller's scope, explain, and a problem detail naming the field
 * for every bad request. The rows live in March 2019, which no other test writes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pulse.warehouse.data-dir=target/it-warehouse",
        "pulse.data-dir=target/it-data",
        "pulse.security.api-keys=q-exec-key:EXECUTIVE,q-ingest-key:INGEST,q-south-key:REGIONAL_MANAGER:华南"})
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
        engine.insert("survey_responses_raw", ClickHouseEngine.InputFormat.JSON_EACH_ROW, rows.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String response(String id, String region, int nps) {
        return """
                {"event_id":"%s","survey_id":"s","customer_id":"c","transaction_id":"","ts":"2019-03-10 02:00:00.000","region":"%s","channel":"app","language":"zh","nps_score":%d,"csat_score":null,"ces_score":null,"comment":"","answers":""}
                """.formatted(id, region, nps);
    }

    HttpResponse<String> post(String path, String key, String body, String... headers) throws IOException, InterruptedException {
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
        assertThat(body.at("/meta/sql").asString()).startsWith("SELECT `region`, toStartOfMonth(`ts`, 'Asia/Shanghai') AS `month`");
        assertThat(body.at("/meta/elapsedMs").isNumber()).isTrue();
        assertThat(body.at("/meta/cached").isBoolean()).isTrue();
    }

    @Test
    void labelsInEnglishWhenAsked() throws Exception {
        HttpResponse<String> response = post("/api/v1/query", "q-exec-key", NPS_BY_REGION, "Accept-Language", "en");
        assertThat(JSON.readTree(response.body()).at("/columns/2/label").asString()).isEqualTo("Net Promoter Score");
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
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "unknown metric | /api/v1/query | {\"metrics\": [\"nps\", \"happiness\"], \"from\": \"2019-03-01\", \"to\": \"2019-04-01\"} | metrics[1] | unknown metric 'happiness'",
            "not sliceable | /api/v1/query | {\"metrics\": [\"nps\", \"revenue\"], \"dimensions\": [\"survey\"], \"from\": \"2019-03-01\", \"to\": \"2019-04-01\"} | dimensions[0] | metric 'revenue' cannot be sliced by dimension 'survey'",
            "bad date | /api/v1/query | {\"metrics\": [\"nps\"], \"from\": \"2019-13-01\", \"to\": \"2019-04-01\"} | from | '2019-13-01' is not a date (yyyy-MM-dd)",
            "bad op | /api/v1/query | {\"metrics\": [\"nps\"], \"filters\": [{\"dimension\": \"region\", \"op\": \"~\", \"values\": [\"华东\"]}], \"from\": \"2019-03-01\", \"to\": \"2019-04-01\"} | filters[0].op | '~' is not one of [eq, in, ne, not_in]",
            "unknown field | /api/v1/query | {\"metrics\": [\"nps\"], \"form\": \"2019-03-01\"} | form | unknown field 'form'; known fields are [compareTo, dimensions, filters, from, limit, metrics, orderBy, to]",
            "no range | /api/v1/query | {\"metrics\": [\"nps\"]} | from | the first day (from) is required",
            "not JSON | /api/v1/query | {\"metrics\": [ | body | the body is not a readable JSON document",
            "bad explain | /api/v1/query?explain=maybe | {\"metrics\": [\"nps\"]} | explain | 'maybe' is not a valid value for explain"})
    void refusesABadRequestNamingTheField(String what, String path, String body, String field, String detail) throws Exception {
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
        assertThat(JSON.readTree(post("/api/v1/query", "q-exec-key", query).body()).at("/meta/cached").asBoolean()).isTrue();
        ingest("q-nw-2", 0);
        HttpResponse<String> second = post("/api/v1/query", "q-exec-key", query);
        assertThat(second.body()).contains("\"rows\":[[\"西北\",2,0.00,true]]");
        assertThat(JSON.readTree(second.body()).at("/meta/cached").asBoolean()).isFalse();
    }

    private void ingest(String id, int nps) throws Exception {
        String line = """
                {"event_id":"%s","survey_id":"s","ts":"2019-05-10T10:00:00+08:00","region":"西北","nps_score":%d}
                """.formatted(id, nps);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ingest/survey-responses"))
                .header("Content-Type", "application/x-ndjson").header("Authorization", "Bearer q-ingest-key")
                .POST(HttpRequest.BodyPublishers.ofString(line, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void needsAKeyThatMayRead() throws Exception {
        assertThat(post("/api/v1/query", null, NPS_BY_REGION).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/query", "q-ingest-key", NPS_BY_REGION).statusCode()).isEqualTo(403);
    }
}
