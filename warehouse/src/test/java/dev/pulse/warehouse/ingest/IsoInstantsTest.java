package dev.pulse.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast timestamp path agrees with the strict ISO-8601 formatter or steps aside for it. */
class IsoInstantsTest {

    private static final DateTimeFormatter STRICT =
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.withResolverStyle(ResolverStyle.STRICT);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-05-01T08:00:00Z", "2026-05-01T08:00:00+08:00", "2026-05-01T08:00:00-03:30",
                "2026-05-01T08:00:00.1Z", "2026-05-01T08:00:00.123+08:00", "2026-05-01T08:00:00.123456789Z",
                "2024-02-29T23:59:59+18:00", "2026-12-31T00:00:00-18:00", "2026-05-01T08:00:00-00:00"
            })
    void readsTheCommonShapeExactlyAsTheStrictFormatterDoes(String text) {
        assertThat(IsoInstants.parse(text))
                .isEqualTo(OffsetDateTime.parse(text, STRICT).toInstant());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-02-29T08:00:00Z",
                "2026-04-31T08:00:00Z",
                "2026-13-01T08:00:00Z",
                "2026-05-01T24:00:00Z",
                "2026-05-01T08:60:00Z",
                "2026-05-01T08:00:60Z",
                "2026-05-01T08:00:00+18:01",
                "2026-05-01T08:00:00+19:00",
                "2026-05-01T08:00:00",
                "2026-05-01 08:00:00Z",
                "2026-05-01T08:00Z",
                "2026-05-01T08:00:00.Z",
                "2026-05-01T08:00:00.1234567890Z",
                "2026-05-01t08:00:00z",
                "2026-05-01T08:00:00+0800",
                "2026-05-01T08:00:00+08:00:30",
                "+2026-05-01T08:00:00Z",
                "２０２６-05-01T08:00:00Z",
                "1777622400"
            })
    void leavesEveryOtherShapeToTheStrictFormatter(String text) {
        assertThat(IsoInstants.parse(text)).isNull();
    }

    @Test
    void agreesWithTheStrictFormatterOnRandomMutationsOfValidTimestamps() {
        SplittableRandom random = new SplittableRandom(42);
        String alphabet = "0123456789-:T.Z+ z";
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    946_684_800L + random.nextLong(2_000_000_000L), random.nextInt(1_000_000_000));
            StringBuilder text = new StringBuilder(instant.toString());
            for (int m = random.nextInt(3); m > 0; m--) {
                text.setCharAt(random.nextInt(text.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Instant fast = IsoInstants.parse(text.toString());
            if (fast != null) {
                assertThat(fast)
                        .as(text.toString())
                        .isEqualTo(OffsetDateTime.parse(text, STRICT).toInstant());
            } else {
                assertThat(strictOrNull(text.toString()))
                        .as(text.toString())
                        .satisfiesAnyOf(
                                strict -> assertThat(strict).isNull(),
                                strict -> assertThat(text.toString())
                                        .doesNotMatch("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z"));
            }
        }
    }

    @Test
    void writesTheUtcTextClickHouseReadsTruncatedToMilliseconds() {
        assertThat(IsoInstants.clickHouseText(Instant.parse("2026-05-01T00:00:00.123456Z")))
                .isEqualTo("2026-05-01 00:00:00.123");
        assertThat(IsoInstants.clickHouseText(Instant.parse("2000-01-01T09:05:03Z")))
                .isEqualTo("2000-01-01 09:05:03.000");
        SplittableRandom random = new SplittableRandom(7);
        DateTimeFormatter reference =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(253_402_300_799L), random.nextInt(1_000_000_000));
            assertThat(IsoInstants.clickHouseText(instant)).isEqualTo(reference.format(instant));
        }
    }

    private static Instant strictOrNull(String text) {
        try {
            return OffsetDateTime.parse(text, STRICT).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
