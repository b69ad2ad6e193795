package dev.pulse.warehouse.query;

import dev.pulse.warehouse.EngineException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The engine limits every analyst query runs under, and what a query stopped by one of them is:
 * a {@link SqlLimitException} naming the limit and its configured value.
 *
 * <p>chDB 26.5 takes {@code readonly = 1} in the query's own {@code SETTINGS} together with the
 * other settings (they are applied before read-only takes effect), and then refuses table
 * functions such as {@code file()} even if one slipped past the allow-list. The answer's bytes are
 * counted here, not with the engine's {@code max_result_bytes}: ClickHouse has one overflow mode for
 * result rows and bytes, and rows must be cut ({@code truncated}) rather than refused, which would
 * cut an answer by bytes without saying so.
 */
final class AnalystLimits {

    private final QuerySettings settings;

    AnalystLimits(QuerySettings settings) {
        this.settings = settings;
    }

    /** The {@code SETTINGS} clause appended to every analyst query. */
    String settingsClause() {
        // rows are limited by the engine rather than by a LIMIT around the plan, which would put the
        // analyst's ORDER BY into a subquery whose order ClickHouse need not keep
        return "\nSETTINGS readonly = 1, max_execution_time = " + timeoutSeconds()
                + ", max_rows_to_read = " + settings.maxRowsToRead()
                + ", max_bytes_to_read = " + settings.maxBytesToRead().toBytes()
                + ", max_memory_usage = " + settings.maxMemoryUsage().toBytes()
                + ", max_result_rows = " + settings.maxRows() + ", result_overflow_mode = 'break'"
                // standard SQL: the missing side of an outer join is NULL, not ClickHouse's default value
                + ", join_use_nulls = 1"
                // standard SQL: WHERE and GROUP BY read the view's column, not a select-list alias of the same name
                + ", prefer_column_name_to_alias = 1";
    }

    /** {@code e} as a limit the query crossed, or {@code e} itself when it is another failure. */
    RuntimeException translate(EngineException e) {
        return switch (e.code()) {
            case 158 -> stopped("max_rows_to_read", settings.maxRowsToRead(), "rows read", e);
            case 307 -> stopped("max_bytes_to_read", settings.maxBytesToRead().toBytes(), "bytes read", e);
            case 241 -> stopped("max_memory_usage", settings.maxMemoryUsage().toBytes(), "bytes of memory", e);
            case 159, 160 -> stopped("max_execution_time", timeoutSeconds(), "seconds", e);
            case 396 -> stopped("max_result_rows", settings.maxRows(), "rows in the answer", e);
            default -> e;
        };
    }

    /**
     * @throws SqlLimitException when the values of {@code rows}, as text, take more than
     *     {@code max-result-bytes}
     */
    void checkResultBytes(List<List<Object>> rows) {
        long limit = settings.maxResultBytes().toBytes();
        long bytes = 0;
        for (List<Object> row : rows) {
            for (Object value : row) {
                bytes += value == null ? 4 : String.valueOf(value).getBytes(StandardCharsets.UTF_8).length;
            }
            if (bytes > limit) {
                throw new SqlLimitException(
                        "max_result_bytes",
                        limit,
                        0,
                        "the query was stopped by the limit max_result_bytes (" + limit
                                + " bytes in the answer, its values counted as text); select fewer columns or rows");
            }
        }
    }

    private long timeoutSeconds() {
        return Math.max(1, settings.timeout().toSeconds());
    }

    private static SqlLimitException stopped(String limit, long value, String unit, EngineException e) {
        // the engine's own text names files of the storage path: the code is enough to trace it
        return new SqlLimitException(
                limit,
                value,
                e.code(),
                "the query was stopped by the limit " + limit + " (" + value + " " + unit
                        + "); narrow it with WHERE, join fewer rows or aggregate sooner");
    }
}
