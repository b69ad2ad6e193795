package dev.pulse.warehouse.query;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.EngineException;
import dev.pulse.warehouse.QueryResult;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
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
 * {@link SqlCompiler#compile} (region security, bound values) → one of {@code max-concurrent} slots →
 * engine, read-only, under the {@link AnalystLimits}. Every refusal is a {@link SqlRefusedException}
 * raised before the engine sees anything; a query stopped by a limit is a {@link SqlLimitException}.
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
    private final AnalystLimits limits;
    private final Semaphore slots;

    AnalystSql(CalciteSqlCompiler compiler, ClickHouseEngine engine, QuerySettings settings) {
        this.compiler = compiler;
        this.engine = engine;
        this.settings = settings;
        this.limits = new AnalystLimits(settings);
        this.slots = new Semaphore(Math.max(1, settings.maxConcurrent()));
    }

    /**
     * Checks, secures and runs {@code sql} for {@code caller}.
     *
     * @param sql the analyst's text; may be null (refused)
     * @param caller who asks, must not be null
     * @throws SqlForbiddenException when the caller's role may not send SQL
     * @throws SqlRefusedException when the text is not one allowed query, with the reason
     * @throws SqlBusyException when {@code max-concurrent} analyst queries are already running
     * @throws SqlLimitException when the engine stopped the query at a limit, or the answer is too large
     */
    public AnalystSqlResult run(String sql, Caller caller) {
        Objects.requireNonNull(caller, "caller");
        if (!ROLES.contains(caller.role())) {
            throw new SqlForbiddenException("role " + caller.role() + " may not run SQL; allowed: " + ROLES);
        }
        CompiledQuery compiled = compile(sql, caller.scope());
        // the limits are ours, from configuration; analyst SETTINGS never get this far
        String limited = compiled.sql() + limits.settingsClause();
        QueryResult result = inEngine(() -> engine.query(limited, compiled.params()));
        List<List<Object>> rows = result.rows();
        boolean truncated = rows.size() > settings.maxRows();
        if (truncated) {
            rows = rows.subList(0, settings.maxRows());
        }
        limits.checkResultBytes(rows);
        List<AnalystSqlResult.Column> columns = result.columns().stream()
                .map(c -> new AnalystSqlResult.Column(c.name(), c.type()))
                .toList();
        return new AnalystSqlResult(
                columns,
                rows,
                new AnalystSqlResult.Meta(
                        compiled.sql(),
                        Math.round(result.stats().elapsedSeconds() * 1000),
                        result.stats().rowsRead(),
                        truncated));
    }

    /** How many analyst queries hold a slot now; public for the application's tests that must know the slots are full. */
    public int running() {
        return Math.max(1, settings.maxConcurrent()) - slots.availablePermits();
    }

    /** Runs {@code query} in one of the analyst slots, so that analysts never hold every engine connection. */
    private QueryResult inEngine(Supplier<QueryResult> query) {
        if (!slots.tryAcquire()) {
            throw new SqlBusyException(settings.maxConcurrent());
        }
        try {
            return query.get();
        } catch (EngineException e) {
            throw limits.translate(e);
        } finally {
            slots.release();
        }
    }

    /** Everything but running: the checks, the plan and the ClickHouse SQL for {@code scope}. */
    CompiledQuery compile(String sql, Scope scope) {
        RelNode plan = plan(sql);
        try {
            return compiler.compile(plan, scope);
        } catch (IndexOutOfBoundsException | IllegalStateException | AssertionError e) {
            // Calcite cannot write every valid plan back as SQL (a join of derived tables that are joins
            // themselves fails in RelToSqlConverter.wrapNestedJoin): the analyst can rewrite the query
            throw new SqlRefusedException("Pulse cannot translate this query to ClickHouse SQL; "
                    + "rewrite it with fewer nested derived tables (e.g. join the views directly, or use WITH)");
        }
    }

    /** The checked, validated relational plan of {@code sql}, not yet secured. */
    RelNode plan(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new SqlRefusedException("sql is required");
        }
        int bytes = sql.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > settings.maxSqlBytes()) {
            throw new SqlRefusedException(
                    "sql is " + bytes + " bytes, more than the limit of " + settings.maxSqlBytes());
        }
        NestingLimit.check(sql, settings.maxNesting());
        try {
            SqlNode query = parse(sql);
            SqlAllowList.check(query);
            SqlValidator validator = SqlValidatorUtil.newValidator(
                    SqlStdOperatorTable.instance(),
                    compiler.catalogReader(),
                    compiler.typeFactory(),
                    SqlValidator.Config.DEFAULT
                            .withConformance(SqlConformanceEnum.LENIENT)
                            .withIdentifierExpansion(true));
            SqlNode validated = validator.validate(query);
            SqlAllowList.check(validated);
            SqlToRelConverter converter = new SqlToRelConverter(
                    (rowType, queryString, schemaPath, viewPath) -> {
                        throw new SqlRefusedException("views are not expanded");
                    },
                    validator,
                    compiler.catalogReader(),
                    compiler.cluster(),
                    StandardConvertletTable.INSTANCE,
                    SqlToRelConverter.config().withExpand(false).withInSubQueryThreshold(Integer.MAX_VALUE));
            RelNode plan = converter.convertQuery(validated, false, true).project();
            JoinGuard.check(plan);
            return Decorrelation.apply(plan, compiler.builder());
        } catch (CalciteContextException e) {
            String reason = e.getMessage();
            if (reason != null && reason.contains("not found")) {
                reason += "; only the views " + WarehouseCatalog.views() + " of database " + compiler.database()
                        + " can be read";
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
            int line = 1
                    + (int) sql.substring(0, start)
                            .chars()
                            .filter(c -> c == '\n')
                            .count();
            int column = start - sql.lastIndexOf('\n', start - 1);
            throw new SqlRefusedException(
                    "only a read-only query is allowed, not " + statement.getKind(), line, column);
        }
        return statement;
    }
}
