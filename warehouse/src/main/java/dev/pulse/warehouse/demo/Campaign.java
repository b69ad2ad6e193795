package dev.pulse.warehouse.demo;

import java.time.LocalDate;

/** A marketing campaign of the demo data; {@code region} null means national. */
record Campaign(String id, String name, String channel, LocalDate start, LocalDate end, long costCents, String region) {

    boolean activeOn(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }
}
