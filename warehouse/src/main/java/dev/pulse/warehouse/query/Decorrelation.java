package dev.pulse.warehouse.query;

import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.tools.RelBuilder;

/**
 * Rewrites correlated subqueries into joins before ClickHouse sees them: ClickHouse evaluates
 * some of them differently from standard SQL (a correlated {@code COUNT(*)} over no rows gives
 * NULL there, 0 in SQL), while Calcite's decorrelation keeps the standard answer. Uncorrelated
 * subqueries stay as they are.
 */
final class Decorrelation {

    private static final HepProgram SUBQUERIES_TO_CORRELATES = HepProgram.builder()
            .addRuleInstance(CoreRules.FILTER_SUB_QUERY_TO_CORRELATE)
            .addRuleInstance(CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE)
            .addRuleInstance(CoreRules.JOIN_SUB_QUERY_TO_CORRELATE)
            .build();

    private Decorrelation() {}

    static RelNode apply(RelNode plan, RelBuilder builder) {
        if (!correlated(plan)) {
            return plan;
        }
        HepPlanner planner = new HepPlanner(SUBQUERIES_TO_CORRELATES);
        planner.setRoot(plan);
        return RelDecorrelator.decorrelateQuery(planner.findBestExp(), builder);
    }

    /** Whether some subquery of the plan refers to a row of an outer query. */
    private static boolean correlated(RelNode plan) {
        Finder finder = new Finder();
        plan.accept(finder);
        return finder.found;
    }

    /** Looks into every expression subquery, at any depth, for a correlation variable. */
    private static final class Finder extends RelHomogeneousShuttle {

        private boolean found;

        @Override
        public RelNode visit(RelNode other) {
            other.accept(new RexShuttle() {
                @Override
                public RexNode visitSubQuery(RexSubQuery subQuery) {
                    found |= !RelOptUtil.getVariablesUsed(subQuery.rel).isEmpty();
                    subQuery.rel.accept(Finder.this);
                    return subQuery;
                }
            });
            return super.visit(other);
        }
    }
}
