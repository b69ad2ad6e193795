package dev.pulse.warehouse.query;

import java.time.ZoneId;

/** For {@code dev.pulse.bench.QueryBench} only: a compiler of its own with a given plan-cache size (0 = none). */
public final class BenchCompilers {

    private BenchCompilers() {}

    public static SqlCompiler compiler(String database, ZoneId zone, int planCacheSize) {
        return new CalciteSqlCompiler(database, zone, planCacheSize);
    }
}
