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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Table export over HTTP with a browser session: the viewer's scope, BOM, XLSX, and bad requests naming the field. */
@PulseApplicationTest
class ExportIT {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Ingestion ingestion;

    @Autowired
    PulseSettings pulse;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void seed() {
        SeededData.seed(ingestion, pulse.timezone());
    }

    HttpResponse<byte[]> export(WebSessions.Session session, String query, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/dashboards/export" + query))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Cookie", session.cookie()).header("X-CSRF-TOKEN", session.csrf());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    String byRegion() {
        return """
                {"metrics":["orders","revenue"],"dimensions":["region"],"from":"%s","to":"%s","orderBy":[{"field":"region","direction":"asc"}]}""".formatted(LocalDate.now(pulse.timezone()).minusDays(200), LocalDate.now(pulse.timezone()));
    }

    @Test
    void aRegionalManagersCsvHoldsOnlyTheirRegionWithABom() throws Exception {
        WebSessions web = new WebSessions(port, accounts);
        HttpResponse<byte[]> manager =
                export(web.signIn(Role.REGIONAL_MANAGER), "?format=csv&name=region-table", byRegion());
        assertThat(manager.statusCode()).isEqualTo(200);
        assertThat(manager.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(manager.headers().firstValue("Content-Disposition").orElse(""))
                .contains("region-table.csv");
        byte[] csv = manager.body();
        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String[] lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).isEqualTo("大区,订单数,收入");
        assertThat(Arrays.stream(lines).skip(1).map(l -> l.substring(0, l.indexOf(','))))
                .containsExactly("华东");

        HttpResponse<byte[]> executive = export(web.signIn(Role.EXECUTIVE), "?format=csv", byRegion());
        String all = new String(executive.body(), StandardCharsets.UTF_8);
        assertThat(all).contains("\r\n华东,", "\r\n华南,", "\r\n华北,", "\r\n西南,");
    }

    @Test
    void xlsxIsAWorkbookInTheViewersLanguage() throws Exception {
        HttpResponse<byte[]> response =
                export(new WebSessions(port, accounts).signIn(Role.ANALYST), "?format=xlsx&name=sat", byRegion());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        List<List<String>> rows = Workbooks.cells(response.body());
        assertThat(rows.getFirst()).contains("大区", "收入");
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("华东"));
    }

    @Test
    void badRequestsAre400NamingTheFieldAndStrangersAreRefused() throws Exception {
        WebSessions web = new WebSessions(port, accounts);
        WebSessions.Session session = web.signIn(Role.EXECUTIVE);
        HttpResponse<byte[]> format = export(session, "?format=pdf", byRegion());
        assertThat(format.statusCode()).isEqualTo(400);
        assertThat(new String(format.body(), StandardCharsets.UTF_8)).contains("\"field\":\"format\"");
        HttpResponse<byte[]> metric = export(
                session, "?format=csv", "{\"metrics\":[\"no_such\"],\"from\":\"2026-01-01\",\"to\":\"2026-02-01\"}");
        assertThat(metric.statusCode()).isEqualTo(400);
        assertThat(new String(metric.body(), StandardCharsets.UTF_8)).contains("\"field\":\"metrics[0]\"");
        HttpResponse<byte[]> body = export(session, "?format=csv", "[1,2]");
        assertThat(body.statusCode()).isEqualTo(400);
        assertThat(new String(body.body(), StandardCharsets.UTF_8)).contains("\"field\":\"body\"");
        HttpResponse<byte[]> name = export(session, "?format=csv&name=..%2Fetc", byRegion());
        assertThat(name.statusCode()).isEqualTo(400);
        // a write without a session is refused by the CSRF check before anyone asks who it is
        assertThat(export(null, "?format=csv", byRegion()).statusCode()).isEqualTo(403);
        WebSessions.Session noToken = new WebSessions.Session(session.cookie(), "forged");
        assertThat(export(noToken, "?format=csv", byRegion()).statusCode()).isEqualTo(403);
    }
}
