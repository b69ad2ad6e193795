package dev.pulse.warehouse.query;

import java.time.ZoneId;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.ClickHouseSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.Litmus;

/**
 * Calcite's ClickHouse dialect plus Pulse's functions: time grains are computed in
 * {@code pulse.timezone}, because a month in Shanghai is not a month in UTC.
 */
final class PulseClickHouseDialect extends ClickHouseSqlDialect {

    private final String zone;

    PulseClickHouseDialect(ZoneId zone) {
        super(ClickHouseSqlDialect.DEFAULT_CONTEXT);
        // a ZoneId's id is a fixed set of characters ([A-Za-z0-9/_+-]), safe between quotes
        this.zone = zone.getId();
    }

    /**
     * ClickHouse reads a backslash inside a quoted name as an escape: Calcite only doubles the
     * quote, so a name ending in a backslash would swallow the closing quote and let the text
     * after it become SQL. Both are escaped here.
     */
    @Override
    public StringBuilder quoteIdentifier(StringBuilder buf, String name) {
        return buf.append('`').append(escape(name, '`')).append('`');
    }

    @Override
    public String quoteIdentifier(String name) {
        return quoteIdentifier(new StringBuilder(), name).toString();
    }

    /** String literals (the few that stay in the text) get the same escaping. */
    @Override
    public void quoteStringLiteral(StringBuilder buf, String charsetName, String value) {
        buf.append('\'').append(escape(value, '\'')).append('\'');
    }

    private static String escape(String text, char quote) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == quote) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Casts name ClickHouse types verbatim ({@code Nullable(String)}), not as quoted identifiers. */
    @Override
    public SqlNode getCastSpec(RelDataType type) {
        String name = ClickHouseTypes.castTarget(type);
        return name == null
                ? super.getCastSpec(type)
                : new SqlDataTypeSpec(new VerbatimTypeName(name), SqlParserPos.ZERO);
    }

    @Override
    public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        if (call.getOperator() instanceof ClickHouseFunctions.GrainFunction grain) {
            // ClickHouse function names are case-sensitive: print it as is, not as a keyword
            writer.print(grain.clickHouseName());
            SqlWriter.Frame frame = writer.startList("(", ")");
            call.operand(0).unparse(writer, 0, 0);
            if (grain.zoned()) {
                writer.sep(",");
                writer.literal("'" + zone + "'");
            }
            writer.endList(frame);
            return;
        }
        if (call.getOperator() == SqlStdOperatorTable.SUBSTRING || call.getKind() == SqlKind.POSITION) {
            // ClickHouse's substring and position count bytes; standard SQL counts characters,
            // and most of Pulse's text is Chinese (three bytes a character)
            boolean substring = call.getOperator() == SqlStdOperatorTable.SUBSTRING;
            writer.print(substring ? "substringUTF8" : "positionUTF8");
            SqlWriter.Frame frame = writer.startList("(", ")");
            List<SqlNode> operands = substring
                    ? call.getOperandList()
                    : List.of(call.operand(1), call.operand(0)); // POSITION(needle IN haystack)
            if (!substring && call.operandCount() > 2) {
                operands = List.of(call.operand(1), call.operand(0), call.operand(2));
            }
            for (SqlNode operand : operands) {
                writer.sep(",");
                operand.unparse(writer, 0, 0);
            }
            writer.endList(frame);
            return;
        }
        super.unparseCall(writer, call, leftPrec, rightPrec);
    }

    /** A ClickHouse type name printed as it is: ClickHouse type names are case-sensitive. */
    private static final class VerbatimTypeName extends SqlTypeNameSpec {

        VerbatimTypeName(String name) {
            super(new SqlIdentifier(name, SqlParserPos.ZERO), SqlParserPos.ZERO);
        }

        @Override
        public RelDataType deriveType(SqlValidator validator) {
            throw new UnsupportedOperationException("only for writing SQL");
        }

        @Override
        public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
            writer.print(getTypeName().getSimple());
            writer.setNeedWhitespace(true);
        }

        @Override
        public boolean equalsDeep(SqlTypeNameSpec spec, Litmus litmus) {
            return spec instanceof VerbatimTypeName other && other.getTypeName().equals(getTypeName())
                    || litmus.fail("{} != {}", this, spec);
        }
    }
}
