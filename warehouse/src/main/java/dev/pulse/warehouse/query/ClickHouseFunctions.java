package dev.pulse.warehouse.query;

import java.util.Locale;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.tools.RelBuilder;

/**
 * ClickHouse functions Calcite does not know, usable from {@link RelBuilder}: the time grains,
 * counted in {@code pulse.timezone} (the dialect adds the zone when it writes the SQL).
 */
public final class ClickHouseFunctions {

    private ClickHouseFunctions() {}

    /** A calendar period; its value is the first day of the period, a {@code DATE}. */
    public enum TimeGrain {
        DAY("toDate"),
        /** Weeks start on Monday. */
        WEEK("toMonday"),
        MONTH("toStartOfMonth"),
        QUARTER("toStartOfQuarter"),
        YEAR("toStartOfYear");

        private final SqlFunction function;
        private final SqlFunction dateFunction;

        TimeGrain(String clickHouseName) {
            this.function = new GrainFunction(this, clickHouseName, true);
            this.dateFunction = new GrainFunction(this, clickHouseName, false);
        }

        /** The operator for a {@code TIMESTAMP} operand, counted in {@code pulse.timezone}. */
        public SqlFunction function() {
            return function;
        }

        /** The operator for a {@code DATE} operand: a calendar day has no zone (ClickHouse refuses one). */
        public SqlFunction dateFunction() {
            return dateFunction;
        }

        /** The grain named like {@code "month"}, or null when the name is not a grain. */
        public static TimeGrain named(String name) {
            for (TimeGrain grain : values()) {
                if (grain.name().equals(name.toUpperCase(Locale.ROOT))) {
                    return grain;
                }
            }
            return null;
        }
    }

    /**
     * The first day, in {@code pulse.timezone}, of the period of {@code grain} holding {@code time}.
     *
     * @param builder the builder of the plan, must not be null
     * @param grain the period, must not be null
     * @param time a TIMESTAMP (counted in the zone) or DATE (a calendar day already) expression,
     *     must not be null
     */
    public static RexNode startOf(RelBuilder builder, TimeGrain grain, RexNode time) {
        if (time.getType().getSqlTypeName() == SqlTypeName.DATE) {
            return grain == TimeGrain.DAY ? time : builder.call(grain.dateFunction(), time);
        }
        return builder.call(grain.function(), time);
    }

    /** One time grain as a Calcite function; unparsed by {@link PulseClickHouseDialect}. */
    static final class GrainFunction extends SqlFunction {

        private final TimeGrain grain;
        private final String clickHouseName;
        private final boolean zoned;

        GrainFunction(TimeGrain grain, String clickHouseName, boolean zoned) {
            super(
                    "PULSE_" + grain.name() + (zoned ? "" : "_OF_DATE"),
                    SqlKind.OTHER_FUNCTION,
                    ReturnTypes.DATE.andThen(SqlTypeTransforms.TO_NULLABLE),
                    null,
                    OperandTypes.DATETIME,
                    SqlFunctionCategory.TIMEDATE);
            this.grain = grain;
            this.clickHouseName = clickHouseName;
            this.zoned = zoned;
        }

        /** Whether the zone is passed: for timestamps, not for dates. */
        boolean zoned() {
            return zoned;
        }

        TimeGrain grain() {
            return grain;
        }

        String clickHouseName() {
            return clickHouseName;
        }
    }
}
