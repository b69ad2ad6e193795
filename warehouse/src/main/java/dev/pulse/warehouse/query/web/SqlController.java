package dev.pulse.warehouse.query.web;

import dev.pulse.kernel.AuditAction;
import dev.pulse.kernel.AuditEvent;
import dev.pulse.kernel.AuditLog;
import dev.pulse.kernel.Caller;
import dev.pulse.warehouse.query.AnalystSql;
import dev.pulse.warehouse.query.AnalystSqlResult;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/sql}: one read-only analyst query, answered under the caller's scope; audited with its text, rows and time. */
@RestController
class SqlController {

    private final AnalystSql analystSql;
    private final AuditLog audit;

    SqlController(AnalystSql analystSql, AuditLog audit) {
        this.analystSql = analystSql;
        this.audit = audit;
    }

    /** The body: the SQL text. */
    record SqlRequest(String sql) {}

    @PostMapping(path = "/api/v1/sql", consumes = "application/json", produces = "application/json")
    AnalystSqlResult run(@RequestBody SqlRequest request, @AuthenticationPrincipal Caller caller) {
        AuditEvent event = AuditEvent.of(caller, AuditAction.SQL_RUN, null).with("sql", request.sql());
        long start = System.nanoTime();
        try {
            AnalystSqlResult result = analystSql.run(request.sql(), caller);
            return audit.recorded(
                    event.with("rows", result.rows().size()).with("ms", (System.nanoTime() - start) / 1_000_000),
                    result);
        } catch (RuntimeException e) {
            audit.record(
                    event.with("ms", (System.nanoTime() - start) / 1_000_000).failed(e.getMessage()));
            throw e;
        }
    }
}
