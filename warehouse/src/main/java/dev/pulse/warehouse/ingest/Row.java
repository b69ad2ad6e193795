package dev.pulse.warehouse.ingest;

import java.util.Map;

/**
 * A valid record ready to store: column values by name, in column order.
 *
 * @param line where the record started, for reporting
 * @param values Java values: String, Instant, LocalDate, BigDecimal, Integer, a list of strings (themes) or null
 */
record Row(long line, Map<String, Object> values) {

    String key(String field) {
        return (String) values.get(field);
    }
}
