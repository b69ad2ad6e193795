package dev.pulse.reporting.render;

import dev.pulse.reporting.render.ReportRenderException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import net.sf.jasperreports.engine.JRDataset;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRExpression;
import net.sf.jasperreports.engine.JRExpressionCollector;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.engine.design.JasperDesign;
import net.sf.jasperreports.engine.xml.JRXmlLoader;

/**
 * Compiles templates from the classpath after checking that they cannot fetch data themselves:
 * no query in any dataset and no use of a JDBC connection, so the only data a report sees is the
 * data source the renderer hands it.
 */
final class TemplateCompiler {

    private final JasperReportsContext context;

    TemplateCompiler(JasperReportsContext context) {
        this.context = context;
    }

    /** Loads, checks and compiles the classpath resource {@code resource}. */
    JasperReport compile(String resource) {
        JasperDesign design = load(resource);
        checkNoQueries(resource, design);
        checkNoConnections(resource, design);
        try {
            return JasperCompileManager.getInstance(context).compile(design);
        } catch (JRException | RuntimeException e) {
            throw new ReportRenderException(
                    Reason.TEMPLATE, "Template " + resource + " does not compile: " + e.getMessage(), e);
        }
    }

    private JasperDesign load(String resource) {
        ClassLoader loader = TemplateCompiler.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ReportRenderException(Reason.TEMPLATE, "No template " + resource + " on the classpath", null);
            }
            return JRXmlLoader.load(context, in);
        } catch (IOException | JRException e) {
            throw new ReportRenderException(
                    Reason.TEMPLATE, "Template " + resource + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void checkNoQueries(String resource, JasperDesign design) {
        if (design.getQuery() != null) {
            throw forbidden(resource, "a query in the main dataset");
        }
        for (JRDataset dataset : design.getDatasetsList()) {
            if (dataset.getQuery() != null) {
                throw forbidden(resource, "a query in dataset " + dataset.getName());
            }
        }
    }

    private void checkNoConnections(String resource, JasperDesign design) {
        JRExpressionCollector collector = JRExpressionCollector.collector(context, design);
        List<JRExpression> expressions = new ArrayList<>(collector.getExpressions());
        for (JRDataset dataset : design.getDatasetsList()) {
            expressions.addAll(collector.getExpressions(dataset));
        }
        for (JRExpression expression : expressions) {
            String text = expression.getText();
            if (text != null && text.contains("REPORT_CONNECTION")) {
                throw forbidden(resource, "the JDBC connection in expression " + text);
            }
        }
    }

    private static ReportRenderException forbidden(String resource, String what) {
        return new ReportRenderException(
                Reason.TEMPLATE,
                "Template " + resource + " uses " + what + "; report data must come from the renderer's data sources",
                null);
    }
}
