package dev.pulse.reporting.render;

import java.nio.file.Files;
import java.nio.file.Path;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.engine.fonts.SimpleFontFamily;

/**
 * Registers Noto Sans SC as a Jasper font family from files resolved at start-up, so the 10 MB font
 * files stay out of the repository and every PDF embeds the subset it uses (Identity-H).
 */
final class CjkFonts {

    /** The family name every template uses. */
    static final String FAMILY = "Noto Sans SC";

    static final String REGULAR = "NotoSansSC_400Regular.ttf";
    static final String BOLD = "NotoSansSC_700Bold.ttf";

    private CjkFonts() {}

    /** The cache {@code scripts/fetch-engine fonts} fills. */
    static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".cache", "pulse", "fonts", "noto-sans-sc-0.4.3");
    }

    /**
     * The font family backed by the two files in {@code directory}.
     *
     * @throws ReportRenderException with reason FONT_MISSING when a file is missing or unreadable
     */
    static SimpleFontFamily family(JasperReportsContext context, Path directory) {
        Path regular = require(directory, REGULAR);
        Path bold = require(directory, BOLD);
        SimpleFontFamily family = new SimpleFontFamily(context);
        family.setName(FAMILY);
        family.setNormal(regular.toUri().toString());
        family.setBold(bold.toUri().toString());
        // Identity-H plus embedding is what makes Chinese readable on a machine without the font.
        family.setPdfEncoding("Identity-H");
        family.setPdfEmbedded(true);
        return family;
    }

    private static Path require(Path directory, String file) {
        Path path = directory.resolve(file).toAbsolutePath();
        if (!Files.isReadable(path)) {
            throw new ReportRenderException(
                    ReportRenderException.Reason.FONT_MISSING,
                    "The report font " + path + " is missing: run `scripts/fetch-engine fonts` "
                            + "or point pulse.reporting.font-dir at a folder holding " + REGULAR + " and " + BOLD,
                    null);
        }
        return path;
    }
}
