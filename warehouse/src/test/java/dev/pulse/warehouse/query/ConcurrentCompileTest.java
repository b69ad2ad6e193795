package dev.pulse.warehouse.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kernel.Scope;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One compiler serves every request thread: concurrent compiles give each caller its own SQL and regions. */
class ConcurrentCompileTest {

    static final List<String> QUERIES = List.of(
            "SELECT event_id FROM transactions WHERE amount > 10",
            "SELECT c.customer_id FROM customers c WHERE EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = c.customer_id)",
            "SELECT region, count(*) AS n FROM feedback GROUP BY region ORDER BY n DESC",
            "SELECT name FROM campaigns UNION ALL SELECT name FROM customers");

    @Test
    void compilesConcurrentlyWithoutMixingUpScopesOrShapes() throws Exception {
        AnalystSql analystSql = new AnalystSql(
                new CalciteSqlCompiler("pulse", ZoneId.of("Asia/Shanghai"), 8), null, QuerySettings.defaults());
        List<String> regions = SeededWarehouse.REGIONS;
        List<String> reference = QUERIES.stream()
                .map(q -> analystSql.compile(q, Scope.of(Set.of("华东"))).sql())
                .toList();

        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    int query = n % QUERIES.size();
                    String region = regions.get(n % regions.size());
                    CompiledQuery compiled = analystSql.compile(QUERIES.get(query), Scope.of(Set.of(region)));
                    return compiled.sql().equals(reference.get(query))
                            && compiled.params().containsValue(region)
                            && regions.stream()
                                    .filter(r -> !r.equals(region))
                                    .noneMatch(compiled.params()::containsValue);
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
    }
}
