package dev.pulse.warehouse.query;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
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
 * Refuses plans the engine should not run for an analyst: cross joins and joins without an
 * equality between a column of each side (a join of two fact views on {@code <>}, {@code <} or an
 * {@code OR} compares millions of rows with millions; ClickHouse can only hash-join on equalities),
 * and plans that read no view at all. Conditions written in {@code WHERE} count: they are pushed
 * into the join first, and expressions on one side become columns of that side.
 */
final class JoinGuard extends RelHomogeneousShuttle {

    private static final HepProgram PUSH_CONDITIONS = HepProgram.builder()
            .addRuleInstance(CoreRules.FILTER_INTO_JOIN)
            .addRuleInstance(CoreRules.JOIN_CONDITION_PUSH)
            .addRuleInstance(CoreRules.JOIN_PUSH_EXPRESSIONS)
            .build();

    private boolean readsAView;

    private JoinGuard() {}

    /**
     * @throws SqlRefusedException when some join has no condition, or no equality between its sides
     */
    static void check(RelNode plan) {
        HepPlanner planner = new HepPlanner(PUSH_CONDITIONS);
        planner.setRoot(plan);
        JoinGuard guard = new JoinGuard();
        planner.findBestExp().accept(guard);
        if (!guard.readsAView) {
            throw new SqlRefusedException(
                    "the query reads no view; it must read at least one of " + WarehouseCatalog.views());
        }
    }

    private static void check(Join join) {
        // a side that holds at most one row (an aggregate without GROUP BY) costs nothing to compare with
        var metadata = join.getCluster().getMetadataQuery();
        if (atMostOneRow(metadata.getMaxRowCount(join.getLeft()))
                || atMostOneRow(metadata.getMaxRowCount(join.getRight()))) {
            return;
        }
        if (join.getCondition().isAlwaysTrue()) {
            throw new SqlRefusedException("a join needs a condition: cross joins are not allowed");
        }
        List<Integer> leftKeys = new ArrayList<>();
        List<Integer> rightKeys = new ArrayList<>();
        List<Boolean> nullsEqual = new ArrayList<>();
        RelOptUtil.splitJoinCondition(
                join.getLeft(),
                join.getRight(),
                join.getCondition(),
                leftKeys,
                rightKeys,
                nullsEqual,
                new ArrayList<>());
        if (leftKeys.isEmpty()) {
            throw new SqlRefusedException("a join needs an equality between a column of each side (ON a.x = b.x, "
                    + "in ON or WHERE); a condition of only <>, <, >, BETWEEN, OR or LIKE between its sides would "
                    + "compare every row with every row: non-equi joins are not allowed");
        }
    }

    private static boolean atMostOneRow(Double maxRows) {
        return maxRows != null && maxRows <= 1;
    }

    @Override
    public RelNode visit(RelNode other) {
        if (other instanceof Join join && join.getJoinType() != JoinRelType.SEMI) {
            check(join);
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
