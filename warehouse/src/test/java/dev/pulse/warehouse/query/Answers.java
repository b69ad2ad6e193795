package dev.pulse.warehouse.query;

import dev.pulse.kernel.Caller;
import dev.pulse.warehouse.EngineException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;

/** Analyst answers in a form two runs can be compared in: integers of any width as longs, decimals without trailing zeros. */
final class Answers {

    private Answers() {}

    /** Rows, or why the query layer or the engine would not give them; exactly one is null. */
    record Outcome(List<List<Object>> rows, String error) {}

    /** Runs {@code sql}; a refusal (by its reason), an engine error (by its code) or another failure (by its class) is an outcome too. */
    static Outcome run(AnalystSql analystSql, String sql, Caller caller) {
        try {
            return new Outcome(of(analystSql.run(sql, caller)), null);
        } catch (SqlRefusedException e) {
            return new Outcome(null, "refused: " + e.getMessage());
        } catch (EngineException e) {
            // the text quotes the compiled SQL, which differs between a scoped and an unscoped run
            return new Outcome(null, "engine error " + e.code());
        } catch (RuntimeException e) {
            // a query the layer cannot write for ClickHouse (Calcite's unparser fails on some nested joins):
            // no rows for anyone, but named apart so that a report can count it
            return new Outcome(null, "unexpected " + e.getClass().getSimpleName());
        }
    }

    /** Whether the outer query orders its rows (an ORDER BY outside every OVER clause). */
    static boolean ordered(String sql) {
        return sql.replaceAll("OVER \\([^)]*\\)", "").contains("ORDER BY");
    }

    static List<List<Object>> of(AnalystSqlResult result) {
        return result.rows().stream()
                .map(row -> row.stream().map(Answers::value).toList())
                .toList();
    }

    /** The rows in a fixed order, for comparing multisets. */
    static List<List<Object>> sorted(List<List<Object>> rows) {
        return rows.stream().sorted(Comparator.comparing(Object::toString)).toList();
    }

    private static Object value(Object v) {
        return switch (v) {
            case BigInteger i -> i.longValue();
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case BigDecimal d -> d.stripTrailingZeros();
            case null -> null;
            default -> v;
        };
    }
}
