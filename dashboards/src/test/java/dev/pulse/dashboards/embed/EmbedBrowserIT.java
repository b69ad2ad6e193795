package dev.pulse.dashboards.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pulse.dashboards.Browser;
import dev.pulse.dashboards.PulseApplicationTest;
import dev.pulse.dashboards.SeededData;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.warehouse.Ingestion;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A customer's portal on another site frames an embedded dashboard in headless Chromium: the host
 * page is served from {@code http://127.0.0.1:<port>} while Pulse answers on {@code localhost}, two
 * different sites, so the browser sends no SameSite cookie of Pulse inside the frame. The tiles
 * still load their data, under the token's locked region, with no console error, and the filters
 * still change them.
 */
@PulseApplicationTest
class EmbedBrowserIT {

    @LocalServerPort
    int port;

    @Autowired
    EmbedApps apps;

    @Autowired
    Ingestion ingestion;

    @Autowired
    PulseSettings pulse;

    HttpServer host;
    Browser browser;

    @BeforeEach
    void start() throws Exception {
        browser = new Browser(port);
        SeededData.seed(ingestion, pulse.timezone());
        host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host.start();
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.stop(0);
        }
        if (browser != null) {
            browser.close();
        }
    }

    /** Serves the portal page at {@code /portal.html} on the host server; answers the page's origin. */
    String servePortal(String iframeSrc) {
        String page =
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>Portal</title></head>"
                        + "<body><h1>Sales portal</h1><iframe id=\"pulse\" src=\"" + iframeSrc
                        + "\" width=\"1300\" height=\"1600\"></iframe></body></html>";
        host.createContext("/portal.html", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        return "http://127.0.0.1:" + host.getAddress().getPort();
    }

    /** What the host's server does: HS256 over base64url(header).base64url(claims), with the application's secret. */
    static String sign(String secret, String claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aPortalOnAnotherSiteFramesADashboardWhoseTilesLoadTheirData() throws Exception {
        String pulseBase = "http://localhost:" + port;
        String[] portal = new String[1];
        // the origin is known once the host server listens; register the application for it
        portal[0] = servePortal("about:blank");
        host.removeContext("/portal.html");
        EmbedApps.Registered app = apps.register("跨站门户 " + System.nanoTime(), portal[0], "test");
        String token = sign(
                app.secret(),
                "{\"iss\":\"" + app.app().id() + "\",\"exp\":" + (Instant.now().getEpochSecond() + 600)
                        + ",\"dashboard\":\"overview\",\"region\":\"华东\"}");
        servePortal(pulseBase + "/embed/overview?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));

        browser.driver.get(portal[0] + "/portal.html");
        browser.driver.switchTo().frame("pulse");
        new WebDriverWait(browser.driver, Duration.ofSeconds(60))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> "true"
                        .equals(browser.driver.executeScript("return document.body && document.body.dataset.loaded")));
        List<Map<String, Object>> tiles = browser.tiles();
        browser.screenshot("embed-cross-site-overview");
        Browser.assertSettled(tiles, "cross-site embed");
        assertThat(tiles)
                .filteredOn(t -> "revenue".equals(t.get("tile")))
                .singleElement()
                .satisfies(t ->
                        assertThat(Double.parseDouble((String) t.get("value"))).isPositive());
        assertThat(browser.driver.executeScript("return echarts.getInstanceByDom(document.querySelector("
                        + "'[data-tile=regions-ranked] .chart-body')).getOption().yAxis[0].data"))
                .isEqualTo(List.of("华东"));
        assertThat((String) browser.driver.executeScript("return location.href"))
                .as("the token left the frame's address")
                .doesNotContain("token=")
                .doesNotContain(token);
        assertThat(browser.consoleErrors()).as("console").isEmpty();

        // the filters work inside the frame too: their form posts the grant back, no cookie needed
        browser.driver.executeScript("window.pulseOldPage = true; document.getElementById('f-preset').value = '30d';");
        browser.driver.findElement(org.openqa.selenium.By.id("f-apply")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(60))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(browser.driver.executeScript(
                        "return !window.pulseOldPage && document.body && document.body.dataset.loaded === 'true'")));
        assertThat(browser.driver.executeScript("return document.getElementById('f-preset').value"))
                .isEqualTo("30d");
        assertThat(browser.driver.executeScript("return document.body.dataset.from"))
                .isEqualTo(LocalDate.now(pulse.timezone()).minusDays(30).toString());
        // a month holds no campaign: campaign ROI is empty, every other tile has data
        assertThat(browser.tiles())
                .as("cross-site embed, 30 days")
                .allSatisfy(t -> assertThat(t.get("state"))
                        .as("30 days: %s", t.get("tile"))
                        .isEqualTo(t.get("tile").equals("campaign_roi") ? "empty" : "ready"));
        assertThat(browser.driver.executeScript("return echarts.getInstanceByDom(document.querySelector("
                        + "'[data-tile=regions-ranked] .chart-body')).getOption().yAxis[0].data"))
                .isEqualTo(List.of("华东"));
        browser.screenshot("embed-cross-site-overview-30d");
        assertThat(browser.consoleErrors()).as("console after filtering").isEmpty();
    }
}
