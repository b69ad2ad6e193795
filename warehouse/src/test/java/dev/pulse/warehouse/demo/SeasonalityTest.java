package dev.pulse.warehouse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sales volume by day follows the Chinese retail calendar. */
class SeasonalityTest {

    @ParameterizedTest
    @CsvSource({
        "2026-03-10, 1.0,  an ordinary Tuesday",
        "2026-03-14, 1.15, an ordinary Saturday",
        "2025-11-11, 6.0,  Singles' Day (a Tuesday)",
        "2025-11-05, 1.8,  the week before Singles' Day (a Wednesday)",
        "2026-06-18, 4.0,  618 (a Thursday)",
        "2026-02-18, 0.45, the Spring Festival holiday (a Wednesday)",
        "2026-02-03, 1.4,  stocking up before the Spring Festival (a Tuesday)",
        "2025-12-12, 2.0,  12.12 (a Friday)",
    })
    void weighsDaysByTheCalendar(LocalDate day, double weight, String why) {
        assertThat(Seasonality.weight(day)).as(why).isCloseTo(weight, org.assertj.core.data.Offset.offset(1e-9));
    }

    @ParameterizedTest
    @CsvSource({
        "10, '1,1,1,1',   '3,3,2,2'",
        "7,  '1,2',       '2,5'",
        "0,  '1,1',       '0,0'",
        "5,  '0,1',       '0,5'",
    })
    void apportionsExactly(int total, String weights, String parts) {
        double[] w = java.util.Arrays.stream(weights.split(","))
                .mapToDouble(Double::parseDouble)
                .toArray();
        int[] expected = java.util.Arrays.stream(parts.split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        assertThat(Apportion.exactly(total, w)).containsExactly(expected);
    }
}
