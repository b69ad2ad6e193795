package dev.pulse.reporting.render;

import dev.pulse.reporting.NationalSummaryData;
import dev.pulse.reporting.RegionalReportData;
import dev.pulse.reporting.ReportFormat;
import dev.pulse.reporting.render.ReportRenderException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.JREmptyDataSource;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.SimpleJasperReportsContext;
import net.sf.jasperreports.engine.export.ooxml.JRXlsxExporter;
import net.sf.jasperreports.engine.fonts.FontFamily;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.export.SimpleXlsxExporterConfiguration;
import net.sf.jasperreports.export.SimpleXlsxReportConfiguration;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;

/**
 * The one facade over JasperReports: renders the regional performance report and the national
 * executive summary to PDF or XLSX from records. Thread-safe; templates come only from the classpath, are
 * compiled once and cached, and their expressions run under Jasper's class filter so they cannot
 * reach files or the network.
 */
public final class ReportRenderer implements AutoCloseable {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final SimpleJasperReportsContext context;
    private final TemplateCompiler compiler;
    private final ZoneId zone;
    private final Map<Template, JasperReport> compiled = new ConcurrentHashMap<>(new EnumMap<>(Template.class));
    private volatile boolean closed;

    /**
     * A renderer whose PDFs embed the Noto Sans SC files found in {@code fontDir}.
     *
     * @param fontDir folder with {@code NotoSansSC_400Regular.ttf} and {@code NotoSansSC_700Bold.ttf};
     *     null for the cache {@code scripts/fetch-engine fonts} fills
     * @param zone the zone generation times are printed in, must not be null
     * @throws ReportRenderException with reason FONT_MISSING when the font files are not there
     */
    public ReportRenderer(Path fontDir, ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.context = new SimpleJasperReportsContext();
        // Expressions may only load classes on Jasper's whitelist: no java.io, java.nio, java.net or reflection.
        context.setProperty("net.sf.jasperreports.report.class.filter.enabled", "true");
        // A glyph-less fallback font must fail the render rather than print empty boxes.
        context.setProperty("net.sf.jasperreports.awt.ignore.missing.font", "false");
        context.setProperty("net.sf.jasperreports.default.font.name", CjkFonts.FAMILY);
        context.setExtensions(
                FontFamily.class,
                List.of(CjkFonts.family(context, fontDir == null ? CjkFonts.defaultDirectory() : fontDir)));
        this.compiler = new TemplateCompiler(context);
    }

    /**
     * Renders the regional performance report to PDF.
     *
     * @param data the report's numbers, must not be null
     * @return the PDF
     * @throws ReportRenderException when a template, the fill or the export fails
     */
    public byte[] regional(RegionalReportData data) {
        return regional(data, ReportFormat.PDF);
    }

    /**
     * Renders the regional performance report.
     *
     * @param data the report's numbers, must not be null
     * @param format the file format, must not be null
     * @return the file's bytes
     * @throws ReportRenderException when a template, the fill or the export fails
     */
    public byte[] regional(RegionalReportData data, ReportFormat format) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(format, "format");
        Map<String, Object> parameters = common(
                data.generatedAt(),
                data.watermark(),
                data.period().label(),
                data.period().previous().label());
        parameters.put("region", data.region());
        parameters.put("kpis", ReportRows.kpis(data.kpis()));
        parameters.put("kpiReport", template(Template.REGIONAL_KPIS));
        parameters.put("npsTrend", ReportRows.trend(data.npsTrend()));
        parameters.put("revenueTrend", ReportRows.trendInWan(data.revenueTrend()));
        parameters.put("provinces", ReportRows.provinces(data.provinces()));
        parameters.put("provinceReport", template(Template.REGIONAL_PROVINCES));
        parameters.put("campaigns", ReportRows.campaigns(data.campaigns()));
        parameters.put("campaignReport", template(Template.REGIONAL_CAMPAIGNS));
        parameters.put("complaints", ReportRows.complaints(data.complaints()));
        parameters.put("complaintReport", template(Template.REGIONAL_COMPLAINTS));
        return export(
                fill(Template.REGIONAL_PERFORMANCE, parameters, new JREmptyDataSource(1)),
                "区域经营报告 " + data.region() + " " + data.period().label(),
                format);
    }

    /**
     * Renders the national executive summary to PDF.
     *
     * @param data the numbers of every region, ranked, must not be null
     * @return the PDF
     * @throws ReportRenderException when a template, the fill or the export fails
     */
    public byte[] national(NationalSummaryData data) {
        return national(data, ReportFormat.PDF);
    }

    /**
     * Renders the national executive summary.
     *
     * @param data the numbers of every region, ranked, must not be null
     * @param format the file format, must not be null
     * @return the file's bytes
     * @throws ReportRenderException when a template, the fill or the export fails
     */
    public byte[] national(NationalSummaryData data, ReportFormat format) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(format, "format");
        Map<String, Object> parameters = common(
                data.generatedAt(),
                data.watermark(),
                data.period().label(),
                data.period().previous().label());
        return export(
                fill(Template.NATIONAL_SUMMARY, parameters, ReportRows.regions(data.regions())),
                "全国经营摘要 " + data.period().label(),
                format);
    }

    /**
     * Compiles every template now, so the first report after start-up does not pay for it.
     *
     * @throws ReportRenderException with reason TEMPLATE when a template does not compile
     */
    public void warmUp() {
        for (Template template : Template.values()) {
            template(template);
        }
    }

    /** Forgets the compiled templates; the renderer cannot be used afterwards. */
    @Override
    public void close() {
        closed = true;
        compiled.clear();
    }

    /** Compiles {@code resource} under this renderer's rules; for tests of the template rules. */
    JasperReport compile(String resource) {
        return compiler.compile(resource);
    }

    /** Fills a compiled report with no data; for tests of the template rules. */
    JasperPrint fill(JasperReport report, Map<String, Object> parameters) {
        return fill(report, new HashMap<>(parameters), new JREmptyDataSource(1));
    }

    private JasperReport template(Template template) {
        if (closed) {
            throw new IllegalStateException("the report renderer is closed");
        }
        return compiled.computeIfAbsent(template, t -> compiler.compile(t.resource()));
    }

    private Map<String, Object> common(Instant generatedAt, String watermark, String period, String previous) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("generatedAt", STAMP.format(generatedAt.atZone(zone)) + " (" + zone.getId() + ")");
        parameters.put("watermark", watermark);
        parameters.put("periodLabel", period);
        parameters.put("previousPeriodLabel", previous);
        return parameters;
    }

    private JasperPrint fill(Template template, Map<String, Object> parameters, JRDataSource data) {
        return fill(template(template), parameters, data);
    }

    private JasperPrint fill(JasperReport report, Map<String, Object> parameters, JRDataSource data) {
        parameters.put(JRParameter.REPORT_LOCALE, Locale.SIMPLIFIED_CHINESE);
        parameters.put(JRParameter.REPORT_TIME_ZONE, TimeZone.getTimeZone(zone));
        try {
            return JasperFillManager.getInstance(context).fill(report, parameters, data);
        } catch (JRException | RuntimeException e) {
            throw new ReportRenderException(
                    Reason.FILL, "Report " + report.getName() + " could not be filled: " + e.getMessage(), e);
        }
    }

    private byte[] export(JasperPrint print, String title, ReportFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            switch (format) {
                case PDF -> pdf(print, title, out);
                case XLSX -> xlsx(print, title, out);
            }
        } catch (JRException | RuntimeException e) {
            throw new ReportRenderException(
                    Reason.EXPORT,
                    "Report " + print.getName() + " could not be written as " + format.id() + ": " + e.getMessage(),
                    e);
        }
        return out.toByteArray();
    }

    private void pdf(JasperPrint print, String title, ByteArrayOutputStream out) throws JRException {
        JRPdfExporter exporter = new JRPdfExporter(context);
        exporter.setExporterInput(new SimpleExporterInput(print));
        exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
        SimplePdfExporterConfiguration configuration = new SimplePdfExporterConfiguration();
        configuration.setMetadataTitle(title);
        configuration.setMetadataCreator("Pulse");
        configuration.setDisplayMetadataTitle(true);
        exporter.setConfiguration(configuration);
        exporter.exportReport();
    }

    /** One sheet, numbers that look like numbers as numeric cells, text (with its Chinese) as text. */
    private void xlsx(JasperPrint print, String title, ByteArrayOutputStream out) throws JRException {
        JRXlsxExporter exporter = new JRXlsxExporter(context);
        exporter.setExporterInput(new SimpleExporterInput(print));
        exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
        SimpleXlsxReportConfiguration report = new SimpleXlsxReportConfiguration();
        report.setOnePagePerSheet(false);
        report.setDetectCellType(true);
        report.setRemoveEmptySpaceBetweenRows(true);
        report.setRemoveEmptySpaceBetweenColumns(true);
        report.setWhitePageBackground(false);
        report.setSheetNames(new String[] {title.length() > 31 ? title.substring(0, 31) : title});
        exporter.setConfiguration(report);
        SimpleXlsxExporterConfiguration metadata = new SimpleXlsxExporterConfiguration();
        metadata.setMetadataTitle(title);
        metadata.setMetadataApplication("Pulse");
        exporter.setConfiguration(metadata);
        exporter.exportReport();
    }
}
