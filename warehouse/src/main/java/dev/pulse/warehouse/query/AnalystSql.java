package dev.pulse.warehouse.query;

import dev.pulse.kernel.Caller;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.QueryResult;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Runs one read-only analyst query in standard SQL over the five views, under the caller's scope.
 *
 * <p>Flow: size and nesting limits → Calcite parser (one statement, a query) → {@link SqlAllowList}
 * → validation against the catalogue → relational plan → {@link JoinGuard} →
 * {@link SqlCompiler#compile} (region security, bound values) → engine with time and row limits. Every
 * refusal is a {@link SqlRefusedException} raised before the engine sees anything.
 */
public final class AnalystSql {

    /** Who may send SQL. */
    public static final Set<Role> ROLES = EnumSet.of(Role.ANALYST, Role.EXECUTIVE, Role.REGIONAL_MANAGER);

    private static final SqlParser.Config PARSER = SqlParser.config()
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.LENIENT);

    private final CalciteSqlCompiler compiler;
    private final ClickHouseEngine engine;
    private final QuerySettings settings;

    AnalystSql(CalciteSqlCompiler compiler, ClickHouseEngine engine, QuerySettings settings) {
        this.compiler = compiler;
        this.engine = engine;
        this.settings = settings;
    }

    /**
     * Checks, secures and runs {@code sql} for {@code caller}.
     *
     * @param sql the analyst's text; may be null (refused)
     * @param caller who asks, must not be null
     * @throws SqlForbiddenException when the caller's role may not send SQL
     * @throws SqlRefusedException when the text is not one allowed query, with the reason
     */
    public AnalystSqlResult run(String sql, Caller caller) {
        Objects.requireNonNull(caller, "caller");
        if (!ROLES.contains(caller.role())) {
            throw new SqlForbiddenException("role " + caller.role() + " may not run SQL; allowed: " + ROLES);
        }
        CompiledQuery compiled = compile(sql, caller.scope());
        // the limits are ours, from configuration; analyst SETTINGS never get this far. Rows are
        // limited by the engine rather than by a LIMIT around the plan, which would put the
        // analyst's ORDER BY into a subquery whose order ClickHouse need not keep.
        String limited = compiled.sql() + "\nSETTINGS max_execution_time = " + Math.max(1, settings.timeout().toSeconds())
                + ", max_result_rows = " + settings.maxRows() + ", result_overflow_mode = 'break'"
                // standard SQL: the missing side of an outer join is NULL, not ClickHouse's default value
                + ", join_use_nulls = 1";
        QueryResult result = engine.query(limited, compiled.params());
        List<List<Object>> rows = result.rows();
        boolean truncated = rows.size() > settings.maxRows();
        if (truncated) {
            rows = rows.subList(0, settings.maxRows());
        }
        List<AnalystSqlResult.Column> columns = result.columns().stream()
                .map(c -> new AnalystSqlResult.Column(c.name(), c.type())).toList();
        return new AnalystSqlResult(columns, rows, new AnalystSqlResult.Meta(compiled.sql(),
                Math.round(result.stats().elapsedSeconds() * 1000), result.stats().rowsRead(), truncated));
    }

    /** Everything but running: the checks, the plan and the ClickHouse SQL for {@code scope}. */
    CompiledQuery compile(String sql, Scope scope) {
        return compiler.compile(plan(sql), scope);
    }

    /** The checked, validated relational plan of {@code sql}, not yet secured. */
    RelNode plan(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new SqlRefusedException("sql is required");
        }
        int bytes = sql.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > settings.maxSqlBytes()) {
            throw new SqlRefusedException("sql is " + bytes + " bytes, more than the limit of " + settings.maxSqlBytes());
        }
        NestingLimit.check(sql, settings.maxNesting());
        try {
            SqlNode query = parse(sql);
            SqlAllowList.check(query);
            SqlValidator validator = SqlValidatorUtil.newValidator(SqlStdOperatorTable.instance(),
                    compiler.catalogReader(), compiler.typeFactory(),
                    SqlValidator.Config.DEFAULT.withConformance(SqlConformanceEnum.LENIENT).withIdentifierExpansion(true));
            SqlNode validated = validator.validate(query);
            SqlAllowList.check(validated);
            SqlToRelConverter converter = new SqlToRelConverter(
                    (rowType, queryString, schemaPath, viewPath) -> {
                        throw new SqlRefusedException("views are not expanded");
                    },
                    validator, compiler.catalogReader(), compiler.cluster(), StandardConvertletTable.INSTANCE,
                    SqlToRelConverter.config().withExpand(false).withInSubQueryThreshold(Integer.MAX_VALUE));
            RelNode plan = converter.convertQuery(validated, false, true).project();
            JoinGuard.check(plan);
            return Decorrelation.apply(plan, compiler.builder());
        } catch (CalciteContextException e) {
            String reason = e.getMessage();
            if (reason != null && reason.contains("not found")) {
                reason += "; only the views " + WarehouseCatalog.views() + " of database " + compiler.database() + " can be read";
            }
            throw new SqlRefusedException(reason, e.getPosLine(), e.getPosColumn());
        } catch (CalciteException e) {
            throw new SqlRefusedException(e.getMessage());
        } catch (StackOverflowError e) {
            throw new SqlRefusedException("the query is too deeply nested to check");
        }
    }

    private SqlNode parse(String sql) {
        SqlNodeList statements;
        try {
            statements = SqlParser.create(sql, PARSER).parseStmtList();
        } catch (SqlParseException e) {
            throw ParseRefusals.of(sql, e);
        }
        if (statements.size() != 1) {
            throw new SqlRefusedException("exactly one statement is allowed, found " + statements.size());
        }
        SqlNode statement = statements.get(0);
        if (!statement.isA(SqlKind.QUERY)) {
            // the statement's own position is that of its query part (EXPLAIN ... FOR SELECT): point at its start
            int start = 0;
            while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
                start++;
            }
            int line = 1 + (int) sql.substring(0, start).chars().filter(c -> c == '\n').count();
            int column = start - sql.lastIndexOf('\n', start - 1);
            throw new SqlRefusedException("only a read-only query is allowed, not " + statement.getKind(), line, column);
        }
        return statement;
    }
}
