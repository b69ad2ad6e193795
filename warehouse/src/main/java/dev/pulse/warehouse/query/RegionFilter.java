package dev.pulse.warehouse.query;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexNode;

/**
 * The scope's region filter on one view scan, a node of its own type so that {@link SecuredSqlConverter}
 * can unparse it as a derived table: in ClickHouse a select-list alias shadows a column of the same
 * name in the {@code WHERE} of the same {@code SELECT}, so the filter must never share a
 * {@code SELECT} with anything the caller wrote.
 */
final class RegionFilter extends Filter {

    RegionFilter(TableScan scan, RexNode condition) {
        this(scan.getCluster(), scan.getTraitSet(), scan, condition);
    }

    private RegionFilter(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexNode condition) {
        super(cluster, traits, input, condition);
    }

    @Override
    public Filter copy(RelTraitSet traitSet, RelNode input, RexNode condition) {
        return new RegionFilter(getCluster(), traitSet, input, condition);
    }
}
