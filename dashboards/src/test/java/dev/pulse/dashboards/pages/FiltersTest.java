package dev.pulse.dashboards.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.kernel.InvalidFieldException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The URL filters: presets, explicit dates, and bad values refused naming the parameter. */
class FiltersTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @ParameterizedTest
    @CsvSource({
        "7d,2026-11-16,2026-11-22",
        "30d,2026-10-24,2026-11-22",
        "90d,2026-08-25,2026-11-22",
        "365d,2025-11-23,2026-11-22",
        "ytd,2026-01-01,2026-11-22"
    })
    void presetsEndYesterday(String preset, LocalDate from, LocalDate to) {
        Filters f = Filters.read(null, null, preset, null, null, null, TODAY);
        assertThat(f.from()).isEqualTo(from);
        assertThat(f.to()).isEqualTo(to);
        assertThat(f.preset()).isEqualTo(preset);
    }

    @Test
    void noParametersMeanTheLast90DaysAndDatesMeanACustomRange() {
        assertThat(Filters.read(null, null, null, null, null, null, TODAY))
                .isEqualTo(new Filters(LocalDate.of(2026, 8, 25), LocalDate.of(2026, 11, 22), "90d", "", "", ""));
        assertThat(Filters.read("2026-01-01", "2026-03-31", null, "华东", "大客户", "微信", TODAY))
                .isEqualTo(
                        new Filters(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31), "custom", "华东", "大客户", "微信"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            nullValues = "null",
            value = {
                "2024-02-30|null|null|null|from", "null|yesterday|null|null|to", "2026-05-01|2026-04-01|custom|null|to",
                "null|null|week|null|preset", "0001-01-01|null|null|null|from", "1900-01-01|2026-01-01|null|null|from",
                "null|null|null|<svg/onload=alert(1)>|region", "null|null|null|' OR 1=1 --|region"
            })
    void badValuesNameTheParameter(String from, String to, String preset, String region, String field) {
        assertThatThrownBy(() -> Filters.read(from, to, preset, region, null, null, TODAY))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
