package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.warehouse.Ingestion;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The five dashboards in headless Chromium on a seeded dataset: every role sees every chart with
 * data and no console error, filters change the numbers and live in the URL, a regional manager
 * sees only their region, every KPI equals the query API's value, and the language is remembered.
 */
@PulseApplicationTest
// the demo users sign in on the pages: one context for the browser ITs
@TestPropertySource(properties = {"pulse.dashboards.demo-users=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardsBrowserIT {

    static final String DEMO_PASSWORD = "pulse-demo-2026";
    static final String ADMIN_PASSWORD = "it-admin-password-1";
    static final List<String> DASHBOARDS = List.of("overview", "satisfaction", "churn", "campaigns", "regions");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    Ingestion ingestion;

    @Autowired
    Accounts accounts;

    @Autowired
    PulseSettings pulse;

    Browser browser;

    @BeforeAll
    void start() {
        browser = new Browser(port);
        SeededData.seed(ingestion, pulse.timezone());
        // the admin may come from another test's first start, with a generated password
        accounts.setPassword("admin", ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"exec", "analyst", "quality", "manager.huadong", "admin"})
    void everyRoleSeesEveryDashboardWithDataAndNoConsoleError(String user) {
        browser.login(user, user.equals("admin") ? ADMIN_PASSWORD : DEMO_PASSWORD);
        assertThat(browser.driver.getCurrentUrl()).endsWith("/dashboards/overview");
        for (String dashboard : DASHBOARDS) {
            browser.dashboard("/dashboards/" + dashboard + "?preset=90d");
            List<Map<String, Object>> tiles = browser.tiles();
            browser.screenshot(user + "-" + dashboard);
            Browser.assertSettled(tiles, user + " " + dashboard);
            for (Map<String, Object> tile : tiles) {
                @SuppressWarnings("unchecked")
                List<Number> points = (List<Number>) tile.get("points");
                if (tile.get("rows") != null) {
                    assertThat(Integer.parseInt((String) tile.get("rows")))
                            .as(tile.get("tile") + " rows")
                            .isPositive();
                } else if (tile.get("value") == null) {
                    assertThat(points)
                            .as(dashboard + " " + tile.get("tile") + " series")
                            .isNotEmpty()
                            .allSatisfy(n -> assertThat(n.intValue())
                                    .as(tile.get("tile") + " points")
                                    .isPositive());
                }
            }
            assertThat(browser.consoleErrors())
                    .as(user + " " + dashboard + " console")
                    .isEmpty();
        }
    }

    @Test
    void aRegionalManagerSeesOnlyTheirRegion() throws Exception {
        browser.login("manager.huadong", DEMO_PASSWORD);
        browser.dashboard("/dashboards/overview?preset=365d");
        assertThat(browser.js(
                        "return echarts.getInstanceByDom(document.querySelector('[data-tile=regions-ranked] .chart-body'))"
                                + ".getOption().yAxis[0].data"))
                .isEqualTo(List.of("华东"));
        assertThat(browser.driver.findElements(By.cssSelector("#f-region option")).stream()
                        .map(WebElement::getText)
                        .toList())
                .containsExactly("华东");
        assertThat(browser.driver.findElement(By.cssSelector(".scope")).getText())
                .isEqualTo("华东");
        browser.dashboard("/dashboards/regions?preset=365d");
        assertThat(browser.js(
                        "return Array.from(document.querySelectorAll('[data-table=region-table] tbody tr td:first-child'))"
                                + ".map(td => td.textContent)"))
                .isEqualTo(List.of("华东"));
        // drill down: region -> province -> city, still only 华东's places
        browser.driver
                .findElement(By.cssSelector("[data-table=region-table] td.drill"))
                .click();
        browser.waitFor("document.querySelector('[data-table=region-table]').dataset.level === 'province'");
        // other tests share the warehouse and may add 华东 rows without a province: only other regions' provinces are
        // wrong
        assertThat(browser.js(
                        "return Array.from(document.querySelectorAll('[data-table=region-table] tbody tr td:first-child'))"
                                + ".map(td => td.textContent)"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains("上海", "浙江")
                .doesNotContain("广东", "北京", "河北", "四川");
        String cookie = browser.driver.manage().getCookieNamed("JSESSIONID").getValue();
        HttpResponse<String> other = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(browser.base + "/dashboards/overview?region="
                                        + java.net.URLEncoder.encode("华南", StandardCharsets.UTF_8)))
                                .header("Cookie", "JSESSIONID=" + cookie)
                                .header("Accept", "text/html")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"exec", "manager.huadong"})
    void theChurnDashboardShowsCohortRetentionAndTheAtRiskCustomersOfTheViewersScope(String user) {
        browser.login(user, DEMO_PASSWORD);
        // a year: cohorts of twelve signup months (churn by segment is empty here, having no year before it)
        browser.dashboard("/dashboards/churn?preset=365d");
        assertThat(browser.js("return ['cohort-heatmap', 'at-risk-customers'].map(t => document.querySelector("
                        + "'[data-tile=' + t + '],[data-table=' + t + ']').dataset.state)"))
                .isEqualTo(List.of("ready", "ready"));
        // the heatmap: signup months × months since signup, every cell a share of its cohort
        @SuppressWarnings("unchecked")
        List<List<Number>> cells = (List<List<Number>>) browser.js("return echarts.getInstanceByDom("
                + "document.querySelector('[data-tile=cohort-heatmap] .chart-body')).getOption().series[0].data");
        assertThat(cells)
                .hasSizeGreaterThan(10)
                .allSatisfy(c -> assertThat(c.get(2).doubleValue()).isBetween(0.0, 100.0));
        assertThat(cells).anySatisfy(c -> assertThat(c.get(2).doubleValue()).isPositive());
        assertThat(browser.js(
                        "return echarts.getInstanceByDom(document.querySelector('[data-tile=cohort-heatmap] .chart-body'))"
                                + ".getOption().yAxis[0].data.length"))
                .isEqualTo(
                        cells.stream().map(c -> c.get(1).intValue()).distinct().count());
        // the at-risk list: rows of the viewer's regions only, names as text, sortable by revenue
        @SuppressWarnings("unchecked")
        List<Object> regions = (List<Object>) browser.js("return Array.from(document.querySelectorAll("
                + "'[data-table=at-risk-customers] tbody tr td:nth-child(3)')).map(td => td.textContent)");
        assertThat(regions).isNotEmpty();
        if (user.startsWith("manager")) {
            assertThat(regions).containsOnly("华东");
        } else {
            assertThat(regions).contains("华东", "华南");
        }
        assertThat((List<?>) browser.js("return Array.from(document.querySelectorAll("
                        + "'[data-table=at-risk-customers] tbody tr td:nth-child(2)')).map(td => td.textContent)"))
                .anySatisfy(name -> assertThat((String) name).matches("@?[张李]客户\\d+"));
        browser.driver
                .findElement(By.cssSelector("[data-table=at-risk-customers] th:nth-child(8)"))
                .click();
        @SuppressWarnings("unchecked")
        List<String> revenue = (List<String>) browser.js("return Array.from(document.querySelectorAll("
                + "'[data-table=at-risk-customers] tbody tr td:nth-child(8)')).map(td => td.textContent)");
        List<Double> numbers = revenue.stream()
                .map(v -> Double.parseDouble(v.replace(",", "")))
                .toList();
        assertThat(numbers).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(browser.driver.findElements(By.cssSelector("[data-table=at-risk-customers] button.export-csv")))
                .hasSize(1);
        assertThat(browser.driver.findElements(By.cssSelector("[data-table=at-risk-customers] button.export-xlsx")))
                .hasSize(1);
        browser.screenshot(user + "-churn-365d");
        assertThat(browser.consoleErrors()).as(user + " churn console").isEmpty();
    }

    @Test
    void theHeatmapAndTheAtRiskListSayWhenTheFiltersLeaveNothing() {
        browser.login("exec", DEMO_PASSWORD);
        browser.dashboard(
                "/dashboards/churn?preset=90d&segment=" + java.net.URLEncoder.encode("无此分群", StandardCharsets.UTF_8));
        assertThat(
                        browser.js(
                                "return ['cohort-heatmap', 'at-risk-customers'].map(t => { const el = document.querySelector("
                                        + "'[data-tile=' + t + '],[data-table=' + t + ']'); return el.dataset.state + ':' + el.querySelector('.state-note').textContent; })"))
                .isEqualTo(List.of("empty:所选范围内没有数据", "empty:所选范围内没有数据"));
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theSatisfactionTilesShowScoresThemesAndCommentsAsInertText() {
        // yesterday evening: the newest comment of the range, which ends yesterday; a rerun the same day stores it once
        String id = "xss-evening-" + LocalDate.now(pulse.timezone());
        String comment = "<img src=x onerror=\\\"window.pwned=1\\\">配送太慢 <script>window.pwned=2</script>";
        String line = """
                {"event_id":"%s","survey_id":"nps-main","ts":"%s","region":"华东","channel":"app","nps_score":2,"comment":"%s"}
                """.formatted(
                        id,
                        LocalDate.now(pulse.timezone())
                                .minusDays(1)
                                .atTime(20, 0)
                                .atZone(pulse.timezone())
                                .toInstant(),
                        comment);
        Ingestion.IngestResult stored = ingestion.ingest(
                "survey-responses",
                new java.io.ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
                Ingestion.BodyFormat.NDJSON,
                true);
        assertThat(stored.rejected()).isEmpty();
        for (String user : List.of("exec", "manager.huadong")) {
            browser.login(user, DEMO_PASSWORD);
            browser.dashboard("/dashboards/satisfaction?preset=30d");
            Browser.assertSettled(browser.tiles(), user + " satisfaction");
            // the comment is text: its markup is shown, never built, and nothing of it ran
            assertThat(browser.js(
                            "return Array.from(document.querySelectorAll('[data-table=latest-comments] .comment-text'))"
                                    + ".map(p => p.textContent)"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .contains("<img src=x onerror=\"window.pwned=1\">配送太慢 <script>window.pwned=2</script>");
            assertThat(
                            browser.js(
                                    "return document.querySelectorAll('[data-table=latest-comments] img, [data-table=latest-comments] script').length"))
                    .isEqualTo(0L);
            assertThat(browser.js("return window.pwned === undefined")).isEqualTo(true);
            assertThat(
                            browser.js(
                                    "return Array.from(document.querySelectorAll('[data-table=latest-comments] .theme')).map(t => t.textContent)"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .contains("物流配送");
            // scores 0–10 on the axis, one coloured series per NPS group, labelled in Chinese
            assertThat(browser.js(
                            "return echarts.getInstanceByDom(document.querySelector('[data-tile=score-distribution] .chart-body'))"
                                    + ".getOption().xAxis[0].data"))
                    .isEqualTo(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"));
            assertThat(browser.js(
                            "return echarts.getInstanceByDom(document.querySelector('[data-tile=score-distribution] .chart-body'))"
                                    + ".getOption().series.map(s => s.name)"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .contains("贬损者", "推荐者");
            assertThat(browser.js(
                            "return echarts.getInstanceByDom(document.querySelector('[data-tile=detractor-themes] .chart-body'))"
                                    + ".getOption().yAxis[0].data"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .contains("物流配送")
                    .doesNotContain("delivery");
            assertThat(browser.consoleErrors()).as(user + " console").isEmpty();
        }
        // the manager of 华东 reads 华东's comments only
        assertThat(
                        browser.js(
                                "return Array.from(document.querySelectorAll('[data-table=latest-comments] li')).map(li => li.dataset.region)"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .isNotEmpty()
                .containsOnly("华东");
        assertThat(browser.js(
                        "return echarts.getInstanceByDom(document.querySelector('[data-tile=nps-by-region] .chart-body'))"
                                + ".getOption().xAxis[0].data"))
                .isEqualTo(List.of("华东"));
        browser.screenshot("manager.huadong-satisfaction-comments");
    }

    @Test
    void filtersChangeTheNumbersAndLiveInTheUrl() {
        browser.login("exec", DEMO_PASSWORD);
        browser.dashboard("/dashboards/overview?preset=365d");
        BigDecimal all = kpi("revenue");
        browser.driver
                .findElement(By.cssSelector("#f-region option[value='华东']"))
                .click();
        browser.driver.findElement(By.id("f-apply")).click();
        browser.waitForUrl("region=");
        assertThat(browser.driver.getCurrentUrl())
                .contains("region=%E5%8D%8E%E4%B8%9C")
                .contains("preset=365d");
        BigDecimal east = kpi("revenue");
        assertThat(east).isPositive().isLessThan(all);
        browser.dashboard("/dashboards/overview?preset=365d&segment="
                + java.net.URLEncoder.encode("大客户", StandardCharsets.UTF_8));
        assertThat(kpi("revenue")).isPositive().isLessThan(all);
        assertThat(browser.driver
                        .findElement(By.cssSelector("#f-segment option:checked"))
                        .getText())
                .isEqualTo("大客户");
        browser.dashboard("/dashboards/overview?preset=30d");
        assertThat(kpi("revenue")).isPositive().isLessThan(all);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"exec", "manager.huadong"})
    void everyKpiEqualsTheQueryApi(String user) throws Exception {
        browser.login(user, DEMO_PASSWORD);
        browser.dashboard("/dashboards/overview?preset=90d");
        String from = (String) browser.js("return document.body.dataset.from");
        String to = LocalDate.parse((String) browser.js("return document.body.dataset.to"))
                .plusDays(1)
                .toString();
        String key = user.equals("exec") ? "ui-exec-key" : "ui-east-key";
        for (String metric :
                List.of("nps", "csat_top2_pct", "revenue", "active_customers", "churn_rate_pct", "campaign_roi")) {
            JsonNode answer = query(key, """
                    {"metrics":["%s"],"from":"%s","to":"%s","compareTo":"previous_period"}""".formatted(metric, from, to));
            JsonNode row = answer.get("rows").get(0);
            BigDecimal expected = row.get(0).decimalValue();
            assertThat(kpi(metric)).as(user + " " + metric).isEqualByComparingTo(expected);
            BigDecimal change = new BigDecimal(
                    (String) browser.js("return document.querySelector('[data-kpi=" + metric + "]').dataset.change"));
            assertThat(change)
                    .as(metric + " change")
                    .isCloseTo(
                            expected.subtract(row.get(1).decimalValue()),
                            org.assertj.core.data.Offset.offset(new BigDecimal("0.000001")));
            boolean significant = "true"
                    .equals(browser.js(
                            "return document.querySelector('[data-kpi=" + metric + "]').dataset.significant"));
            assertThat(significant)
                    .as(metric + " significant")
                    .isEqualTo(row.size() > 2
                            && row.get(2).isBoolean()
                            && row.get(2).asBoolean());
        }
        JsonNode nps = query(key, """
                {"metrics":["nps_ci95"],"from":"%s","to":"%s"}""".formatted(from, to));
        assertThat(new BigDecimal((String) browser.js("return document.querySelector('[data-kpi=nps]').dataset.ci")))
                .isEqualByComparingTo(nps.get("rows").get(0).get(0).decimalValue());
    }

    @Test
    void theLanguageIsRememberedPerUserAndChartsExportAsPng() {
        accounts.setLocale("analyst", "zh"); // the data folder outlives a run: start from the default language
        browser.login("analyst", DEMO_PASSWORD);
        browser.dashboard("/dashboards/satisfaction?preset=365d");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("客户满意度");
        browser.driver.findElement(By.id("lang-en")).click();
        browser.waitFor("document.documentElement.lang === 'en' && document.body.dataset.loaded === 'true'");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Satisfaction");
        assertThat(browser.driver.getCurrentUrl()).contains("/dashboards/satisfaction?preset=365d");
        // metric labels come from the API in the same language
        assertThat(browser.js(
                        "return echarts.getInstanceByDom(document.querySelector('[data-tile=nps-by-region] .chart-body'))"
                                + ".getOption().series[0].name"))
                .isEqualTo("Net Promoter Score");
        // theme and NPS-group labels too, in the charts and on the comments
        assertThat(browser.js(
                        "return echarts.getInstanceByDom(document.querySelector('[data-tile=detractor-themes] .chart-body'))"
                                + ".getOption().yAxis[0].data"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains("Service attitude");
        assertThat(browser.js(
                        "return echarts.getInstanceByDom(document.querySelector('[data-tile=score-distribution] .chart-body'))"
                                + ".getOption().series.map(s => s.name)"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains("Detractors", "Promoters");
        assertThat(
                        browser.js(
                                "return Array.from(document.querySelectorAll('[data-table=latest-comments] .theme')).map(t => t.textContent)"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains("Service attitude")
                .doesNotContain("服务态度");
        assertThat(browser.driver
                        .findElement(By.cssSelector("[data-table=latest-comments] h2"))
                        .getText())
                .isEqualTo("Latest comments");
        browser.login("analyst", DEMO_PASSWORD);
        browser.waitFor("document.body.dataset.loaded === 'true'");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Executive overview");
        assertThat((String) browser.js(
                        "return echarts.getInstanceByDom(document.querySelector('[data-tile=nps-trend] .chart-body'))"
                                + ".getDataURL({type:'png'})"))
                .startsWith("data:image/png;base64,");
        browser.screenshot("analyst-overview-en");
        browser.driver.findElement(By.id("lang-zh")).click();
        browser.waitFor("document.documentElement.lang === 'zh'");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("经营总览");
    }

    @Test
    void wrongPasswordsAreRefusedAndTheFifthLocksTheUsernameFromThisAddress() {
        // a user of its own: the lock lasts five minutes and must not hold up the other tests
        String user = "it.locked." + System.nanoTime();
        accounts.create(user, "Locked", DEMO_PASSWORD, dev.pulse.kernel.Role.ANALYST, java.util.Set.of(), "zh");
        browser.login(user, "wrong-password-0");
        assertThat(browser.driver.findElement(By.id("login-error")).getText()).isEqualTo("用户名或密码错误");
        for (int i = 1; i < 5; i++) {
            browser.login(user, "wrong-password-" + i);
        }
        browser.login(user, DEMO_PASSWORD);
        assertThat(browser.driver.findElement(By.id("locked")).getText()).contains("Too many failed sign-ins");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login");
        accounts.delete(user);
    }

    private BigDecimal kpi(String metric) {
        return new BigDecimal(
                (String) browser.js("return document.querySelector('[data-kpi=" + metric + "]').dataset.value"));
    }

    private JsonNode query(String key, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(browser.base + "/api/v1/query"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
