package dev.pulse.surveys.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pauses between delivery attempts of an outbox event. */
class OutboxSettingsTest {

    static final OutboxSettings DEFAULTS = new OutboxSettings(
            Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofDays(7), 10);

    @ParameterizedTest
    @CsvSource({"1, PT10S", "2, PT20S", "3, PT40S", "6, PT5M20S", "7, PT10M", "8, PT10M", "1000, PT10M"})
    void thePauseDoublesAfterEachFailureUpToTheMaximum(int failures, Duration pause) {
        assertThat(DEFAULTS.pauseAfter(failures)).isEqualTo(pause);
    }

    @ParameterizedTest
    @CsvSource({
        "PT0S, PT10S, PT10M, P7D",
        "PT10S, PT-1S, PT10M, P7D",
        "PT10S, PT10M, PT10S, P7D",
        "PT10S, PT10S, PT10M, PT0S"
    })
    void nonsenseSettingsAreRefusedAtStart(Duration interval, Duration first, Duration max, Duration keep) {
        assertThatThrownBy(() -> new OutboxSettings(interval, first, max, keep, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pulse.surveys.outbox");
    }

    @ParameterizedTest
    @CsvSource({"0", "-1"})
    void fewerThanOneAttemptBeforeADeadLetterIsRefusedAtStart(int maxAttempts) {
        assertThatThrownBy(() -> new OutboxSettings(
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(10),
                        Duration.ofDays(7),
                        maxAttempts))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pulse.surveys.outbox.max-attempts");
    }
}
