package dev.pulse.dashboards.export;

import dev.pulse.kernel.AuditAction;
import dev.pulse.kernel.AuditEvent;
import dev.pulse.kernel.AuditLog;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.warehouse.metrics.AtRiskCustomers;
import dev.pulse.warehouse.metrics.AtRiskQuery;
import dev.pulse.warehouse.metrics.MetricQuery;
import dev.pulse.warehouse.metrics.MetricResult;
import dev.pulse.warehouse.metrics.Metrics;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /dashboards/export?format=csv|xlsx}: the table of a dashboard tile as a file. The body
 * is the tile's metric request, run again here through {@link Metrics} under the viewer's own scope,
 * so an export can never hold a row the viewer could not see on the page. {@code GET
 * /dashboards/export/at-risk} does the same for the at-risk customer list, with the parameters of
 * {@code GET /api/v1/customers/at-risk}.
 */
@RestController
class ExportController {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,40}");

    private final Metrics metrics;
    private final AtRiskCustomers atRisk;
    private final AuditLog audit;

    ExportController(Metrics metrics, AtRiskCustomers atRisk, AuditLog audit) {
        this.metrics = metrics;
        this.atRisk = atRisk;
        this.audit = audit;
    }

    @PostMapping(path = "/dashboards/export", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('EXECUTIVE', 'ANALYST', 'QUALITY', 'REGIONAL_MANAGER', 'ADMIN')")
    void export(
            @RequestParam String format,
            @RequestParam(defaultValue = "table") String name,
            @RequestBody JsonNode body,
            @AuthenticationPrincipal Caller caller,
            Locale locale,
            HttpServletResponse response)
            throws IOException {
        checkFile(format, name);
        MetricQuery query;
        try {
            query = JSON.treeToValue(body, MetricQuery.class);
        } catch (JacksonException e) {
            throw new InvalidFieldException("body", "the body is not a metric request: " + e.getOriginalMessage());
        }
        if (query == null) {
            throw new InvalidFieldException("body", "the body must be a metric request");
        }
        file(
                audited(caller, "metrics:" + String.join(",", query.metrics()), metrics.run(query, caller, locale)),
                format,
                name,
                response);
    }

    @GetMapping("/dashboards/export/at-risk")
    @PreAuthorize("hasAnyRole('EXECUTIVE', 'ANALYST', 'QUALITY', 'REGIONAL_MANAGER', 'ADMIN')")
    void exportAtRisk(
            @RequestParam String format,
            @RequestParam(defaultValue = "at-risk-customers") String name,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) List<String> region,
            @RequestParam(required = false) List<String> segment,
            @RequestParam(required = false) List<String> channel,
            @RequestParam(required = false) String limit,
            @AuthenticationPrincipal Caller caller,
            Locale locale,
            HttpServletResponse response)
            throws IOException {
        checkFile(format, name);
        AtRiskQuery query = AtRiskQuery.parse(from, to, region, segment, channel, limit);
        file(audited(caller, "at-risk", atRisk.list(query, caller, locale)), format, name, response);
    }

    /** Records an export of {@code what} by {@code caller} with its row count, and answers the rows. */
    private MetricResult audited(Caller caller, String what, MetricResult result) {
        audit.record(AuditEvent.of(caller, AuditAction.EXPORT, what)
                .with("rows", result.rows().size()));
        return result;
    }

    private static void checkFile(String format, String name) {
        if (!format.equals("csv") && !format.equals("xlsx")) {
            throw new InvalidFieldException("format", "format must be csv or xlsx");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidFieldException("name", "name must be 1 to 40 lower-case letters, digits or '-'");
        }
    }

    /**
     * Writes the file straight to the response in this request's thread: an asynchronous body
     * ({@code StreamingResponseBody}) would be sent from a second dispatch that a stateless caller (an API key, an
     * embed grant) is not authenticated in.
     */
    private static void file(MetricResult result, String format, String name, HttpServletResponse response)
            throws IOException {
        boolean csv = format.equals("csv");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(name + "." + format, StandardCharsets.UTF_8)
                        .build()
                        .toString());
        response.setContentType(
                csv
                        ? new MediaType("text", "csv", StandardCharsets.UTF_8).toString()
                        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        OutputStream out = response.getOutputStream();
        if (csv) {
            out.write(TableFiles.csv(result));
        } else {
            TableFiles.xlsx(result, name, out);
        }
        out.flush();
    }
}
