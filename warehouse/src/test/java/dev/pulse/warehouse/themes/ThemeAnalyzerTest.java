package dev.pulse.warehouse.themes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Comments in Chinese and English become the themes of the curated list, and nothing else. */
class ThemeAnalyzerTest {

    static final ThemeAnalyzer THEMES = new ThemeAnalyzer();

    @AfterAll
    static void close() {
        THEMES.close();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "快递太慢了，等了一个星期                         | delivery",
                "配送员态度很差                                   | delivery,service_attitude",
                "客服回复很及时，服务很好                         | service_attitude",
                "价格太贵了                                       | price",
                "收到的杯子破损了，质量不行                       | quality",
                "申请退款三天了还没到账                           | refund",
                "app 一直卡顿，登录不了                           | app",
                "物流快，价格便宜，质量也好                       | delivery,price,quality",
                "非常满意，下次还来                               | -",
                "The deliveries were late and the courier was rude | delivery,service_attitude",
                "Too expensive for this quality                   | price,quality",
                "I want a refund, the item arrived broken         | quality,refund",
                "The website keeps crashing at login              | app",
                "Everything was great, thank you                  | -",
                "<svg/onload=alert(1)> 快递                       | delivery"
            })
    void findsTheThemesOfAComment(String comment, String expected) {
        List<String> want = expected == null ? List.of() : List.of(expected.split(","));
        assertThat(THEMES.themesOf(comment.strip())).containsExactlyElementsOf(want);
    }

    @Test
    void chineseIsSegmentedIntoWordsAndEnglishStopWordsAreRemoved() {
        assertThat(THEMES.tokens("我们的快递员服务态度很好", true)).containsExactly("快递", "员", "服务", "态度", "好");
        assertThat(THEMES.tokens("The deliveries were late", false)).containsExactly("deliveri", "were", "late");
        assertThat(THEMES.themesOf(null)).isEmpty();
        assertThat(THEMES.themesOf("   ")).isEmpty();
        assertThat(THEMES.themes())
                .containsExactly("delivery", "service_attitude", "price", "quality", "refund", "app");
    }

    @Test
    void aMalformedThemesFileNamesTheLine() {
        String file = "# themes\ndelivery: 快递\nno colon here\n";
        assertThatThrownBy(() -> new ThemeAnalyzer(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("line 3");
    }
}
