package dev.pulse.warehouse.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kernel.Scope;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ClickHouse SQL of the analyst queries that read every region before the scope filter became a
 * derived table of its own (issue 11): the filter sits in a {@code SELECT *} that the caller's alias
 * named {@code region} cannot reach.
 */
class AnalystSqlSecuredSqlTest {

    // no engine: compiling is all this test looks at
    final AnalystSql analystSql = new AnalystSql(
            new CalciteSqlCompiler("pulse", ZoneId.of("Asia/Shanghai"), 100), null, QuerySettings.defaults());
    final Scope east = Scope.of(Set.of("华东"));

    @Test
    void aConstantAliasedRegionSitsOnTopOfTheSecuredScan() {
        CompiledQuery q = analystSql.compile("SELECT customer_id, email, '华东' AS region FROM customers", east);

        assertThat(q.sql()).isEqualTo("""
                SELECT `customer_id`, `email`, {p0:String} AS `region`
                FROM (SELECT *
                FROM `pulse`.`customers`
                WHERE `region` = {p1:String}) AS `customers`""");
        assertThat(q.params()).isEqualTo(Map.of("p0", "华东", "p1", "华东"));
    }

    @Test
    void aConstantAliasedRegionNextToAggregatesSitsOnTopOfTheSecuredScan() {
        CompiledQuery q =
                analystSql.compile("SELECT '华东' AS region, count(*) AS n, sum(amount) AS s FROM transactions", east);

        assertThat(q.sql()).isEqualTo("""
                SELECT {p0:String} AS `region`, COUNT(*) AS `n`, SUM(`amount`) AS `s`
                FROM (SELECT *
                FROM `pulse`.`transactions`
                WHERE `region` = {p1:String}) AS `transactions`""");
        assertThat(q.params()).isEqualTo(Map.of("p0", "华东", "p1", "华东"));
    }

    @Test
    void everyBranchOfAUnionHasItsOwnSecuredScan() {
        CompiledQuery q = analystSql.compile(
                "SELECT event_id, '华东' AS region FROM transactions UNION ALL SELECT event_id, UPPER(region) AS region FROM feedback",
                east);

        assertThat(q.sql()).isEqualTo("""
                SELECT `event_id`, {p0:String} AS `region`
                FROM (SELECT *
                FROM `pulse`.`transactions`
                WHERE `region` = {p1:String}) AS `transactions`
                UNION ALL
                SELECT `event_id`, UPPER(`region`) AS `region`
                FROM (SELECT *
                FROM `pulse`.`feedback`
                WHERE `region` = {p1:String}) AS `feedback`""");
    }
}
