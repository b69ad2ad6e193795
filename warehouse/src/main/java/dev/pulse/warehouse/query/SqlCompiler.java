package dev.pulse.warehouse.query;

import dev.pulse.kernel.Scope;
import java.time.ZoneId;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.RelBuilder;

/**
 * The one choke point between a plan and ClickHouse: every plan, from a metric request or from
 * analyst SQL, becomes SQL here, under the caller's scope.
 */
public interface SqlCompiler {

    /**
     * A fresh builder over the warehouse views ({@code customers}, {@code transactions},
     * {@code survey_responses}, {@code feedback}, {@code campaigns}); not thread-safe, one per plan.
     */
    RelBuilder builder();

    /**
     * Restricts every read of a fact view in {@code plan} (including subqueries, CTEs, unions and
     * joins) to the regions of {@code scope}, then unparses it for ClickHouse.
     *
     * @param plan a plan built with {@link #builder()} or converted from analyst SQL, must not be null
     * @param scope the caller's regions, must not be null
     * @return ClickHouse SQL whose values are all {@code {name:Type}} parameters, with those parameters
     */
    CompiledQuery compile(RelNode plan, Scope scope);

    /**
     * A compiler of its own, outside the application's, e.g. for a benchmark that measures compile
     * time with and without the plan cache.
     *
     * @param database the ClickHouse database of the warehouse views
     * @param zone the zone of {@code pulse.timezone}
     * @param planCacheSize how many compiled plans to keep; 0 for none
     */
    static SqlCompiler standalone(String database, ZoneId zone, int planCacheSize) {
        return new CalciteSqlCompiler(database, zone, planCacheSize);
    }
}
