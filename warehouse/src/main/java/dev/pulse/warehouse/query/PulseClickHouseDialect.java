package dev.pulse.warehouse.query;

import java.time.ZoneId;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.ClickHouseSqlDialect;

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

    @Override
    public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        if (call.getOperator() instanceof ClickHouseFunctions.GrainFunction grain) {
            // ClickHouse function names are case-sensitive: print it as is, not as a keyword
            writer.print(grain.clickHouseName());
            SqlWriter.Frame frame = writer.startList("(", ")");
            call.operand(0).unparse(writer, 0, 0);
            writer.sep(",");
            writer.literal("'" + zone + "'");
            writer.endList(frame);
            return;
        }
        super.unparseCall(writer, call, leftPrec, rightPrec);
    }
}
