package dev.pulse.warehouse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kernel.Scope;
import dev.pulse.warehouse.QueryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metric result cache is bounded by its entries and by the estimated bytes of what it holds. */
class ResultCacheTest {

    private static ResultCache.Key key(int n) {
        return new ResultCache.Key("SELECT " + n, Map.of("p0", "华东"), Scope.ALL, 1);
    }

    /** A result of {@code rows} rows of a region name and a number. */
    private static QueryResult result(int rows, String text) {
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            out.add(List.of(text, (long) i));
        }
        return new QueryResult(
                List.of(new QueryResult.Column("region", "String"), new QueryResult.Column("n", "Int64")),
                out,
                QueryResult.Stats.NONE);
    }

    @Test
    void theEstimateCountsCellsAndTextByItsLength() {
        long short1 = ResultCache.estimate(key(1), result(100, "华东"));
        long long1 = ResultCache.estimate(key(1), result(100, "华东".repeat(100)));
        long double1 = ResultCache.estimate(key(1), result(200, "华东"));
        // 100 rows whose text is 198 characters longer: 2 bytes a character
        assertThat(long1 - short1).isEqualTo(100L * 198 * 2);
        // 100 more rows: a row overhead, a number cell and a text cell each
        assertThat(double1 - short1)
                .isEqualTo(100L
                        * (ResultCache.OVERHEAD_BYTES + ResultCache.CELL_BYTES + ResultCache.CELL_BYTES + 16 + 2 * 2));
    }

    @Test
    void leastRecentlyUsedResultsLeaveOnceTheBytesWouldCrossTheBound() {
        long one = ResultCache.estimate(key(1), result(1000, "华东"));
        ResultCache cache = new ResultCache(500, 3 * one + one / 2);
        cache.put(key(1), result(1000, "华东"));
        cache.put(key(2), result(1000, "华东"));
        cache.put(key(3), result(1000, "华东"));
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.bytes()).isEqualTo(3 * one);
        assertThat(cache.get(key(1))).isNotNull(); // 1 is now the most recently used, 2 the least

        cache.put(key(4), result(1000, "华东"));

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.bytes()).isEqualTo(3 * one).isLessThanOrEqualTo(3 * one + one / 2);
        assertThat(cache.get(key(2))).isNull();
        assertThat(cache.get(key(1))).isNotNull();
        assertThat(cache.get(key(3))).isNotNull();
        assertThat(cache.get(key(4))).isNotNull();
    }

    @Test
    void oneLargeResultPushesOutAsManySmallOnesAsItNeeds() {
        long small = ResultCache.estimate(key(1), result(10, "华东"));
        long large = ResultCache.estimate(key(9), result(1000, "华东"));
        ResultCache cache = new ResultCache(500, large + 2 * small);
        for (int i = 1; i <= 5; i++) {
            cache.put(key(i), result(10, "华东"));
        }
        assertThat(cache.size()).isEqualTo(5);

        cache.put(key(9), result(1000, "华东"));

        assertThat(cache.bytes()).isLessThanOrEqualTo(large + 2 * small);
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get(key(9))).isNotNull();
        assertThat(cache.get(key(5))).isNotNull();
        assertThat(cache.get(key(4))).isNotNull();
        assertThat(cache.get(key(3))).isNull();
    }

    @Test
    void aResultLargerThanTheBoundIsNotCachedAndKeepsTheOthers() {
        long small = ResultCache.estimate(key(1), result(10, "华东"));
        ResultCache cache = new ResultCache(500, 1000 * small);
        cache.put(key(1), result(10, "华东"));

        cache.put(key(2), result(20_000, "华东".repeat(50)));

        assertThat(cache.get(key(2))).isNull();
        assertThat(cache.get(key(1))).isNotNull();
        assertThat(cache.bytes()).isEqualTo(small);
    }

    @Test
    void theEntryBoundStillHoldsAndZeroTurnsTheCacheOff() {
        ResultCache two = new ResultCache(2, Long.MAX_VALUE);
        two.put(key(1), result(1, "华东"));
        two.put(key(2), result(1, "华东"));
        two.put(key(3), result(1, "华东"));
        assertThat(two.size()).isEqualTo(2);
        assertThat(two.get(key(1))).isNull();

        ResultCache off = new ResultCache(0, Long.MAX_VALUE);
        off.put(key(1), result(1, "华东"));
        assertThat(off.size()).isZero();
        assertThat(off.bytes()).isZero();
    }

    @Test
    void replacingAnEntryCountsItsBytesOnce() {
        ResultCache cache = new ResultCache(10, Long.MAX_VALUE);
        cache.put(key(1), result(10, "华东"));
        cache.put(key(1), result(20, "华东"));
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.bytes()).isEqualTo(ResultCache.estimate(key(1), result(20, "华东")));
    }
}
