package dev.pulse.reporting.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Renders both templates with hand-built data and reads the PDFs back with PDFBox. */
class ReportRendererIT {

    private static ReportRenderer renderer;

    @BeforeAll
    static void start() {
        renderer = new ReportRenderer(null, ZoneId.of("Asia/Shanghai"));
    }

    @AfterAll
    static void stop() {
        renderer.close();
    }

    @Test
    void regionalReportPrintsTheRegionAndTheFormattedKpis() throws IOException {
        String text = text(renderer.regional(SampleReports.regional("华东")));

        assertThat(text).contains("华东", "区域经营报告", "2026-05-01 至 2026-05-31", "2026-03-31 至 2026-04-30");
        assertThat(text).contains("净推荐值 NPS", "42.1", "38.0 ~ 46.2", "+4.1", "显著");
        assertThat(text).contains("86.5%", "+1.4pp", "不显著");
        assertThat(text).contains("2.31", "1.23亿", "+12.2%", "4.57万", "9,876", "4.57", "97.3%");
        assertThat(text).contains("上海", "6,100.00万", "电话", "40.0%");
        assertThat(text).contains("2026-06-01 08:30:00 (Asia/Shanghai)", "wm-1765432100000", "第 2 页");
    }

    @Test
    void customerTextIsPrintedAsPlainTextNotMarkup() throws IOException {
        String text = text(renderer.regional(SampleReports.regional("华东")));

        assertThat(text).contains("<b>618 大促</b> & 会员日");
    }

    @Test
    void nationalSummaryRanksEveryRegion() throws IOException {
        String text = text(renderer.national(SampleReports.national()));

        assertThat(text).contains("全国经营摘要", "2026-05-01 至 2026-05-31");
        assertThat(text.indexOf("华东")).isLessThan(text.indexOf("华南"));
        assertThat(text.indexOf("华南")).isLessThan(text.indexOf("西北"));
        assertThat(text).contains("42.1", "+2.1", "-1.3", "1.23亿", "+11.1%", "1,200.00万");
    }

    @Test
    void bothReportsEmbedTheChineseFont() throws IOException {
        for (byte[] pdf :
                List.of(renderer.regional(SampleReports.regional("西南")), renderer.national(SampleReports.national()))) {
            List<PDFont> fonts = fonts(pdf);

            assertThat(fonts).isNotEmpty();
            assertThat(fonts).allSatisfy(font -> {
                assertThat(font.getName()).contains("NotoSansSC");
                assertThat(font.isEmbedded()).isTrue();
                assertThat(font.getCOSObject().getNameAsString(COSName.ENCODING))
                        .isEqualTo("Identity-H");
            });
        }
    }

    @Test
    void rendersConcurrentlyWithoutMixingRegions() throws Exception {
        List<String> regions = List.of("华北", "东北", "华中", "西北");
        try (var pool = Executors.newFixedThreadPool(regions.size())) {
            List<Future<String>> texts = new ArrayList<>();
            for (String region : regions) {
                texts.add(pool.submit(() -> text(renderer.regional(SampleReports.regional(region)))));
            }
            for (int i = 0; i < regions.size(); i++) {
                String text = texts.get(i).get();
                String region = regions.get(i);
                assertThat(text).contains(region);
                regions.stream()
                        .filter(other -> !other.equals(region))
                        .forEach(other -> assertThat(text).doesNotContain(other));
            }
        }
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static List<PDFont> fonts(byte[] pdf) throws IOException {
        List<PDFont> fonts = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getFontNames()) {
                    fonts.add(resources.getFont(name));
                }
            }
        }
        return fonts;
    }
}
