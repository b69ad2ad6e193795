package dev.pulse.warehouse.demo;

import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/** Plans the demo campaigns: the national shopping festivals in the period first, then regional ones. */
final class Campaigns {

    private static final String[] REGIONAL = {"新客礼遇", "会员日", "老客回馈", "周末闪购", "门店开业庆典", "社群团购"};
    private static final String[] CHANNELS = {"wechat", "app", "web", "store"};

    private Campaigns() {}

    /**
     * @param count how many campaigns
     * @param first the first day of the period
     * @param end the day after the period
     */
    static List<Campaign> plan(int count, LocalDate first, LocalDate end, RandomGenerator random) {
        List<Campaign> festivals = new ArrayList<>();
        for (int year = first.getYear(); year <= end.getYear(); year++) {
            add(
                    festivals,
                    "618 年中大促 " + year,
                    LocalDate.of(year, Month.JUNE, 1),
                    LocalDate.of(year, Month.JUNE, 18),
                    first,
                    end);
            add(
                    festivals,
                    "双十一狂欢节 " + year,
                    LocalDate.of(year, Month.OCTOBER, 20),
                    LocalDate.of(year, Month.NOVEMBER, 11),
                    first,
                    end);
            add(
                    festivals,
                    "双十二年终盛典 " + year,
                    LocalDate.of(year, Month.DECEMBER, 1),
                    LocalDate.of(year, Month.DECEMBER, 12),
                    first,
                    end);
            LocalDate festival = Seasonality.SPRING_FESTIVAL.get(year);
            if (festival != null) {
                add(festivals, "春节年货节 " + year, festival.minusDays(20), festival.minusDays(1), first, end);
            }
            add(
                    festivals,
                    "国庆黄金周 " + year,
                    LocalDate.of(year, Month.SEPTEMBER, 25),
                    LocalDate.of(year, Month.OCTOBER, 7),
                    first,
                    end);
        }
        festivals.sort(Comparator.comparing(Campaign::start));
        List<Campaign> all = new ArrayList<>();
        int days = (int) (end.toEpochDay() - first.toEpochDay());
        for (int i = 0; i < count; i++) {
            String id = DemoDataGenerator.id("CMP-", i + 1, 3);
            if (i < festivals.size() && i < count * 2 / 5) {
                Campaign f = festivals.get(i);
                long cost = 80_000_000L + random.nextLong(220_000_000L);
                all.add(new Campaign(id, f.name(), "app", f.start(), f.end(), cost, null));
            } else {
                String region = Geography.REGIONS.get(random.nextInt(Geography.REGIONS.size()));
                LocalDate start = first.plusDays(random.nextInt(Math.max(1, days - 30)));
                LocalDate stop = start.plusDays(6 + random.nextInt(24));
                if (!stop.isBefore(end)) {
                    stop = end.minusDays(1);
                }
                String name = region + " " + REGIONAL[random.nextInt(REGIONAL.length)] + " " + start.getYear() + "-"
                        + start.getMonthValue();
                all.add(new Campaign(
                        id,
                        name,
                        CHANNELS[random.nextInt(CHANNELS.length)],
                        start,
                        stop,
                        5_000_000L + random.nextLong(35_000_000L),
                        region));
            }
        }
        return all;
    }

    private static void add(
            List<Campaign> out, String name, LocalDate start, LocalDate stop, LocalDate first, LocalDate end) {
        if (stop.isBefore(first) || !start.isBefore(end)) {
            return;
        }
        LocalDate from = start.isBefore(first) ? first : start;
        LocalDate to = stop.isBefore(end) ? stop : end.minusDays(1);
        out.add(new Campaign(null, name, "app", from, to, 0, null));
    }
}
