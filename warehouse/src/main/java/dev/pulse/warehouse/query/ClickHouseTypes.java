package dev.pulse.warehouse.query;

import org.apache.calcite.rel.type.RelDataType;

/** ClickHouse type names for Calcite types: of bound parameters and of {@code CAST} targets. */
final class ClickHouseTypes {

    private ClickHouseTypes() {}

    /** The type a {@code CAST} converts to, {@code Nullable(...)} when the Calcite type is; null if unknown. */
    static String castTarget(RelDataType type) {
        String name = switch (type.getSqlTypeName()) {
            case TINYINT -> "Int8";
            case SMALLINT -> "Int16";
            case INTEGER -> "Int32";
            case BIGINT -> "Int64";
            case REAL, FLOAT -> "Float32";
            case CHAR, VARCHAR, BOOLEAN, DECIMAL, DOUBLE, DATE, TIMESTAMP -> of(type);
            default -> null;
        };
        return name == null || !type.isNullable() ? name : "Nullable(" + name + ")";
    }

    /** The type a bound parameter is declared with. */
    static String of(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case CHAR, VARCHAR -> "String";
            case BOOLEAN -> "Bool";
            case TINYINT, SMALLINT, INTEGER, BIGINT -> "Int64";
            case DECIMAL ->
                "Decimal(%d, %d)".formatted(Math.max(type.getPrecision(), type.getScale() + 1), type.getScale());
            case FLOAT, REAL, DOUBLE -> "Float64";
            case DATE -> "Date";
            case TIMESTAMP -> "DateTime64(3, 'UTC')";
            default -> throw new IllegalArgumentException("no ClickHouse parameter type for " + type);
        };
    }
}
