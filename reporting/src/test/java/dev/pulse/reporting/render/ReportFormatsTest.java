package dev.pulse.reporting.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.reporting.Kpi.Unit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How numbers are written in Chinese reports. */
class ReportFormatsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "42.15        | SCORE    | 42.2",
                "-7.04        | SCORE    | -7.0",
                "86.549       | PERCENT  | 86.5%",
                "2.315        | AVERAGE  | 2.32",
                "9876.5       | AMOUNT   | 9,876.50",
                "10000        | AMOUNT   | 1.00万",
                "61000000     | AMOUNT   | 6,100.00万",
                "123456789    | AMOUNT   | 1.23亿",
                "-250000      | AMOUNT   | -25.00万",
                "1234567890123| AMOUNT   | 12,345.68亿",
                "9999         | COUNT    | 9,999",
                "45678        | COUNT    | 4.57万",
                "4.567        | RATE     | 4.57",
                "3.2          | MULTIPLE | 3.20"
            })
    void valuesAreWrittenForTheirUnit(double value, Unit unit, String expected) {
        assertThat(ReportFormats.value(value, unit)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "42.13 | 38.0  | SCORE   | +4.1",
                "38.0  | 42.13 | SCORE   | -4.1",
                "40.0  | 40.0  | SCORE   | +0.0",
                "86.54 | 85.1  | PERCENT | +1.4pp",
                "110   | 100   | AMOUNT  | +10.0%",
                "90    | 100   | COUNT   | -10.0%",
                "90    | 0     | COUNT   | —"
            })
    void changesAreSignedAndRelativeForAmounts(double value, double previous, Unit unit, String expected) {
        assertThat(ReportFormats.change(value, previous, unit)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"SCORE", "PERCENT", "AMOUNT", "COUNT"})
    void missingValuesAreADash(Unit unit) {
        assertThat(ReportFormats.value(null, unit)).isEqualTo("—");
        assertThat(ReportFormats.value(Double.NaN, unit)).isEqualTo("—");
        assertThat(ReportFormats.change(1.0, null, unit)).isEqualTo("—");
        assertThat(ReportFormats.interval(1.0, null, unit)).isEqualTo("—");
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "true,  false, 显著", "false, false, 不显著", "null, false, —",
                "true,  true,  样本不足", "false, true,  样本不足", "null, true,  —"
            })
    void significanceIsNamedInChineseAndSmallSamplesAreFlagged(
            Boolean significant, boolean smallSample, String expected) {
        assertThat(ReportFormats.significance(significant, smallSample)).isEqualTo(expected);
    }
}
