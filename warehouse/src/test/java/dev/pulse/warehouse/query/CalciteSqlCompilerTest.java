package dev.pulse.warehouse.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kernel.Scope;
import dev.pulse.warehouse.query.ClickHouseFunctions.TimeGrain;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What SQL the compiler writes for representative plans; these strings document the layer. */
class CalciteSqlCompilerTest {

    final CalciteSqlCompiler compiler = new CalciteSqlCompiler("pulse", ZoneId.of("Asia/Shanghai"), 100);

    @Test
    void groupsByMonthInThePulseTimezoneAndBindsEveryValue() {
        RelBuilder b = compiler.builder();
        RelNode plan = b.scan("survey_responses")
                .filter(b.isNotNull(b.field("nps_score")), b.equals(b.field("channel"), b.literal("app")))
                .aggregate(
                        b.groupKey(b.alias(ClickHouseFunctions.startOf(b, TimeGrain.MONTH, b.field("ts")), "month")),
                        b.countStar("responses"))
                .build();

        CompiledQuery q = compiler.compile(plan, Scope.ALL);

        assertThat(q.sql()).isEqualTo("""
                SELECT toStartOfMonth(`ts`, 'Asia/Shanghai') AS `month`, COUNT(*) AS `responses`
                FROM `pulse`.`survey_responses`
                WHERE `channel` = {p0:String} AND `nps_score` IS NOT NULL
                GROUP BY toStartOfMonth(`ts`, 'Asia/Shanghai')""");
        assertThat(q.params()).isEqualTo(Map.of("p0", "app"));
        assertThat(q.plan())
                .contains("LogicalTableScan(table=[[pulse, survey_responses]])")
                .doesNotContain("app");
    }

    @ParameterizedTest
    @CsvSource({
        "DAY, toDate",
        "WEEK, toMonday",
        "MONTH, toStartOfMonth",
        "QUARTER, toStartOfQuarter",
        "YEAR, toStartOfYear"
    })
    void everyTimeGrainIsAClickHouseFunctionOfTheZone(TimeGrain grain, String function) {
        RelBuilder b = compiler.builder();
        RelNode plan = b.scan("transactions")
                .project(ClickHouseFunctions.startOf(b, grain, b.field("ts")))
                .build();

        assertThat(compiler.compile(plan, Scope.ALL).sql())
                .isEqualTo("SELECT " + function + "(`ts`, 'Asia/Shanghai') AS `$f0`\nFROM `pulse`.`transactions`");
        assertThat(TimeGrain.named(grain.name().toLowerCase())).isEqualTo(grain);
    }

    @Test
    void aRegionalScopeFiltersTheScanWithBoundRegions() {
        RelBuilder b = compiler.builder();
        RelNode plan = b.scan("transactions")
                .filter(b.call(SqlStdOperatorTable.GREATER_THAN, b.field("amount"), b.literal(new BigDecimal("10.5"))))
                .aggregate(b.groupKey("region"), b.sum(false, "revenue", b.field("amount")))
                .build();

        CompiledQuery q = compiler.compile(plan, Scope.of(Set.of("华东", "华南")));

        assertThat(q.sql()).isEqualTo("""
                SELECT `region`, SUM(`amount`) AS `revenue`
                FROM (SELECT *
                FROM `pulse`.`transactions`
                WHERE `region` = {p1:String} OR `region` = {p2:String}) AS `transactions`
                WHERE `amount` > {p0:Decimal(3, 1)}
                GROUP BY `region`""");
        assertThat(q.params()).isEqualTo(Map.of("p0", new BigDecimal("10.5"), "p1", "华东", "p2", "华南"));
    }

    @Test
    void aRegionalScopeSeesNationalCampaigns() {
        RelBuilder b = compiler.builder();
        RelNode plan = b.scan("campaigns").project(b.field("name")).build();

        CompiledQuery q = compiler.compile(plan, Scope.of(Set.of("华东")));

        assertThat(q.sql()).isEqualTo("""
                SELECT `name`
                FROM (SELECT *
                FROM `pulse`.`campaigns`
                WHERE `region` = {p0:String} OR `region` = {p1:String}) AS `campaigns`""");
        assertThat(q.params()).isEqualTo(Map.of("p0", "华东", "p1", ""));
    }

    @Test
    void securesTablesReadInsideExpressionSubqueries() {
        RelBuilder b = compiler.builder();
        RelNode plan = b.scan("customers")
                .filter(b.in(
                        b.field("customer_id"),
                        inner -> inner.scan("transactions")
                                .project(inner.field("customer_id"))
                                .build()))
                .project(b.field("name"))
                .build();

        CompiledQuery q = compiler.compile(plan, Scope.of(Set.of("西北")));

        assertThat(q.sql()).isEqualTo("""
                SELECT `name`
                FROM (SELECT *
                FROM `pulse`.`customers`
                WHERE `region` = {p0:String}) AS `customers`
                WHERE `customer_id` IN (SELECT `customer_id`
                FROM (SELECT *
                FROM `pulse`.`transactions`
                WHERE `region` = {p0:String}) AS `transactions`)""");
        assertThat(q.params()).isEqualTo(Map.of("p0", "西北"));
    }

    @Test
    void cachesByShapeAndNumberOfRegionsNotByValue() {
        compiler.clearCache();
        CompiledQuery first = compiler.compile(channelFilter("app"), Scope.of(Set.of("华东")));
        CompiledQuery second = compiler.compile(channelFilter("web"), Scope.of(Set.of("西北")));
        compiler.compile(channelFilter("web"), Scope.ALL);
        compiler.compile(channelFilter("web"), Scope.of(Set.of("华东", "西北")));

        assertThat(second.sql()).isEqualTo(first.sql());
        assertThat(first.params()).isEqualTo(Map.of("p0", "app", "p1", "华东"));
        assertThat(second.params()).isEqualTo(Map.of("p0", "web", "p1", "西北"));
        assertThat(compiler.cachedShapes()).isEqualTo(3);
    }

    @Test
    void plansDifferingOnlyInNamesAreDifferentShapes() {
        RelBuilder b = compiler.builder();
        RelNode first = b.scan("transactions")
                .project(b.alias(b.field("event_id"), "a"))
                .build();
        RelNode second = b.scan("transactions")
                .project(b.alias(b.field("event_id"), "b"))
                .build();

        assertThat(compiler.compile(first, Scope.ALL).sql())
                .isEqualTo("SELECT `event_id` AS `a`\nFROM `pulse`.`transactions`");
        assertThat(compiler.compile(second, Scope.ALL).sql())
                .isEqualTo("SELECT `event_id` AS `b`\nFROM `pulse`.`transactions`");
    }

    @Test
    void namesAreEscapedForClickHouseWhereBackslashIsAnEscape() {
        RelBuilder b = compiler.builder();
        RelNode plan = b.scan("transactions")
                .project(b.alias(b.field("event_id"), "a\\"), b.alias(b.field("region"), "` FROM system.users --"))
                .build();

        assertThat(compiler.compile(plan, Scope.ALL).sql())
                .isEqualTo(
                        "SELECT `event_id` AS `a\\\\`, `region` AS `\\` FROM system.users --`\nFROM `pulse`.`transactions`");
    }

    private RelNode channelFilter(String channel) {
        RelBuilder b = compiler.builder();
        return b.scan("feedback")
                .filter(b.equals(b.field("channel"), b.literal(channel)))
                .project(b.field("text"))
                .build();
    }
}
