package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kernel.PulseSettings;
import dev.pulse.warehouse.Ingestion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.NoAlertPresentException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Data is text in every tooltip: a campaign whose id is HTML ({@code <img src=x onerror=alert(1)>}) shows
 * as those characters in the tooltips of the campaign charts (a custom formatter and ECharts' own), and no
 * element is created. The campaign lives in March 2001, a month no other test reads.
 */
@PulseApplicationTest
// the demo users sign in on the pages: one context for the browser ITs
@TestPropertySource(properties = {"pulse.dashboards.demo-users=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TooltipEscapingBrowserIT {

    static final String HOSTILE = "<img src=x onerror=alert(1)>";

    @LocalServerPort
    int port;

    @Autowired
    Ingestion ingestion;

    @Autowired
    PulseSettings pulse;

    Browser browser;

    @BeforeAll
    void start() {
        ingest(
                "campaigns",
                "{\"campaign_id\":\"" + HOSTILE
                        + "\",\"name\":\"<b>活动</b>\",\"channel\":\"app\",\"start_date\":\"2001-03-01\","
                        + "\"end_date\":\"2001-03-20\",\"cost\":1000,\"region\":\"华东\"}\n");
        ingest(
                "transactions",
                "{\"event_id\":\"xss-t1\",\"transaction_id\":\"xss-t1\",\"customer_id\":\"xss-c1\",\"ts\":\"2001-03-10T02:00:00Z\","
                        + "\"amount\":2500.00,\"channel\":\"app\",\"region\":\"华东\",\"campaign_id\":\"" + HOSTILE
                        + "\"}\n");
        browser = new Browser(port);
    }

    private void ingest(String table, String ndjson) {
        Ingestion.IngestResult result = ingestion.ingest(
                table,
                new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)),
                Ingestion.BodyFormat.NDJSON,
                true);
        assertThat(result.rejected()).as(table).isEmpty();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cost-vs-revenue", "roi-by-campaign"})
    void aCampaignIdHoldingHtmlIsTextInTheTooltip(String tile) {
        browser.login("exec", DashboardsBrowserIT.DEMO_PASSWORD);
        browser.dashboard("/dashboards/campaigns?preset=custom&from=2001-03-01&to=2001-03-31");
        @SuppressWarnings("unchecked")
        Map<String, Object> tip = (Map<String, Object>) browser.js("""
                const box = document.querySelector('[data-tile="' + arguments[0] + '"] .chart-body');
                const chart = echarts.getInstanceByDom(box);
                chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: 0 });
                const tips = Array.from(box.querySelectorAll('div')).filter(d => d.textContent.includes('onerror'));
                return { state: box.parentElement.dataset.state, text: tips.length ? tips[tips.length - 1].textContent : '',
                         images: document.querySelectorAll('img').length };""", tile);
        assertThat(tip.get("state")).isEqualTo("ready");
        assertThat((String) tip.get("text")).as("the id as text in the tooltip").contains(HOSTILE);
        assertThat(tip.get("images")).as("no element made of the data").isEqualTo(0L);
        try {
            browser.driver.switchTo().alert();
            throw new AssertionError("a script from the data ran: an alert is open");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }
}
