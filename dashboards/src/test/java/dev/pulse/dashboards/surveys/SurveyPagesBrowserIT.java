package dev.pulse.dashboards.surveys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.kernel.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The survey and case pages in headless Chromium, as the quality team and a regional manager use them: a survey
 * with Chinese texts created through the form, listed, answered on its open link (the count moves), edited into a
 * new version; the regional manager sees only the own region's case, marks it contacted and resolved, and the
 * history names them. Text typed as {@code <script>} stays text. Screenshots in {@code target/screenshots}.
 * Skipped only where Chromium is not installed.
 */
class SurveyPagesBrowserIT extends SurveysHttpSupport {

    static final String PASSWORD = "browser-page-password-1";
    static final String SCRIPT = "<script>document.title='pwned'</script>";

    @Autowired
    Accounts accounts;

    @Test
    void qualityBuildsASurveyInChineseAndARegionalManagerClosesTheLoopOnItsOwnCase() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String quality = user("quality.b" + run, "质量专员", Role.QUALITY, Set.of());
        String manager = user("manager.b" + run, "华东经理", Role.REGIONAL_MANAGER, Set.of("华东"));
        String south = detractorCase("华南", "服务太差");
        String title = "门店回访调查 " + run;

        try (dev.pulse.dashboards.Browser browser = new dev.pulse.dashboards.Browser(port)) {
            var d = browser.driver;
            browser.login(quality, PASSWORD);
            browser.open("/surveys");
            d.findElement(By.id("nav-surveys")).click();
            d.findElement(By.id("new-survey")).click();
            type(d.findElement(By.name("title.zh")), title);
            type(d.findElement(By.name("title.en")), "Store follow-up " + run);
            type(d.findElement(By.name("intro.zh")), "欢迎 " + SCRIPT);
            type(d.findElement(By.name("intro.en")), "Welcome");
            type(d.findElement(By.name("thankYou.zh")), "感谢您的反馈！");
            type(d.findElement(By.name("thankYou.en")), "Thank you!");
            new Select(d.findElement(By.name("openLink.region"))).selectByValue("华东");
            slot(d, 0, "nps", null, "您向朋友推荐我们的可能性有多大？", "How likely are you to recommend us?");
            d.findElement(By.name("questions[0].required")).click();
            slot(d, 1, "where", "SINGLE_CHOICE", "您在哪里购买？", "Where did you buy?");
            type(d.findElement(By.name("questions[1].options")), "app | 手机应用 | App\nshop | 门店 | Store");
            slot(d, 2, "comment", "TEXT", "还有什么想告诉我们的？", "Anything else?");
            browser.screenshot("survey-admin-new-zh");
            submit(d, d.findElement(By.id("save")));

            assertThat(d.getCurrentUrl()).matches(".*/surveys/s[a-z0-9]{11}$");
            String id = d.getCurrentUrl().replaceAll(".*/surveys/", "");
            assertThat(d.findElement(By.id("survey-status")).getText()).isEqualTo("草稿");
            assertThat(d.findElement(By.name("intro.zh")).getDomProperty("value"))
                    .isEqualTo("欢迎 " + SCRIPT);
            assertThat(d.getTitle()).doesNotContain("pwned");
            submit(d, d.findElement(By.id("activate")));
            assertThat(d.findElement(By.id("survey-status")).getText()).isEqualTo("进行中");

            browser.open("/surveys");
            WebElement row = d.findElement(By.cssSelector("tr[data-survey='" + id + "']"));
            assertThat(row.getText()).contains(title, "进行中");
            assertThat(row.findElement(By.cssSelector(".responses")).getText()).isEqualTo("0");

            String comment = "等了很久 " + SCRIPT;
            browser.open("/s/open/" + id + "?lang=zh");
            assertThat(d.findElement(By.tagName("body")).getText()).contains(title, "欢迎 " + SCRIPT, "手机应用");
            d.findElement(By.cssSelector("input[name='q.nps'][value='3']")).click();
            d.findElement(By.name("q.comment")).sendKeys(comment);
            submit(d, d.findElement(By.cssSelector("button[type='submit']")));
            assertThat(d.findElement(By.tagName("body")).getText()).contains("感谢您的反馈！");
            assertThat(browser.consoleErrors())
                    .as("the public pages' style is allowed by the CSP")
                    .isEmpty();
            assertThat(d.findElement(By.tagName("body")).getCssValue("background-color"))
                    .as("styled by /css/survey.css")
                    .isEqualTo("rgba(243, 244, 246, 1)");

            browser.open("/surveys");
            assertThat(d.findElement(By.cssSelector("tr[data-survey='" + id + "'] .responses"))
                            .getText())
                    .as("the response counts")
                    .isEqualTo("1");
            browser.screenshot("survey-admin-list-zh");

            d.findElement(By.cssSelector("tr[data-survey='" + id + "'] a")).click();
            WebElement titleZh = d.findElement(By.name("title.zh"));
            titleZh.clear();
            titleZh.sendKeys(title + "（修订）");
            submit(d, d.findElement(By.id("save")));
            assertThat(d.findElement(By.id("survey-version")).getText())
                    .as("an active survey's edit is a new version")
                    .isEqualTo("2");
            assertThat(d.findElement(By.id("survey-responses")).getText()).contains("v1 = 1");
            assertThat(browser.consoleErrors()).isEmpty();

            String east = json(call(
                            "GET",
                            "/api/v1/cases?limit=1000&region=" + URLEncoder.encode("华东", StandardCharsets.UTF_8),
                            "it-quality-key",
                            null))
                    .valueStream()
                    .filter(c -> c.get("surveyId").asString().equals(id))
                    .findFirst()
                    .orElseThrow()
                    .get("id")
                    .asString();

            browser.login(manager, PASSWORD);
            assertThat(d.findElements(By.id("nav-surveys")))
                    .as("no survey pages for a regional manager")
                    .isEmpty();
            d.findElement(By.id("nav-cases")).click();
            new Select(d.findElement(By.id("filter-status"))).selectByValue("OPEN");
            submit(d, d.findElement(By.id("apply-filters")));
            List<WebElement> rows = d.findElements(By.cssSelector("#cases tbody tr"));
            assertThat(rows).extracting(r -> r.getDomAttribute("data-region")).containsOnly("华东");
            assertThat(rows)
                    .extracting(r -> r.getDomAttribute("data-case"))
                    .contains(east)
                    .doesNotContain(south);
            assertThat(new Select(d.findElement(By.id("filter-region"))).getOptions())
                    .extracting(WebElement::getText)
                    .containsExactly("全部", "华东");
            browser.screenshot("cases-list-manager-zh");

            d.findElement(By.cssSelector("tr[data-case='" + east + "'] a")).click();
            assertThat(d.findElement(By.id("case-comment")).getText()).isEqualTo(comment);
            assertThat(d.getTitle()).doesNotContain("pwned");
            d.findElement(By.name("note")).sendKeys("已电话联系客户，答应改进");
            submit(d, d.findElement(By.id("mark-contacted")));
            assertThat(d.findElement(By.id("case-status")).getText()).isEqualTo("已联系");
            d.findElement(By.name("outcome")).sendKeys("已送优惠券，客户接受");
            submit(d, d.findElement(By.id("mark-resolved")));
            assertThat(d.findElement(By.id("case-status")).getText()).isEqualTo("已解决");
            assertThat(d.findElements(By.cssSelector("#history tbody tr")))
                    .extracting(r -> r.getDomAttribute("data-action") + " "
                            + r.findElement(By.cssSelector(".actor")).getText())
                    .containsExactly("OPENED system", "CONTACTED " + manager, "RESOLVED " + manager);
            browser.screenshot("case-resolved-manager-zh");

            assertThat(browser.consoleErrors()).isEmpty();

            browser.open("/cases/" + south);
            assertThat(d.findElement(By.id("problem")).getText())
                    .as("another region's case does not exist")
                    .contains("no case");
            assertThat(browser.consoleErrors()).singleElement().asString().contains("404");
        }
    }

    /** Fills one question slot; a null type keeps the one the form offers (NPS in the first slot). */
    static void slot(org.openqa.selenium.WebDriver d, int i, String id, String type, String zh, String en) {
        String p = "questions[" + i + "].";
        type(d.findElement(By.name(p + "id")), id);
        if (type != null) {
            new Select(d.findElement(By.name(p + "type"))).selectByValue(type);
        }
        type(d.findElement(By.name(p + "text.zh")), zh);
        type(d.findElement(By.name(p + "text.en")), en);
    }

    /** Clicks a button that submits a form and waits until the answer has replaced the page. */
    static void submit(org.openqa.selenium.WebDriver d, WebElement button) {
        WebElement page = d.findElement(By.tagName("html"));
        button.click();
        dev.pulse.dashboards.Browser.awaitReplaced(d, page);
    }

    static void type(WebElement field, String text) {
        field.clear();
        field.sendKeys(text);
    }

    String user(String username, String displayName, Role role, Set<String> regions) {
        accounts.create(username, displayName, PASSWORD, role, regions, "zh");
        return username;
    }
}
