package dev.pulse.dashboards;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Metric requests that try to reach past a 华东 scope, for the tests of every path that takes one: the same request
 * narrowed to 华东 with one more filter is what an executive asks to get the answer the manager must get.
 */
public final class RegionShapes {

    private RegionShapes() {}

    /** Filters a manager may send to reach past 华东; the executive's answer adds {@code region eq 华东}. */
    public static final List<String> FILTERS = List.of(
            "",
            "{\"dimension\":\"region\",\"op\":\"in\",\"values\":[\"华南\",\"华北\",\"西南\"]}",
            "{\"dimension\":\"region\",\"op\":\"ne\",\"values\":[\"华东\"]}",
            "{\"dimension\":\"region\",\"op\":\"not_in\",\"values\":[\"华东\"]}",
            "{\"dimension\":\"region\",\"op\":\"in\",\"values\":[\"华东\",\"华南\"]}",
            "{\"dimension\":\"region\",\"op\":\"eq\",\"values\":[\"华东' OR '1'='1\"]}",
            "{\"dimension\":\"province\",\"op\":\"in\",\"values\":[\"广东\",\"上海\",\"北京\"]}");

    /**
     * A metric request over the last 200 days, ordered by its dimensions.
     *
     * @param metrics comma-separated metric names
     * @param dimensions comma-separated dimension names, may be empty
     * @param filter one filter as JSON, or empty
     * @param narrowedToTheEast whether to add {@code region eq 华东}
     */
    public static String metricRequest(String metrics, String dimensions, String filter, boolean narrowedToTheEast) {
        List<String> filters = new ArrayList<>();
        if (!filter.isEmpty()) {
            filters.add(filter);
        }
        if (narrowedToTheEast) {
            filters.add("{\"dimension\":\"region\",\"op\":\"eq\",\"values\":[\"华东\"]}");
        }
        LocalDate today = LocalDate.now();
        return "{\"metrics\":" + quoted(metrics) + ",\"dimensions\":" + quoted(dimensions)
                + ",\"from\":\"" + today.minusDays(200) + "\",\"to\":\"" + today + "\",\"filters\":["
                + String.join(",", filters) + "]"
                + (dimensions.isEmpty()
                        ? ""
                        : ",\"orderBy\":["
                                + Stream.of(dimensions.split(","))
                                        .map(d -> "{\"field\":\"" + d + "\",\"direction\":\"asc\"}")
                                        .reduce((a, b) -> a + "," + b)
                                        .orElseThrow()
                                + "]")
                + "}";
    }

    static String quoted(String csv) {
        return csv.isEmpty() ? "[]" : "[\"" + String.join("\",\"", csv.split(",")) + "\"]";
    }
}
