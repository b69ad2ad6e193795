package dev.pulse.warehouse.query.web;

import dev.pulse.kernel.Caller;
import dev.pulse.warehouse.query.AnalystSql;
import dev.pulse.warehouse.query.AnalystSqlResult;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/sql}: one read-only analyst query, answered under the caller's scope. */
@RestController
class SqlController {

    private final AnalystSql analystSql;

    SqlController(AnalystSql analystSql) {
        this.analystSql = analystSql;
    }

    /** The body: the SQL text. */
    record SqlRequest(String sql) {}

    @PostMapping(path = "/api/v1/sql", consumes = "application/json", produces = "application/json")
    AnalystSqlResult run(@RequestBody SqlRequest request, @AuthenticationPrincipal Caller caller) {
        return analystSql.run(request.sql(), caller);
    }
}
