package dev.pulse.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The key filter never calls an added key new, says "maybe" rarely for the others, and grows. */
class KeyFilterTest {

    @Test
    void everyAddedKeyIsFoundAndFewOthersLookAdded() {
        KeyFilter filter = new KeyFilter(100_000);
        IntStream.range(0, 100_000).forEach(i -> filter.add("evt-" + i));

        assertThat(IntStream.range(0, 100_000).allMatch(i -> filter.mightContain("evt-" + i)))
                .isTrue();
        long falsePositives = IntStream.range(0, 100_000)
                .filter(i -> filter.mightContain("other-" + i))
                .count();
        assertThat(falsePositives).as("about 1%% of 100 000 keys never added").isBetween(1L, 2_000L);
    }

    @Test
    void pastItsCapacityItGrowsAndStillFindsEveryKeyWithFewFalsePositives() {
        KeyFilter filter = new KeyFilter(1_000);
        IntStream.range(0, 50_000).forEach(i -> filter.add("订单-" + i));

        assertThat(filter.added()).isEqualTo(50_000);
        assertThat(IntStream.range(0, 50_000).allMatch(i -> filter.mightContain("订单-" + i)))
                .isTrue();
        long falsePositives = IntStream.range(0, 50_000)
                .filter(i -> filter.mightContain("退款-" + i))
                .count();
        assertThat(falsePositives).as("each segment adds about 1%%").isLessThan(4_000L);
    }

    @Test
    void keysAddedFromSeveralThreadsAreAllFound() throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            // small segments, so that the threads often grow the filter under each other
            KeyFilter filter = new KeyFilter(64);
            java.util.List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                int from = t * 10_000;
                threads[t] = Thread.ofPlatform()
                        .uncaughtExceptionHandler((thread, e) -> failures.add(e))
                        .start(() -> IntStream.range(from, from + 10_000).forEach(i -> filter.add("k" + i)));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(failures).isEmpty();
            assertThat(IntStream.range(0, 40_000).allMatch(i -> filter.mightContain("k" + i)))
                    .isTrue();
        }
    }
}
