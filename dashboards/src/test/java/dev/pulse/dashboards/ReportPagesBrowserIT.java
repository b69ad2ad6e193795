package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.reporting.ReportKind;
import dev.pulse.reporting.ReportRun;
import dev.pulse.reporting.ReportRuns;
import dev.pulse.reporting.ReportSchedule;
import dev.pulse.reporting.ReportSchedules;
import dev.pulse.reporting.RunRequest;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The report pages in headless Chromium, without any script of ours: the regional manager of 华东 finds
 * only 华东 in the archive and opens a run's record, and the quality team creates a schedule through
 * the form and finds it listed with its next run. Screenshots in {@code target/screenshots}.
 */
@PulseApplicationTest
// the demo users sign in on the pages: one context for the browser ITs
@TestPropertySource(properties = {"pulse.dashboards.demo-users=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportPagesBrowserIT {

    static final String DEMO_PASSWORD = "pulse-demo-2026";
    static final Caller ADMIN = new Caller("browser.admin", Role.ADMIN, Scope.ALL);

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    ReportRuns runs;

    @Autowired
    ReportSchedules schedules;

    Browser browser;
    ReportRun east;
    ReportRun south;

    @BeforeAll
    void start() {
        browser = new Browser(port);
        east = runs.runNow(
                ADMIN,
                new RunRequest(
                        ReportKind.REGIONAL_PERFORMANCE,
                        "华东",
                        LocalDate.of(2026, 4, 1),
                        LocalDate.of(2026, 5, 1),
                        "pdf"));
        south = runs.runNow(
                ADMIN,
                new RunRequest(
                        ReportKind.REGIONAL_PERFORMANCE,
                        "华南",
                        LocalDate.of(2026, 4, 1),
                        LocalDate.of(2026, 5, 1),
                        "pdf"));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theRegionalManagerOfHuadongSeesOnlyHuadongInTheArchive() {
        loginInChinese("manager.huadong");
        browser.driver.findElement(By.id("nav-reports")).click();
        browser.waitFor("document.getElementById('archive')");
        browser.screenshot("reports-archive-manager");

        List<String> regions = texts("#archive tbody td.region");
        assertThat(regions).isNotEmpty().containsOnly("华东");
        assertThat(browser.driver.findElements(By.cssSelector("#archive tbody tr")).stream()
                        .map(tr -> tr.getDomAttribute("data-run"))
                        .toList())
                .contains(east.id())
                .doesNotContain(south.id());
        assertThat(texts("#filter-region option")).containsExactly("全部", "华东");
        assertThat(browser.driver.findElements(By.cssSelector("#report-tabs a")).stream()
                        .map(WebElement::getText)
                        .toList())
                .as("no schedules for a regional manager")
                .containsExactly("报告归档", "立即生成报告");

        browser.driver
                .findElement(By.cssSelector("tr[data-run='" + east.id() + "'] a[href^='/reports/archive/']"))
                .click();
        browser.waitFor("document.getElementById('run-sha256')");
        browser.screenshot("reports-run-manager");
        assertThat(browser.driver.findElement(By.id("run-sha256")).getText()).isEqualTo(east.sha256());
        assertThat(browser.driver.findElement(By.id("run-sql")).getText()).contains("SELECT");
        assertThat(browser.driver.findElement(By.id("download")).getDomAttribute("href"))
                .isEqualTo("/api/v1/reports/runs/" + east.id() + "/file");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theQualityTeamCreatesAScheduleThroughTheFormAndSeesItsNextRun() {
        loginInChinese("quality");
        browser.open("/reports/schedules");
        String name = "浏览器月报 " + System.nanoTime();

        browser.driver.findElement(By.id("schedule-name")).sendKeys(name);
        browser.driver.findElement(By.id("schedule-cron")).clear();
        browser.driver.findElement(By.id("schedule-cron")).sendKeys("every month");
        tickRegion("华东", "east.browser@example.cn");
        tickRegion("华南", "");
        submit("schedule-create");
        browser.screenshot("reports-schedule-refused");
        assertThat(browser.driver
                        .findElement(By.cssSelector(".field-error[data-field='cron']"))
                        .getText())
                .startsWith("cron must have six fields");
        assertThat(browser.driver.findElement(By.id("schedule-name")).getDomProperty("value"))
                .isEqualTo(name);
        assertThat(browser.consoleErrors())
                .as("only the refused form's 400")
                .singleElement()
                .asString()
                .contains("400");

        browser.driver.findElement(By.id("schedule-cron")).clear();
        browser.driver.findElement(By.id("schedule-cron")).sendKeys("0 0 8 1 * ?");
        submit("schedule-create");
        browser.screenshot("reports-schedules-quality");

        ReportSchedule created = schedules.list().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
        assertThat(created.regions()).containsExactly("华东", "华南");
        WebElement row = browser.driver.findElement(By.cssSelector("tr[data-schedule='" + created.id() + "']"));
        assertThat(row.findElement(By.cssSelector(".name")).getText()).isEqualTo(name);
        String next = schedules
                .nextRun(created.id())
                .orElseThrow()
                .atZone(created.zone())
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        assertThat(row.findElement(By.cssSelector(".next-run")).getText())
                .isEqualTo(next + " (Asia/Shanghai)")
                .contains("-01 08:00");
        assertThat(row.getText()).contains("east.browser@example.cn", "华南: 大区负责人", "尚未运行");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** Signs in and makes sure the pages speak Chinese: other tests share the demo accounts and may have switched them. */
    private void loginInChinese(String user) {
        browser.login(user, DEMO_PASSWORD);
        if (browser.driver.findElement(By.id("lang-zh")).isEnabled()) {
            submit("lang-zh");
        }
    }

    private void tickRegion(String region, String recipients) {
        for (WebElement row : browser.driver.findElements(By.cssSelector("#schedule-regions .region-row"))) {
            if (row.findElement(By.cssSelector("label.tick span")).getText().equals(region)) {
                WebElement box = row.findElement(By.cssSelector("input[type=checkbox]"));
                if (!box.isSelected()) {
                    box.click();
                }
                WebElement addresses = row.findElement(By.cssSelector("input.recipients"));
                addresses.clear();
                addresses.sendKeys(recipients);
                return;
            }
        }
        throw new AssertionError("no row for " + region);
    }

    /** Submits a form and waits for the answer to load. */
    private void submit(String buttonId) {
        browser.js("window.pulseOldPage = true");
        browser.driver.findElement(By.id(buttonId)).click();
        browser.waitFor("!window.pulseOldPage && document.readyState === 'complete'");
    }

    private List<String> texts(String css) {
        return browser.driver.findElements(By.cssSelector(css)).stream()
                .map(WebElement::getText)
                .toList();
    }
}
