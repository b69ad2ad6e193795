package dev.pulse.warehouse.query;

import org.apache.calcite.rel.type.RelDataType;

/** The ClickHouse type a bound parameter is declared with, from its Calcite type. */
final class ClickHouseTypes {

    private ClickHouseTypes() {}

    static String of(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case CHAR, VARCHAR -> "String";
            case BOOLEAN -> "Bool";
            case TINYINT, SMALLINT, INTEGER, BIGINT -> "Int64";
            case DECIMAL -> "Decimal(%d, %d)".formatted(Math.max(type.getPrecision(), type.getScale() + 1), type.getScale());
            case FLOAT, REAL, DOUBLE -> "Float64";
            case DATE -> "Date";
            case TIMESTAMP -> "DateTime64(3, 'UTC')";
            default -> throw new IllegalArgumentException("no ClickHouse parameter type for " + type);
        };
    }
}
