package dev.pulse.warehouse.query;

import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.rel2sql.RelToSqlConverter;
import org.apache.calcite.rel.rel2sql.SqlImplementor;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.Util;

/**
 * Calcite's plan-to-SQL converter, except that a {@link RegionFilter} becomes a derived table of its
 * own, {@code (SELECT * FROM view WHERE region = ...) AS view}, which the caller's projection, filters
 * and aliases sit on top of and cannot reach into.
 */
final class SecuredSqlConverter extends RelToSqlConverter {

    SecuredSqlConverter(SqlDialect dialect) {
        super(dialect);
    }

    @Override
    protected SqlImplementor.Result dispatch(RelNode node) {
        // not a visit(RegionFilter) method: the reflective dispatcher cannot call into a package-private class
        return node instanceof RegionFilter filter ? secured(filter) : super.dispatch(node);
    }

    private SqlImplementor.Result secured(RegionFilter filter) {
        SqlNode secured = visit((Filter) filter).asSelect();
        String view = Util.last(filter.getInput().getTable().getQualifiedName());
        SqlNode derived = SqlStdOperatorTable.AS.createCall(
                SqlParserPos.ZERO, secured, new SqlIdentifier(view, SqlParserPos.ZERO));
        // FROM only: the next clause, whatever it is, wraps this table instead of merging into its SELECT
        return result(derived, List.of(Clause.FROM), filter, null);
    }
}
