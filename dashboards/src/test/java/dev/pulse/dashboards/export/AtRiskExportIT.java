package dev.pulse.dashboards.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.dashboards.PulseApplicationTest;
import dev.pulse.dashboards.SeededData;
import dev.pulse.dashboards.WebSessions;
import dev.pulse.dashboards.Workbooks;
import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.kernel.Role;
import dev.pulse.warehouse.Ingestion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The at-risk customer list over HTTP with a browser session, as the churn dashboard reads and exports
 * it: a regional manager gets only their region's customers in the API, the CSV and the XLSX, Chinese
 * names intact and names that look like formulas neutralised; bad parameters are 400 naming the field.
 */
@PulseApplicationTest
class AtRiskExportIT {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Ingestion ingestion;

    @Autowired
    PulseSettings pulse;

    final HttpClient http = HttpClient.newHttpClient();
    String prefix;

    @BeforeEach
    void seed() {
        prefix = SeededData.seed(ingestion, pulse.timezone());
    }

    String range() {
        LocalDate today = LocalDate.now(pulse.timezone());
        return "from=" + today.minusDays(200) + "&to=" + today;
    }

    HttpResponse<byte[]> get(WebSessions.Session session, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Cookie", session.cookie())
                        .header("Accept-Language", "zh-CN")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The name the seeded data gave a customer id of this run, null for another test's customer. */
    String seededName(String id) {
        return id.startsWith(prefix + "-c")
                ? SeededData.name(Integer.parseInt(id.substring(prefix.length() + 2)))
                : null;
    }

    @Test
    void aRegionalManagersCsvHoldsOnlyTheirRegionWithChineseNamesIntactAndFormulasNeutralised() throws Exception {
        WebSessions.Session manager = new WebSessions(port, accounts).signIn(Role.REGIONAL_MANAGER);
        HttpResponse<byte[]> response =
                get(manager, "/dashboards/export/at-risk?format=csv&name=at-risk-customers&" + range());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
                .contains("at-risk-customers.csv");
        byte[] csv = response.body();
        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String[] lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).startsWith("客户编号,客户名称,大区,省份,客户分群,最近购买日,订单数,收入,RFM 分群");
        List<String[]> rows =
                Arrays.stream(lines).skip(1).map(l -> l.split(",", 4)).toList();
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r[2]).isEqualTo("华东"));
        List<String[]> seeded =
                rows.stream().filter(r -> seededName(r[0]) != null).toList();
        assertThat(seeded)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r[1]).isEqualTo(TableFiles.neutralise(seededName(r[0]))));
        assertThat(seeded).anySatisfy(r -> assertThat(r[1]).startsWith("'@李客户"));
        assertThat(seeded).anySatisfy(r -> assertThat(r[1]).startsWith("张客户"));

        // the list the page shows is the same customers
        JsonNode api = JsonMapper.builder()
                .build()
                .readTree(get(manager, "/api/v1/customers/at-risk?" + range()).body());
        List<String> ids = new ArrayList<>();
        api.get("rows").forEach(row -> ids.add(row.get(0).asString()));
        assertThat(ids).isEqualTo(rows.stream().map(r -> r[0]).toList());
        api.get("rows").forEach(row -> assertThat(row.get(2).asString()).isEqualTo("华东"));
    }

    @Test
    void aRegionalManagersXlsxHoldsOnlyTheirRegionInChinese() throws Exception {
        WebSessions.Session manager = new WebSessions(port, accounts).signIn(Role.REGIONAL_MANAGER);
        HttpResponse<byte[]> response =
                get(manager, "/dashboards/export/at-risk?format=xlsx&name=at-risk-customers&" + range());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        List<List<String>> rows = Workbooks.cells(response.body());
        assertThat(rows.getFirst()).startsWith("客户编号", "客户名称", "大区");
        List<List<String>> data = rows.subList(1, rows.size());
        assertThat(data).isNotEmpty().allSatisfy(r -> assertThat(r.get(2)).isEqualTo("华东"));
        List<List<String>> seeded =
                data.stream().filter(r -> seededName(r.getFirst()) != null).toList();
        assertThat(seeded)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.get(1)).isEqualTo(TableFiles.neutralise(seededName(r.getFirst()))));
        List<String> names = data.stream().map(r -> r.get(1)).toList();
        assertThat(names)
                .anySatisfy(name -> assertThat(name).startsWith("'@李客户"))
                .noneSatisfy(name -> assertThat(name).startsWith("@李客户"));
    }

    @Test
    void anExecutiveGetsEveryRegionAndBadParametersAre400NamingTheField() throws Exception {
        WebSessions.Session executive = new WebSessions(port, accounts).signIn(Role.EXECUTIVE);
        String csv = new String(
                get(executive, "/dashboards/export/at-risk?format=csv&" + range())
                        .body(),
                StandardCharsets.UTF_8);
        assertThat(csv).contains(",华东,", ",华南,", ",华北,");
        String east = new String(
                get(executive, "/dashboards/export/at-risk?format=csv&region=%E5%8D%8E%E4%B8%9C&limit=3&" + range())
                        .body(),
                StandardCharsets.UTF_8);
        assertThat(east.split("\r\n"))
                .hasSize(4)
                .satisfies(lines -> assertThat(Arrays.stream(lines).skip(1)).allMatch(l -> l.contains(",华东,")));
        for (String[] bad : List.of(
                new String[] {"/api/v1/customers/at-risk?limit=0&" + range(), "limit"},
                new String[] {"/api/v1/customers/at-risk?from=2026-02-30&to=2026-03-01", "from"},
                new String[] {"/api/v1/customers/at-risk", "from"},
                new String[] {"/dashboards/export/at-risk?format=csv&limit=ten&" + range(), "limit"},
                new String[] {"/dashboards/export/at-risk?format=pdf&" + range(), "format"})) {
            HttpResponse<byte[]> response = get(executive, bad[0]);
            assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(new String(response.body(), StandardCharsets.UTF_8))
                    .as(bad[0])
                    .contains("\"field\":\"" + bad[1] + "\"");
        }
    }
}
