package dev.pulse.warehouse.metrics;

import java.util.List;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.util.Optionality;

/**
 * ClickHouse functions metric plans need beyond the query layer's time grains. Each prints its own
 * ClickHouse spelling (ClickHouse function names are case-sensitive), so it survives any dialect;
 * candidates to move next to {@code query.ClickHouseFunctions}.
 */
final class MetricFunctions {

    /** {@code addDays(date, n)}. */
    static final SqlFunction ADD_DAYS =
            new Printed("addDays", null, ReturnTypes.DATE.andThen(SqlTypeTransforms.TO_NULLABLE));
    /** {@code dateDiff('second', a, b)}: whole seconds from a to b. */
    static final SqlFunction SECONDS_BETWEEN =
            new Printed("dateDiff", "'second'", ReturnTypes.BIGINT.andThen(SqlTypeTransforms.TO_NULLABLE));
    /** {@code dateDiff('month', a, b)}: calendar months from a to b (both first days of a month here). */
    static final SqlFunction MONTHS_BETWEEN =
            new Printed("dateDiff", "'month'", ReturnTypes.BIGINT.andThen(SqlTypeTransforms.TO_NULLABLE));
    /**
     * {@code arrayJoin(themes)}: one row per element of an {@code Array(String)}, so that a plan grouped by it
     * stays a plain Aggregate; a row with an empty array drops out. ClickHouse evaluates equal
     * {@code arrayJoin} expressions of one SELECT once, so the group key and its output are the same expansion.
     */
    static final SqlFunction ARRAY_JOIN =
            new Printed("arrayJoin", null, ReturnTypes.explicit(org.apache.calcite.sql.type.SqlTypeName.VARCHAR));
    /** {@code has(array, value)}: whether an {@code Array(String)} holds the value; a filter that expands no row. */
    static final SqlFunction HAS = new Printed("has", null, ReturnTypes.BOOLEAN);
    /** {@code trimBoth(text)}: without leading and trailing whitespace. */
    static final SqlFunction TRIM = new Printed("trimBoth", null, ReturnTypes.ARG0);
    /** {@code quantileExactInclusive(0.5)(x)}: the median, interpolated like Excel's PERCENTILE.INC. */
    static final SqlAggFunction MEDIAN = new Quantile("0.5");
    /** {@code quantileExactInclusive(0.9)(x)}. */
    static final SqlAggFunction P90 = new Quantile("0.9");
    /** {@code argMax(x, by)}: the value of x in the row with the largest {@code by} (the latest, for a time). */
    static final SqlAggFunction ARG_MAX = new ArgMax();

    private MetricFunctions() {}

    /**
     * The first day of the period holding a {@code DATE} (a calendar day has no zone: ClickHouse
     * refuses one for a Date, which the query layer's grains always add); null for {@code DAY}, the date itself.
     */
    static SqlFunction dateStartOf(TimeGrain grain) {
        return switch (grain) {
            case DAY -> null;
            case WEEK -> DATE_WEEK;
            case MONTH -> DATE_MONTH;
            case QUARTER -> DATE_QUARTER;
            case YEAR -> DATE_YEAR;
        };
    }

    /** The function adding n periods of {@code grain} to a date: {@code addMonths(date, n)} and so on. */
    static SqlFunction nextPeriod(TimeGrain grain) {
        return switch (grain) {
            case DAY -> ADD_DAYS;
            case WEEK -> ADD_WEEKS;
            case MONTH -> ADD_MONTHS;
            case QUARTER -> ADD_QUARTERS;
            case YEAR -> ADD_YEARS;
        };
    }

    /** The first day of the period before the one starting on {@code start}. */
    static java.time.LocalDate previous(TimeGrain grain, java.time.LocalDate start) {
        return switch (grain) {
            case DAY -> start.minusDays(1);
            case WEEK -> start.minusWeeks(1);
            case MONTH -> start.minusMonths(1);
            case QUARTER -> start.minusMonths(3);
            case YEAR -> start.minusYears(1);
        };
    }

    private static final SqlFunction ADD_WEEKS = new Printed("addWeeks", null, ReturnTypes.ARG0);
    private static final SqlFunction ADD_MONTHS = new Printed("addMonths", null, ReturnTypes.ARG0);
    private static final SqlFunction ADD_QUARTERS = new Printed("addQuarters", null, ReturnTypes.ARG0);
    private static final SqlFunction ADD_YEARS = new Printed("addYears", null, ReturnTypes.ARG0);
    private static final SqlFunction DATE_WEEK = new Printed("toMonday", null, ReturnTypes.ARG0);
    private static final SqlFunction DATE_MONTH = new Printed("toStartOfMonth", null, ReturnTypes.ARG0);
    private static final SqlFunction DATE_QUARTER = new Printed("toStartOfQuarter", null, ReturnTypes.ARG0);
    private static final SqlFunction DATE_YEAR = new Printed("toStartOfYear", null, ReturnTypes.ARG0);

    private static void arguments(SqlWriter writer, String leading, List<SqlNode> operands) {
        SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.FUN_CALL, "(", ")");
        if (leading != null) {
            writer.sep(",");
            writer.print(leading);
        }
        for (SqlNode operand : operands) {
            writer.sep(",");
            operand.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }

    /** A scalar function printed as {@code name(leading, args...)}; {@code leading} is fixed syntax, never a value. */
    private static final class Printed extends SqlFunction {
        private final String leading;

        Printed(String name, String leading, SqlReturnTypeInference returns) {
            super(
                    name,
                    SqlKind.OTHER_FUNCTION,
                    returns,
                    null,
                    OperandTypes.VARIADIC,
                    SqlFunctionCategory.USER_DEFINED_FUNCTION);
            this.leading = leading;
        }

        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            writer.print(getName());
            arguments(writer, leading, call.getOperandList());
        }
    }

    /** An exact quantile at a fixed level, printed as ClickHouse's parametric aggregate. */
    private static final class Quantile extends SqlAggFunction {
        private final String level;

        Quantile(String level) {
            super(
                    "quantileExactInclusive_" + level,
                    null,
                    SqlKind.OTHER_FUNCTION,
                    ReturnTypes.DOUBLE.andThen(SqlTypeTransforms.FORCE_NULLABLE),
                    null,
                    OperandTypes.NUMERIC,
                    SqlFunctionCategory.USER_DEFINED_FUNCTION,
                    false,
                    false,
                    Optionality.FORBIDDEN);
            this.level = level;
        }

        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            writer.print("quantileExactInclusive(" + level + ")");
            arguments(writer, null, call.getOperandList());
        }
    }

    /** ClickHouse's {@code argMax(x, by)}. */
    private static final class ArgMax extends SqlAggFunction {

        ArgMax() {
            super(
                    "argMax",
                    null,
                    SqlKind.OTHER_FUNCTION,
                    ReturnTypes.ARG0.andThen(SqlTypeTransforms.FORCE_NULLABLE),
                    null,
                    OperandTypes.ANY_ANY,
                    SqlFunctionCategory.USER_DEFINED_FUNCTION,
                    false,
                    false,
                    Optionality.FORBIDDEN);
        }

        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            writer.print("argMax");
            arguments(writer, null, call.getOperandList());
        }
    }
}
