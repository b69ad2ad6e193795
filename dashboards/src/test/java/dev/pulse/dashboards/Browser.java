package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium through {@code /usr/bin/chromedriver} (never
 * Selenium Manager, which would download); tests that need it are skipped, with the reason, only
 * when Chromium is not installed.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    public final ChromeDriver driver;
    final String base;
    private final Path profile;

    public Browser(int port) {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed (/usr/bin/chromium, /usr/bin/chromedriver): apt-get install chromium chromium-driver; scripts/test does");
        try {
            profile = Files.createTempDirectory("pulse-chromium");
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,1800",
                "--lang=zh-CN",
                "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        base = "http://localhost:" + port;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public void login(String username, String password) {
        open("/login");
        driver.manage().deleteAllCookies();
        open("/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        // a marker on the old page: the answer to the form is loaded once it is gone
        driver.executeScript("window.pulseOldPage = true");
        driver.findElement(By.id("sign-in")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(((ChromeDriver) d)
                        .executeScript("return !window.pulseOldPage && document.readyState === 'complete'")));
    }

    /** Opens a dashboard and waits until every tile has settled (ready, empty or error). */
    void dashboard(String pathAndQuery) {
        open(pathAndQuery);
        new WebDriverWait(driver, Duration.ofSeconds(90))
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
    }

    /** Waits until the JavaScript expression is true on the current page. */
    void waitFor(String expression) {
        new WebDriverWait(driver, Duration.ofSeconds(90))
                .until(d -> Boolean.TRUE.equals(
                        ((ChromeDriver) d).executeScript("return !!(document.body && (" + expression + "))")));
    }

    /** Waits for a navigation to a URL containing {@code part} and for its tiles to settle. */
    void waitForUrl(String part) {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.getCurrentUrl().contains(part));
        waitFor("document.body.dataset.loaded === 'true'");
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** State and series sizes of every tile: {@code [{tile, state, points:[..]}]}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> tiles() {
        return (List<Map<String, Object>>) js("""
                return Array.from(document.querySelectorAll('[data-tile],[data-kpi],[data-table]')).map(el => {
                  const box = el.querySelector('.chart-body');
                  const chart = box ? echarts.getInstanceByDom(box) : null;
                  // a chart cleared for an empty state has no series option at all
                  const series = (chart && chart.getOption() && chart.getOption().series) || [];
                  return { tile: el.dataset.tile || el.dataset.kpi || el.dataset.table, state: el.dataset.state,
                           points: series.map(s => (s.data || []).filter(v => v != null).length),
                           rows: el.dataset.rows || null, value: el.dataset.value || null };
                });""");
    }

    /** Console messages of level SEVERE since the last call. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    public void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until {@code element}'s page has been replaced, as {@code ExpectedConditions.stalenessOf}
     * does, but also when Chromium reports the replaced node as "does not belong to the document"
     * instead of as stale (seen with Chromium 156 once in a test run).
     */
    public static void awaitReplaced(org.openqa.selenium.WebDriver driver, org.openqa.selenium.WebElement element) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            try {
                element.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    public static void assertSettled(List<Map<String, Object>> tiles, String where) {
        assertThat(tiles).as(where + ": tiles").isNotEmpty();
        for (Map<String, Object> tile : tiles) {
            assertThat(tile.get("state")).as(where + " " + tile.get("tile")).isEqualTo("ready");
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
