package dev.pulse.warehouse.query;

import java.util.List;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;

/**
 * Writes a dynamic parameter as ClickHouse's {@code {pN:Type}} placeholder instead of {@code ?},
 * so that the engine binds the value on its side.
 */
final class ParamSqlWriter extends SqlPrettyWriter {

    private final List<String> types;

    /**
     * @param types the ClickHouse type of each parameter, by index
     */
    ParamSqlWriter(SqlDialect dialect, List<String> types) {
        super(SqlPrettyWriter.config()
                .withDialect(dialect)
                .withAlwaysUseParentheses(false)
                .withSelectListItemsOnSeparateLines(false)
                .withUpdateSetListNewline(false)
                .withIndentation(0));
        this.types = types;
    }

    /** The ClickHouse placeholder name of parameter {@code index}. */
    static String name(int index) {
        return "p" + index;
    }

    @Override
    public void dynamicParam(int index) {
        print("{" + name(index) + ":" + types.get(index) + "}");
        setNeedWhitespace(true);
    }
}
