package dev.pulse.warehouse.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;

/**
 * Turns every value literal of a plan (in any expression, subqueries included) into a dynamic
 * parameter and remembers its value, so that plans differing only in values have the same shape
 * and no value ever reaches the SQL text.
 *
 * <p>Kept as literals: NULL, symbols and intervals (they are syntax, not values), and the
 * {@code LIMIT}/{@code OFFSET} of a sort, which are plain numbers. Literal rows ({@code VALUES})
 * are refused.
 */
final class Parameterizer extends RelHomogeneousShuttle {

    private final List<Object> values = new ArrayList<>();
    private final List<RelDataType> types = new ArrayList<>();

    /** The plan with parameters in place of literals, and the values in parameter order. */
    record Result(RelNode plan, List<Object> values, List<RelDataType> types) {}

    static Result apply(RelNode plan) {
        Parameterizer parameterizer = new Parameterizer();
        RelNode result = plan.accept(parameterizer);
        return new Result(result, List.copyOf(parameterizer.values), List.copyOf(parameterizer.types));
    }

    @Override
    public RelNode visit(RelNode other) {
        RelNode visited = super.visit(other);
        if (visited instanceof Values rows && !rows.getTuples().isEmpty()) {
            // literal rows would reach the SQL text as they are
            throw new IllegalArgumentException("plans with literal rows (VALUES) cannot be compiled; read a view");
        }
        if (visited instanceof Sort) {
            return visited;
        }
        RexBuilder rex = visited.getCluster().getRexBuilder();
        return visited.accept(new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                if (call.getKind() == SqlKind.SEARCH) {
                    // a Sarg holds many values in one literal: spell it out first
                    return RexUtil.expandSearch(rex, null, call).accept(this);
                }
                // an expanded SEARCH inside AND/OR nests a condition Calcite requires to be flat
                RexNode visited = super.visitCall(call);
                return visited.getKind() == SqlKind.AND || visited.getKind() == SqlKind.OR
                        ? RexUtil.flatten(rex, visited)
                        : visited;
            }

            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                RexSubQuery withOperands = (RexSubQuery) super.visitSubQuery(subQuery);
                return withOperands.clone(subQuery.rel.accept(Parameterizer.this));
            }

            @Override
            public RexNode visitLiteral(RexLiteral literal) {
                Object value = valueOf(literal);
                if (value == null) {
                    return literal;
                }
                values.add(value);
                types.add(literal.getType());
                return rex.makeDynamicParam(literal.getType(), values.size() - 1);
            }
        });
    }

    /** The Java value the engine binds for {@code literal}, or null to keep it as SQL syntax. */
    private static Object valueOf(RexLiteral literal) {
        if (literal.isNull()) {
            return null;
        }
        return switch (literal.getType().getSqlTypeName()) {
            case CHAR, VARCHAR -> literal.getValueAs(NlsString.class).getValue();
            case BOOLEAN -> literal.getValueAs(Boolean.class);
            case TINYINT, SMALLINT, INTEGER, BIGINT -> literal.getValueAs(Long.class);
            case DECIMAL -> literal.getValueAs(BigDecimal.class);
            case FLOAT, REAL, DOUBLE -> literal.getValueAs(Double.class);
            case DATE -> LocalDate.parse(literal.getValueAs(DateString.class).toString());
            case TIMESTAMP -> toInstant(literal.getValueAs(TimestampString.class));
            default -> null;
        };
    }

    /** Timestamps in the warehouse are UTC; a timestamp literal is read the same way. */
    private static Instant toInstant(TimestampString timestamp) {
        return Instant.ofEpochMilli(timestamp.getMillisSinceEpoch());
    }
}
