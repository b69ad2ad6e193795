package dev.pulse.warehouse.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The statistics against values worked out by hand (formulas in the Statistics Javadoc). */
class StatisticsTest {

    @ParameterizedTest(name = "n={0} promoters={1} detractors={2} -> ±{3}")
    @CsvSource({
        // p = .5, d = .2: variance = .7 - .3² = .61; 100 · 1.96 · sqrt(.61 / 100)
        "100, 50, 20, 15.3078",
        // p = .7, d = .1: variance = .8 - .6² = .44; 100 · 1.96 · sqrt(.44 / 10)
        "10, 7, 1, 41.1126",
        // everyone a promoter: no spread, no uncertainty
        "40, 40, 0, 0.0",
        // half promoters, half detractors: variance 1, 100 · 1.96 / sqrt(4)
        "4, 2, 2, 97.9982"
    })
    void npsConfidenceHalfWidth(long n, long promoters, long detractors, double expected) {
        assertThat(Statistics.npsCi95HalfWidth(n, promoters, detractors)).isCloseTo(expected, within(1e-4));
    }

    @Test
    void noResponsesHaveNoInterval() {
        assertThat(Statistics.npsCi95HalfWidth(0, 0, 0)).isNull();
    }

    @Test
    void npsChangeOfTwentyPointsOnHundredResponsesIsNotSignificant() {
        // a: mean .3, variance .61; b: mean .1, variance .4 + .3 - .1² = .69; z = .2 / sqrt(.0061 + .0069)
        Double z = Statistics.npsZ(100, 50, 20, 100, 40, 30);
        assertThat(z).isCloseTo(1.7541, within(1e-4));
        assertThat(Statistics.significant(z)).isFalse();
    }

    @Test
    void npsChangeOfTwentyPointsOnThousandResponsesIsSignificant() {
        Double z = Statistics.npsZ(1000, 500, 200, 1000, 400, 300);
        assertThat(z).isCloseTo(1.7541 * Math.sqrt(10), within(1e-3));
        assertThat(Statistics.significant(z)).isTrue();
    }

    @Test
    void twoProportionTestUsesThePooledShare() {
        // pooled .7; se = sqrt(.7 · .3 · (1/100 + 1/100)); z = (.8 - .6) / se
        Double z = Statistics.proportionZ(80, 100, 60, 100);
        assertThat(z).isCloseTo(3.0861, within(1e-4));
        assertThat(Statistics.significant(z)).isTrue();
        assertThat(Statistics.proportionZ(60, 100, 80, 100)).isCloseTo(-3.0861, within(1e-4));
        assertThat(Statistics.significant(Statistics.proportionZ(52, 100, 50, 100)))
                .isFalse();
    }

    @Test
    void emptyOrConstantSamples() {
        assertThat(Statistics.proportionZ(0, 0, 5, 10)).isNull();
        assertThat(Statistics.significant(null)).isNull();
        assertThat(Statistics.npsZ(10, 10, 0, 10, 10, 0)).isEqualTo(0.0);
        assertThat(Statistics.significant(Statistics.npsZ(10, 10, 0, 10, 0, 10)))
                .isTrue();
    }
}
