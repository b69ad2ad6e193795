package dev.pulse.warehouse.query;

import dev.pulse.kernel.Scope;
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
}
