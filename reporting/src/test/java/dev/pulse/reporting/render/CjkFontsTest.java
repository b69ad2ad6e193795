package dev.pulse.reporting.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.reporting.render.ReportRenderException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import net.sf.jasperreports.engine.SimpleJasperReportsContext;
import net.sf.jasperreports.engine.fonts.SimpleFontFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report font comes from a folder resolved at start-up, and its absence is a clear setup error. */
class CjkFontsTest {

    @Test
    void aFolderWithoutTheFontsFailsNamingTheScriptThatFetchesThem(@TempDir Path empty) {
        assertThatThrownBy(() -> new ReportRenderer(empty, ZoneId.of("Asia/Shanghai")))
                .isInstanceOfSatisfying(
                        ReportRenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FONT_MISSING))
                .hasMessageContaining(empty.resolve(CjkFonts.REGULAR).toString())
                .hasMessageContaining("scripts/fetch-engine fonts");
    }

    @Test
    void theFamilyEmbedsBothFacesWithIdentityH() {
        Path directory = CjkFonts.defaultDirectory();
        assertThat(Files.isReadable(directory.resolve(CjkFonts.REGULAR)))
                .as("run scripts/fetch-engine fonts first")
                .isTrue();

        SimpleFontFamily family = CjkFonts.family(new SimpleJasperReportsContext(), directory);

        assertThat(family.getName()).isEqualTo("Noto Sans SC");
        assertThat(family.getPdfEncoding()).isEqualTo("Identity-H");
        assertThat(family.isPdfEmbedded()).isTrue();
        assertThat(family.getNormalFace().getTtf()).endsWith(CjkFonts.REGULAR);
        assertThat(family.getBoldFace().getTtf()).endsWith(CjkFonts.BOLD);
    }
}
