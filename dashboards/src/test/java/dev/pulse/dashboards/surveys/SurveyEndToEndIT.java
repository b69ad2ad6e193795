package dev.pulse.dashboards.surveys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import tools.jackson.databind.JsonNode;

/**
 * The survey loop on the real stack, as a respondent meets it: a survey created over the API, customers
 * invited (GreenMail receives the mails), the link from a mail opened in headless Chromium, answered in
 * Chinese and submitted; the query layer counts the response and the response rate moves; the used link
 * is refused in the browser. Skipped only where Chromium is not installed.
 */
class SurveyEndToEndIT extends SurveysHttpSupport {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String COMMENT = "送货很快，客服态度也很好，下次还会再来！";

    ChromeDriver browser;
    Path profile;

    @BeforeEach
    void startBrowser() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed");
        profile = Files.createTempDirectory("pulse-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--lang=zh-CN",
                        "--window-size=412,1800",
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aCustomerAnswersFromTheMailInChineseAndTheQueryLayerCountsIt() throws Exception {
        String survey = activeSurvey(DEFINITION);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String answering = invite(survey, "e2e-a-" + run, "华东", "zh");
        invite(survey, "e2e-b-" + run, "华东", "zh");

        JsonNode before = query(survey);
        assertThat(before.at("/rows/0/1").isNull() || before.at("/rows/0/1").asLong() == 0)
                .as(before.toString())
                .isTrue();
        assertThat(before.at("/rows/0/2").decimalValue()).as(before.toString()).isEqualByComparingTo("0.00");

        browser.get(uri(answering + "?lang=zh").toString());
        assertThat(browser.getTitle()).contains("购物满意度调查");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("您向朋友推荐我们的可能性有多大？");
        browser.findElement(By.cssSelector("input[name='q.nps'][value='9']")).click();
        browser.findElement(By.cssSelector("input[name='q.csat'][value='5']")).click();
        browser.findElement(By.cssSelector("input[name='q.liked'][value='delivery']"))
                .click();
        browser.findElement(By.name("q.comment")).sendKeys(COMMENT);
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(
                browser.getScreenshotAs(OutputType.FILE).toPath(),
                screenshots.resolve("survey-form-zh.png"),
                StandardCopyOption.REPLACE_EXISTING);
        org.openqa.selenium.WebElement form = browser.findElement(By.tagName("body"));
        browser.findElement(By.cssSelector("button[type='submit']")).click();
        // the form's page must be gone before the next one is read, or its body goes stale under the reader
        dev.pulse.dashboards.Browser.awaitReplaced(browser, form);

        String thanks = browser.findElement(By.tagName("body")).getText();
        assertThat(thanks).contains("谢谢您的反馈！");
        Files.copy(
                browser.getScreenshotAs(OutputType.FILE).toPath(),
                screenshots.resolve("survey-answered-zh.png"),
                StandardCopyOption.REPLACE_EXISTING);

        JsonNode after = query(survey);
        assertThat(after.at("/rows/0/0").asString()).isEqualTo(survey);
        assertThat(after.at("/rows/0/1").asLong()).as(after.toString()).isEqualTo(1);
        assertThat(after.at("/rows/0/2").decimalValue())
                .as("one of two invitations answered")
                .isEqualByComparingTo("50.00");
        assertThat(engine.query(
                                "SELECT comment, nps_score FROM survey_responses WHERE survey_id = {s:String}",
                                Map.of("s", survey))
                        .rows())
                .containsExactly(List.of(COMMENT, 9L));

        browser.get(uri(answering + "?lang=zh").toString());
        String reused = browser.findElement(By.tagName("body")).getText();
        assertThat(reused).contains("您已经提交过回答。").doesNotContain("您向朋友推荐我们的可能性有多大？");
        Files.copy(
                browser.getScreenshotAs(OutputType.FILE).toPath(),
                screenshots.resolve("survey-link-used-zh.png"),
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(query(survey).at("/rows/0/1").asLong())
                .as("still one response")
                .isEqualTo(1);
    }

    JsonNode query(String survey) throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String body = JSON.writeValueAsString(Map.of(
                "metrics",
                List.of("responses", "response_rate_pct"),
                "dimensions",
                List.of("survey"),
                "filters",
                List.of(Map.of("dimension", "survey", "op", "eq", "values", List.of(survey))),
                "from",
                today.minusDays(1).toString(),
                "to",
                today.plusDays(2).toString()));
        HttpResponse<String> response = call("POST", "/api/v1/query", "it-quality-key", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }
}
