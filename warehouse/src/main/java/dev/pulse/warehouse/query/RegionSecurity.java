package dev.pulse.warehouse.query;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.Util;

/**
 * Puts a region filter ({@link RegionFilter}) directly on top of every scan of a warehouse view, wherever the scan is:
 * under joins, unions and CTEs (plain inputs) and inside {@code IN}, {@code EXISTS} and scalar
 * subqueries (plans held by a {@link RexSubQuery} in some expression).
 *
 * <p>The filter compares {@code region} with bound parameters {@code first .. first + n - 1}, one
 * per region of the scope, so the SQL text depends on the number of regions, never their names.
 * Campaigns with an empty region are national: every scope sees them; the empty string is bound
 * too, as parameter {@code first + n}, used only when the plan reads {@code campaigns}.
 */
final class RegionSecurity extends RelHomogeneousShuttle {

    private final int firstParam;
    private final int regionCount;
    private boolean readsCampaigns;
    private int scans;

    /**
     * @param firstParam the index of the dynamic parameter bound to the first region
     * @param regionCount how many regions the scope has, at least one
     */
    RegionSecurity(int firstParam, int regionCount) {
        if (regionCount < 1) {
            throw new IllegalArgumentException("a scope limits to at least one region");
        }
        this.firstParam = firstParam;
        this.regionCount = regionCount;
    }

    @Override
    public RelNode visit(RelNode other) {
        if (other instanceof TableScan scan) {
            return restrict(scan);
        }
        RelNode withSecuredInputs = super.visit(other);
        return withSecuredInputs.accept(new RexShuttle() {
            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                RexSubQuery withOperands = (RexSubQuery) super.visitSubQuery(subQuery);
                return withOperands.clone(subQuery.rel.accept(RegionSecurity.this));
            }
        });
    }

    /** Whether the secured plan uses the parameter for national campaigns. */
    boolean readsCampaigns() {
        return readsCampaigns;
    }

    /** How many scans got a filter; without any, no region parameter is bound. */
    int scans() {
        return scans;
    }

    private RelNode restrict(TableScan scan) {
        scans++;
        String view = Util.last(scan.getTable().getQualifiedName());
        RelDataTypeField region = scan.getRowType().getField(WarehouseCatalog.REGION, false, false);
        if (region == null) {
            // every view has a region; a table without one is not ours and must not be read
            throw new IllegalStateException("no region column on " + view + ", cannot secure it");
        }
        RexBuilder rex = scan.getCluster().getRexBuilder();
        RexNode column = rex.makeInputRef(scan, region.getIndex());
        RelDataType varchar = scan.getCluster().getTypeFactory().createSqlType(SqlTypeName.VARCHAR);
        List<RexNode> allowed = new ArrayList<>();
        for (int i = 0; i < regionCount; i++) {
            allowed.add(
                    rex.makeCall(SqlStdOperatorTable.EQUALS, column, rex.makeDynamicParam(varchar, firstParam + i)));
        }
        if (WarehouseCatalog.CAMPAIGNS.equals(view)) {
            readsCampaigns = true;
            RexNode national = rex.makeDynamicParam(varchar, firstParam + regionCount);
            allowed.add(rex.makeCall(SqlStdOperatorTable.EQUALS, column, national));
        }
        return new RegionFilter(scan, RexUtil.composeDisjunction(rex, allowed));
    }
}
