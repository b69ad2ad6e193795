package dev.pulse.warehouse.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Map;

/**
 * How much Chinese customers buy on a given day relative to an ordinary weekday: the 11.11 and
 * 618 shopping festivals, 12.12, and the Spring Festival (shopping before it, a lull during it).
 */
final class Seasonality {

    /** First day of the Spring Festival (农历正月初一) by year. */
    static final Map<Integer, LocalDate> SPRING_FESTIVAL = Map.of(
            2023, LocalDate.of(2023, 1, 22),
            2024, LocalDate.of(2024, 2, 10),
            2025, LocalDate.of(2025, 1, 29),
            2026, LocalDate.of(2026, 2, 17),
            2027, LocalDate.of(2027, 2, 6),
            2028, LocalDate.of(2028, 1, 26),
            2029, LocalDate.of(2029, 2, 13),
            2030, LocalDate.of(2030, 2, 3));

    private Seasonality() {}

    /** The relative sales volume of {@code day}; 1 is an ordinary weekday. */
    static double weight(LocalDate day) {
        double w = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY ? 1.15 : 1.0;
        return w * singlesDay(day) * midYear(day) * doubleTwelve(day) * springFestival(day);
    }

    private static double singlesDay(LocalDate day) {
        LocalDate peak = LocalDate.of(day.getYear(), Month.NOVEMBER, 11);
        long d = day.toEpochDay() - peak.toEpochDay();
        if (d == 0) {
            return 6.0;
        }
        if (d == -1) {
            return 2.5;
        }
        if (d >= -10 && d < -1) {
            return 1.8;
        }
        if (d >= -22 && d < -10) {
            return 1.3;
        }
        return d > 0 && d <= 2 ? 1.3 : 1.0;
    }

    private static double midYear(LocalDate day) {
        LocalDate peak = LocalDate.of(day.getYear(), Month.JUNE, 18);
        long d = day.toEpochDay() - peak.toEpochDay();
        if (d == 0) {
            return 4.0;
        }
        if (d >= -2 && d < 0) {
            return 2.0;
        }
        return d >= -17 && d < -2 ? 1.5 : 1.0;
    }

    private static double doubleTwelve(LocalDate day) {
        return day.getMonth() == Month.DECEMBER && day.getDayOfMonth() == 12 ? 2.0 : 1.0;
    }

    private static double springFestival(LocalDate day) {
        for (int year = day.getYear(); year <= day.getYear() + 1; year++) {
            LocalDate festival = SPRING_FESTIVAL.get(year);
            if (festival == null) {
                continue;
            }
            long d = day.toEpochDay() - festival.toEpochDay();
            if (d >= -20 && d < -7) {
                return 1.4; // 年货: stocking up for the holiday
            }
            if (d >= -7 && d <= 6) {
                return 0.45; // shops closed, people travelling home
            }
        }
        return 1.0;
    }
}
