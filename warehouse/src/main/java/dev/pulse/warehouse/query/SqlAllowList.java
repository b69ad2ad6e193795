package dev.pulse.warehouse.query;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * The explicit list of what analyst SQL may contain, checked on the parsed text before
 * validation: query clauses, operators and a few functions that ClickHouse computes the same way
 * as standard SQL. Anything else (table functions, {@code LATERAL}, {@code UNNEST}, session
 * functions, unknown functions such as {@code sleep} or {@code file}) is refused by name.
 */
final class SqlAllowList extends SqlBasicVisitor<Void> {

    private static final Set<SqlKind> CLAUSES = EnumSet.of(
            SqlKind.SELECT,
            SqlKind.UNION,
            SqlKind.INTERSECT,
            SqlKind.EXCEPT,
            SqlKind.WITH,
            SqlKind.WITH_ITEM,
            SqlKind.ORDER_BY,
            SqlKind.AS,
            SqlKind.JOIN,
            SqlKind.DESCENDING,
            SqlKind.NULLS_FIRST,
            SqlKind.NULLS_LAST,
            SqlKind.OVER,
            SqlKind.WINDOW,
            SqlKind.PRECEDING,
            SqlKind.FOLLOWING,
            SqlKind.FILTER,
            SqlKind.SCALAR_QUERY);

    private static final Set<SqlKind> OPERATORS = EnumSet.of(
            SqlKind.AND,
            SqlKind.OR,
            SqlKind.NOT,
            SqlKind.EQUALS,
            SqlKind.NOT_EQUALS,
            SqlKind.LESS_THAN,
            SqlKind.GREATER_THAN,
            SqlKind.LESS_THAN_OR_EQUAL,
            SqlKind.GREATER_THAN_OR_EQUAL,
            SqlKind.PLUS,
            SqlKind.MINUS,
            SqlKind.TIMES,
            SqlKind.DIVIDE,
            SqlKind.MOD,
            SqlKind.MINUS_PREFIX,
            SqlKind.PLUS_PREFIX,
            SqlKind.IS_NULL,
            SqlKind.IS_NOT_NULL,
            SqlKind.IS_TRUE,
            SqlKind.IS_FALSE,
            SqlKind.IS_NOT_TRUE,
            SqlKind.IS_NOT_FALSE,
            SqlKind.LIKE,
            SqlKind.BETWEEN,
            SqlKind.IN,
            SqlKind.NOT_IN,
            SqlKind.EXISTS,
            SqlKind.CASE,
            SqlKind.CAST,
            SqlKind.COALESCE,
            SqlKind.NULLIF,
            SqlKind.EXTRACT,
            SqlKind.TRIM,
            SqlKind.POSITION,
            SqlKind.FLOOR,
            SqlKind.CEIL,
            SqlKind.COUNT,
            SqlKind.SUM,
            SqlKind.AVG,
            SqlKind.MIN,
            SqlKind.MAX,
            SqlKind.STDDEV_POP,
            SqlKind.STDDEV_SAMP,
            SqlKind.VAR_POP,
            SqlKind.VAR_SAMP,
            SqlKind.ROW_NUMBER,
            SqlKind.RANK,
            SqlKind.DENSE_RANK,
            SqlKind.LAG,
            SqlKind.LEAD,
            SqlKind.FIRST_VALUE,
            SqlKind.LAST_VALUE);

    /**
     * Functions allowed by name (upper case): before validation every function call is unresolved
     * and known only by its name.
     */
    private static final Set<String> FUNCTIONS = Set.of(
            "COUNT",
            "SUM",
            "AVG",
            "MIN",
            "MAX",
            "STDDEV_POP",
            "STDDEV_SAMP",
            "VAR_POP",
            "VAR_SAMP",
            "ROW_NUMBER",
            "RANK",
            "DENSE_RANK",
            "LAG",
            "LEAD",
            "FIRST_VALUE",
            "LAST_VALUE",
            "COALESCE",
            "NULLIF",
            "FLOOR",
            "CEIL",
            "CEILING",
            "ABS",
            "ROUND",
            "SQRT",
            "POWER",
            "LN",
            "EXP",
            "LOG10",
            "SIGN",
            "MOD",
            "UPPER",
            "LOWER",
            "SUBSTRING",
            "CHAR_LENGTH",
            "CHARACTER_LENGTH",
            "||",
            // inserted by the validator when it expands COALESCE and NULLIF
            "CAST NOT NULL");

    private SqlAllowList() {}

    /**
     * Checks a parsed or a validated tree; both are checked, because validation turns some
     * identifiers into calls ({@code CURRENT_USER}).
     *
     * @throws SqlRefusedException naming the first construct outside the list, with its position
     */
    static void check(SqlNode parsed) {
        parsed.accept(new SqlAllowList());
    }

    @Override
    public Void visit(SqlCall call) {
        SqlKind kind = call.getKind();
        boolean allowed = CLAUSES.contains(kind)
                || OPERATORS.contains(kind)
                || FUNCTIONS.contains(call.getOperator().getName().toUpperCase(Locale.ROOT));
        if (!allowed) {
            SqlParserPos pos = call.getParserPosition();
            throw new SqlRefusedException(
                    describe(call) + " is not allowed in analyst SQL", pos.getLineNum(), pos.getColumnNum());
        }
        return super.visit(call);
    }

    /**
     * Names may hold any letter (aliases in Chinese are fine) but no quote, backslash or control
     * character: such a name has no business in a query and is the raw material of injections.
     */
    @Override
    public Void visit(SqlIdentifier id) {
        for (String name : id.names) {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c == '`' || c == '\\' || c == '"' || c == '\'' || Character.isISOControl(c)) {
                    SqlParserPos pos = id.getParserPosition();
                    throw new SqlRefusedException(
                            "the name \"" + name.replaceAll("\\p{Cntrl}", "?")
                                    + "\" contains a quote, backslash or control character",
                            pos.getLineNum(),
                            pos.getColumnNum());
                }
            }
        }
        return null;
    }

    private static String describe(SqlCall call) {
        return switch (call.getKind()) {
            case COLLECTION_TABLE -> "a table function";
            case LATERAL -> "LATERAL";
            case UNNEST -> "UNNEST";
            case VALUES, ROW -> "VALUES";
            case TABLESAMPLE -> "TABLESAMPLE";
            case MATCH_RECOGNIZE -> "MATCH_RECOGNIZE";
            case PIVOT, UNPIVOT -> call.getKind().name();
            default ->
                (call.getOperator() instanceof SqlFunction ? "function " : "operator ")
                        + call.getOperator().getName();
        };
    }
}
