package dev.pulse.warehouse.query;

import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;

/**
 * The text that identifies a parameterized plan for the plan cache: its explanation plus the
 * field names of every node (subqueries included), because the explanation abbreviates a renaming
 * projection to {@code inputs=[0]} and the names end up in the SQL as aliases.
 */
final class PlanShape extends RelHomogeneousShuttle {

    private final StringBuilder names = new StringBuilder();

    private PlanShape() {}

    static String of(RelNode plan) {
        PlanShape shape = new PlanShape();
        plan.accept(shape);
        return RelOptUtil.toString(plan) + shape.names;
    }

    @Override
    public RelNode visit(RelNode other) {
        names.append(other.getRowType().getFieldNames()).append('\n');
        other.accept(new RexShuttle() {
            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                subQuery.rel.accept(PlanShape.this);
                return subQuery;
            }
        });
        return super.visit(other);
    }
}
