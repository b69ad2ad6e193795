package dev.pulse.warehouse.query;

import org.apache.calcite.rel.type.DelegatingTypeSystem;
import org.apache.calcite.sql.dialect.ClickHouseSqlDialect;

/**
 * ClickHouse's type system, except that branches of different lengths ({@code CASE ... 'big' ELSE
 * 'small'}) become VARCHAR: ClickHouse has no blank-padded CHAR, so padding would change values.
 */
final class PulseTypeSystem extends DelegatingTypeSystem {

    static final PulseTypeSystem INSTANCE = new PulseTypeSystem();

    private PulseTypeSystem() {
        super(ClickHouseSqlDialect.TYPE_SYSTEM);
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
