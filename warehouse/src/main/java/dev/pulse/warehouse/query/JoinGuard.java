package dev.pulse.warehouse.query;

import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;

/**
 * Refuses plans the engine should not run for an analyst: cross joins (a join of two fact views
 * without a condition multiplies millions of rows by millions; conditions written in
 * {@code WHERE} count, they are pushed into the join first) and plans that read no view at all.
 */
final class JoinGuard extends RelHomogeneousShuttle {

    private static final HepProgram PUSH_CONDITIONS = HepProgram.builder()
            .addRuleInstance(CoreRules.FILTER_INTO_JOIN)
            .addRuleInstance(CoreRules.JOIN_CONDITION_PUSH)
            .build();

    private boolean readsAView;

    private JoinGuard() {}

    /**
     * @throws SqlRefusedException when some join has no condition
     */
    static void check(RelNode plan) {
        HepPlanner planner = new HepPlanner(PUSH_CONDITIONS);
        planner.setRoot(plan);
        JoinGuard guard = new JoinGuard();
        planner.findBestExp().accept(guard);
        if (!guard.readsAView) {
            throw new SqlRefusedException("the query reads no view; it must read at least one of " + WarehouseCatalog.views());
        }
    }

    @Override
    public RelNode visit(RelNode other) {
        if (other instanceof Join join && join.getJoinType() != JoinRelType.SEMI && join.getCondition().isAlwaysTrue()) {
            throw new SqlRefusedException("a join needs a condition: cross joins are not allowed");
        }
        if (other instanceof TableScan) {
            readsAView = true;
        }
        RelNode visited = super.visit(other);
        visited.accept(new RexShuttle() {
            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                subQuery.rel.accept(JoinGuard.this);
                return subQuery;
            }
        });
        return visited;
    }
}
