package dev.pulse.warehouse.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kernel.Scope;
import dev.pulse.warehouse.query.ClickHouseFunctions.TimeGrain;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.Test;

/**
 * The plan cache skips securing and unparsing for a shape seen before; this measures a
 * dashboard-like plan compiled with and without it (numbers in QUERY.md).
 */
class PlanCacheTest {

    final CalciteSqlCompiler compiler = new CalciteSqlCompiler("pulse", ZoneId.of("Asia/Shanghai"), 100);
    final Scope scope = Scope.of(Set.of("华东", "华南"));

    RelNode npsByMonth(String channel) {
        RelBuilder b = compiler.builder();
        return b.scan("survey_responses")
                .filter(
                        b.isNotNull(b.field("nps_score")),
                        b.equals(b.field("channel"), b.literal(channel)),
                        b.in(
                                b.field("customer_id"),
                                inner -> inner.scan("customers")
                                        .filter(inner.equals(inner.field("segment"), inner.literal("vip")))
                                        .project(inner.field("customer_id"))
                                        .build()))
                .aggregate(
                        b.groupKey(
                                b.field("region"),
                                b.alias(ClickHouseFunctions.startOf(b, TimeGrain.MONTH, b.field("ts")), "month")),
                        b.countStar("responses"),
                        b.count(
                                false,
                                "promoters",
                                b.call(
                                        org.apache.calcite.sql.fun.SqlStdOperatorTable.CASE,
                                        b.greaterThanOrEqual(b.field("nps_score"), b.literal(9)),
                                        b.literal(1),
                                        b.literal(null))))
                .build();
    }

    @Test
    void aCachedShapeCompilesFasterToTheSameSql() {
        for (int i = 0; i < 300; i++) {
            compiler.clearCache();
            compiler.compile(npsByMonth("app"), scope);
        }
        long[] cold = new long[300];
        long[] warm = new long[300];
        String coldSql = null;
        String warmSql = null;
        for (int i = 0; i < cold.length; i++) {
            RelNode plan = npsByMonth("app" + i);
            compiler.clearCache();
            long start = System.nanoTime();
            coldSql = compiler.compile(plan, scope).sql();
            cold[i] = System.nanoTime() - start;
            plan = npsByMonth("web" + i);
            start = System.nanoTime();
            warmSql = compiler.compile(plan, scope).sql();
            warm[i] = System.nanoTime() - start;
        }
        long coldMedian = median(cold);
        long warmMedian = median(warm);
        System.out.printf( // console: the compile times, for whoever tunes the plan cache
                "compile p50 without cache %.3f ms, with cache %.3f ms%n", coldMedian / 1e6, warmMedian / 1e6);

        assertThat(warmSql).isEqualTo(coldSql);
        assertThat(warmMedian).isLessThan(coldMedian);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
