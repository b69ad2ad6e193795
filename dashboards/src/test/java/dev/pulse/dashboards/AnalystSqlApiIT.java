package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.ClickHouseEngine.InputFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/sql} over real HTTP on the embedded engine: the answer's shape, a regional
 * key that sees only its regions whatever the SQL, refusals as problem details, roles.
 */
@PulseApplicationTest
class AnalystSqlApiIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ClickHouseEngine engine;

    final HttpClient http = HttpClient.newHttpClient();
    String prefix;

    /** Two transactions in each of three regions, with event ids no other test uses. */
    @BeforeEach
    void seed() {
        prefix = "sqlit-" + UUID.randomUUID();
        List<String> rows = new ArrayList<>();
        for (String region : List.of("华东", "华南", "西北")) {
            for (int i = 0; i < 2; i++) {
                rows.add("""
                        {"event_id":"%s-%s-%d","transaction_id":"x","customer_id":"c","ts":"2026-05-01 00:00:00","amount":"1.5","region":"%s"}""".formatted(prefix, region, i, region));
            }
        }
        engine.insert(
                "transactions_raw",
                InputFormat.JSON_EACH_ROW,
                String.join("\n", rows).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> sql(String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/sql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> query(String key, String sql) throws Exception {
        return sql(key, JSON.writeValueAsString(Map.of("sql", sql)));
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Test
    void answersWithColumnsRowsAndMeta() throws Exception {
        HttpResponse<String> response = query(
                "sql-analyst",
                "SELECT region, count(*) AS n, sum(amount) AS revenue FROM transactions WHERE event_id LIKE '" + prefix
                        + "%' GROUP BY region ORDER BY region");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("columns").toString())
                .isEqualTo(
                        "[{\"name\":\"region\",\"type\":\"LowCardinality(String)\"},{\"name\":\"n\",\"type\":\"UInt64\"},"
                                + "{\"name\":\"revenue\",\"type\":\"Decimal(38, 2)\"}]");
        assertThat(body.get("rows").toString()).isEqualTo("[[\"华东\",2,3.0],[\"华南\",2,3.0],[\"西北\",2,3.0]]");
        assertThat(response.body()).contains("[\"华东\",2,3.00]");
        assertThat(body.get("meta").get("sql").asString())
                .contains("FROM `pulse`.`transactions`")
                .doesNotContain(prefix);
        assertThat(body.get("meta").get("rowsRead").asLong()).isPositive();
        assertThat(body.get("meta").get("elapsedMs").asLong()).isGreaterThanOrEqualTo(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
            plain              | SELECT event_id, region FROM transactions WHERE event_id LIKE '%s%%'
            or-true            | ^SELECT event_id, region FROM transactions WHERE event_id LIKE '%s%%' AND (1=1 OR region <> '华东')^
            cte like the view  | ^WITH transactions AS (SELECT * FROM transactions WHERE region <> '华北') SELECT event_id, region FROM transactions WHERE event_id LIKE '%s%%'^
            union all          | ^SELECT event_id, region FROM transactions WHERE event_id LIKE '%s%%' UNION ALL SELECT event_id, region FROM feedback WHERE event_id LIKE '%1$s%%'^
            in subquery        | ^SELECT event_id, region FROM transactions WHERE event_id IN (SELECT event_id FROM transactions WHERE event_id LIKE '%s%%')^
            quoted, qualified  | ^SELECT "event_id", "region" FROM "pulse"."transactions" WHERE "event_id" LIKE '%s%%'^
            """)
    void aRegionalKeySeesOnlyItsRegion(String shape, String template) throws Exception {
        HttpResponse<String> response = query("sql-east", template.formatted(prefix));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(response).get("rows").forEach(row -> {
            assertThat(row.get(1).asString()).isEqualTo("华东");
            ids.add(row.get(0).asString());
        });
        assertThat(ids).containsExactlyInAnyOrder(prefix + "-华东-0", prefix + "-华东-1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
            SELECT * FROM system.users                          | SYSTEM is not allowed            | 1 | 15
            ^SELECT * FROM transactions PREWHERE region = '华南'^ | PREWHERE is not allowed          | 1 | 37
            ^SELECT * FROM file('/etc/passwd')^                 | a table function is not allowed | 1 | 15
            SELECT sleep(3) FROM transactions                   | function sleep is not allowed   | 1 | 8
            SELECT 1 FROM transactions; DROP TABLE transactions | DROP is not allowed             | 1 | 29
            """)
    void refusalsAreProblemDetailsWithThePosition(String sql, String reason, int line, int column) throws Exception {
        HttpResponse<String> response = query("sql-analyst", sql);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("title").asString()).isEqualTo("SQL refused");
        assertThat(problem.get("detail").asString()).contains(reason);
        assertThat(problem.get("field").asString()).isEqualTo("sql");
        assertThat(problem.get("line").asInt()).isEqualTo(line);
        assertThat(problem.get("column").asInt()).isEqualTo(column);
    }

    @Test
    void badBodiesAreProblemDetails() throws Exception {
        HttpResponse<String> notJson = sql("sql-analyst", "{\"sql\": ");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("status").asInt()).isEqualTo(400);

        HttpResponse<String> noSql = sql("sql-analyst", "{}");
        assertThat(noSql.statusCode()).isEqualTo(400);
        assertThat(json(noSql).get("detail").asString()).isEqualTo("sql is required");
    }

    @Test
    void validSqlTheEngineCannotRunIsA422NotA500() throws Exception {
        HttpResponse<String> response = query(
                "sql-analyst",
                "SELECT CAST(customer_id AS INTEGER) FROM transactions WHERE event_id LIKE '" + prefix + "%'");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode problem = json(response);
        assertThat(problem.get("title").asString()).isEqualTo("Query failed");
        assertThat(problem.get("detail").asString()).startsWith("the warehouse could not run the query: Code: ");
        assertThat(problem.get("code").asInt()).isPositive();
    }

    @Test
    void abuseIsRefusedAndTheServiceStaysHealthy() throws Exception {
        String nested = "SELECT " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + " FROM transactions";
        String huge = "SELECT event_id FROM transactions WHERE event_id <> '" + "x".repeat(100_000) + "'";
        String megabyte = "SELECT event_id FROM transactions WHERE event_id <> '" + "x".repeat(1 << 20) + "'";
        String cross = "SELECT count(*) FROM transactions a, survey_responses b";

        assertThat(json(query("sql-analyst", nested)).get("detail").asString())
                .isEqualTo("parentheses nest deeper than 64 levels");
        assertThat(json(query("sql-analyst", huge)).get("detail").asString()).startsWith("sql is 100054 bytes");
        // a body over pulse.kernel.json-body-limit is refused before it is read
        HttpResponse<String> tooLarge = query("sql-analyst", megabyte);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json(tooLarge).get("detail").asString())
                .isEqualTo("the request body is larger than 1048576 bytes (pulse.kernel.json-body-limit)");
        assertThat(json(query("sql-analyst", cross)).get("detail").asString()).contains("cross joins are not allowed");
        for (String nonEqui : List.of(
                "SELECT count(*) FROM transactions a JOIN transactions b ON a.event_id <> b.event_id",
                "SELECT count(*) FROM transactions a JOIN transactions b ON a.amount < b.amount",
                "SELECT count(*) FROM transactions a, survey_responses b WHERE a.ts < b.ts")) {
            HttpResponse<String> refused = query("sql-analyst", nonEqui);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(json(refused).get("detail").asString()).contains("non-equi joins are not allowed");
        }
        HttpResponse<String> after =
                query("sql-analyst", "SELECT count(*) FROM transactions WHERE event_id LIKE '" + prefix + "%'");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(json(after).get("rows").toString()).isEqualTo("[[6]]");
    }

    @Test
    void onlyAnalystsExecutivesAndRegionalManagersMaySendSql() throws Exception {
        String sql = "SELECT event_id FROM transactions";
        assertThat(query(null, sql).statusCode()).isEqualTo(401);
        for (String key : List.of("sql-quality", "sql-ingest")) {
            HttpResponse<String> response = query(key, sql);
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(json(response).get("status").asInt()).isEqualTo(403);
        }
    }
}
