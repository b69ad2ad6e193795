package dev.pulse.warehouse.metrics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.warehouse.metrics.MetricQuery;
import dev.pulse.warehouse.metrics.MetricQuery.Comparison;
import dev.pulse.warehouse.metrics.MetricQuery.Direction;
import dev.pulse.warehouse.metrics.MetricQuery.Filter;
import dev.pulse.warehouse.metrics.MetricQuery.Op;
import dev.pulse.warehouse.metrics.MetricQuery.Order;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** The body of {@code POST /api/v1/query}: the issue's example reads as written; every malformed field is named. */
class QueryRequestReaderTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void readsTheExampleOfTheIssue() {
        MetricQuery q = QueryRequestReader.read(JSON.readTree("""
                {"metrics": ["nps", "responses"], "dimensions": ["region", "month"],
                 "filters": [{"dimension": "region", "op": "in", "values": ["华东", "华南"]}],
                 "from": "2025-01-01", "to": "2026-07-01", "orderBy": [{"field": "nps", "direction": "desc"}], "limit": 500,
                 "compareTo": "previous_period"}"""));
        assertThat(q)
                .isEqualTo(new MetricQuery(
                        List.of("nps", "responses"),
                        List.of("region", "month"),
                        List.of(new Filter("region", Op.IN, List.of("华东", "华南"))),
                        LocalDate.of(2025, 1, 1),
                        LocalDate.of(2026, 7, 1),
                        List.of(new Order("nps", Direction.DESC)),
                        500,
                        Comparison.PREVIOUS_PERIOD));
    }

    @Test
    void leavesOutOptionalFields() {
        MetricQuery q = QueryRequestReader.read(
                JSON.readTree("{\"metrics\":[\"orders\"],\"from\":\"2026-01-01\",\"to\":\"2026-02-01\"}"));
        assertThat(q)
                .isEqualTo(MetricQuery.of(
                        List.of("orders"), List.of(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1)));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "[]                                                         | body                | the body must be a JSON object",
                "{\"metric\": [\"nps\"]}                                   | metric              | unknown field 'metric'; known fields are [compareTo, dimensions, filters, from, limit, metrics, orderBy, to]",
                "{\"metrics\": \"nps\"}                                    | metrics             | metrics must be an array",
                "{\"metrics\": [\"nps\", 7]}                               | metrics[1]          | metrics[1] must be a string",
                "{\"dimensions\": [{}]}                                    | dimensions[0]       | dimensions[0] must be a string",
                "{\"filters\": {}}                                         | filters             | filters must be an array",
                "{\"filters\": [\"region\"]}                               | filters[0]          | filters[0] must be an object",
                "{\"filters\": [{\"dimension\": \"region\", \"op\": \"like\"}]} | filters[0].op   | 'like' is not one of [eq, in, ne, not_in]",
                "{\"filters\": [{\"dimension\": \"region\", \"value\": [\"x\"]}]} | filters[0].value | unknown field 'value'; known fields are [dimension, op, values]",
                "{\"filters\": [{\"dimension\": \"region\", \"op\": \"in\", \"values\": [1]}]} | filters[0].values[0] | filters[0].values[0] must be a string",
                "{\"from\": \"2026-02-30\"}                                | from                | '2026-02-30' is not a date (yyyy-MM-dd)",
                "{\"to\": 20260101}                                        | to                  | to must be a string",
                "{\"limit\": \"500\"}                                      | limit               | limit must be a whole number",
                "{\"limit\": 1.5}                                          | limit               | limit must be a whole number",
                "{\"limit\": 1e12}                                         | limit               | limit must be a whole number",
                "{\"orderBy\": [{\"field\": \"nps\", \"direction\": \"up\"}]} | orderBy[0].direction | 'up' is not one of [asc, desc]",
                "{\"compareTo\": \"last_week\"}                            | compareTo           | 'last_week' is not one of [previous_period, previous_year]"
            })
    void namesTheMalformedField(String body, String field, String message) {
        assertThatThrownBy(() -> QueryRequestReader.read(JSON.readTree(body)))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo(field));
    }
}
