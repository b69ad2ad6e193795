package dev.pulse.reporting.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.reporting.render.ReportRenderException.Reason;
import java.time.ZoneId;
import java.util.Map;
import net.sf.jasperreports.engine.JRPrintText;
import net.sf.jasperreports.engine.JasperPrint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a template may not do: fetch its own data, use a connection, or touch files and the network. */
class TemplateRulesIT {

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
    void everyShippedTemplateCompilesUnderTheRules() {
        renderer.warmUp();

        for (Template template : Template.values()) {
            assertThat(renderer.compile(template.resource()).getName())
                    .isEqualTo(template.resource()
                            .substring("reports/".length(), template.resource().length() - ".jrxml".length()));
        }
    }

    @Test
    void aPlainTemplateCompilesAndFills() {
        JasperPrint print = renderer.fill(renderer.compile("reports-test/plain.jrxml"), Map.of("greeting", "ni hao"));

        JRPrintText text =
                (JRPrintText) print.getPages().getFirst().getElements().getFirst();
        assertThat(text.getFullText()).isEqualTo("NI HAO 2");
    }

    @ParameterizedTest
    @CsvSource({
        "reports-test/with-query.jrxml,      uses a query in the main dataset",
        "reports-test/uses-connection.jrxml, uses the JDBC connection",
        "reports-test/missing.jrxml,         No template reports-test/missing.jrxml"
    })
    void templatesThatFetchTheirOwnDataAreRefused(String resource, String message) {
        assertThatThrownBy(() -> renderer.compile(resource))
                .isInstanceOfSatisfying(
                        ReportRenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TEMPLATE))
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({"reports-test/reads-file.jrxml, java.nio.file.Paths", "reports-test/opens-url.jrxml, java.net.URI"})
    void expressionsCannotReachFilesOrTheNetwork(String resource, String forbiddenClass) {
        assertThatThrownBy(() -> renderer.fill(renderer.compile(resource), Map.of()))
                .isInstanceOfSatisfying(
                        ReportRenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FILL))
                .rootCause()
                .hasMessage("Class " + forbiddenClass + " is not visible to reports.");
    }
}
