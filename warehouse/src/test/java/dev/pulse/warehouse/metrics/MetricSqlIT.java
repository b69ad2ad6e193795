package dev.pulse.warehouse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SQL that representative metric requests compile to, as text: values are parameters, days are
 * counted in Asia/Shanghai, a regional scope filters every view read. These strings document the layer.
 */
@SpringBootTest(classes = MetricsIT.Warehouse.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
// closes the engine after the class: other ITs of this JVM may open another storage path
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MetricSqlIT {

    static final Caller NATIONAL = new Caller("executive", Role.EXECUTIVE, Scope.ALL);
    static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    static final LocalDate TO = LocalDate.of(2026, 7, 1);

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        MetricsIT.warehouse(registry);
    }

    @Autowired
    Metrics metrics;

    @Test
    void npsByRegionAndMonthIsCountsOfPromotersAndDetractors() {
        MetricExplanation e = metrics.explain(
                new MetricQuery(
                        List.of("nps", "responses"),
                        List.of("region", "month"),
                        List.of(new MetricQuery.Filter("region", MetricQuery.Op.IN, List.of("华东", "华南"))),
                        FROM,
                        TO,
                        List.of(new MetricQuery.Order("nps", MetricQuery.Direction.DESC)),
                        500,
                        null),
                NATIONAL);
        assertThat(e.statements()).singleElement().satisfies(s -> {
            assertThat(s.source()).isEqualTo("survey_responses");
            assertThat(s.sql()).isEqualTo("""
                    SELECT `region`, toStartOfMonth(`ts`, 'Asia/Shanghai') AS `month`, COUNT(`nps_score`) AS `nps_n`, \
                    SUM(CASE WHEN `nps_score` >= {p4:Int64} THEN {p5:Int64} ELSE {p6:Int64} END) AS `promoters`, \
                    SUM(CASE WHEN `nps_score` <= {p7:Int64} THEN {p8:Int64} ELSE {p9:Int64} END) AS `detractors`
                    FROM (SELECT *
                    FROM `pulse_metrics_it`.`survey_responses`
                    WHERE `ts` >= {p0:DateTime64(3, 'UTC')} AND `ts` < {p1:DateTime64(3, 'UTC')}) AS `t`
                    WHERE `region` = {p2:String} OR `region` = {p3:String}
                    GROUP BY `region`, toStartOfMonth(`ts`, 'Asia/Shanghai')""");
            // midnight in Shanghai is 16:00 UTC the day before
            assertThat(s.params())
                    .isEqualTo(Map.of(
                            "p0",
                            Instant.parse("2024-12-31T16:00:00Z"),
                            "p1",
                            Instant.parse("2026-06-30T16:00:00Z"),
                            "p2",
                            "华东",
                            "p3",
                            "华南",
                            "p4",
                            9L,
                            "p5",
                            1L,
                            "p6",
                            0L,
                            "p7",
                            6L,
                            "p8",
                            1L,
                            "p9",
                            0L));
            assertThat(s.plan()).contains("LogicalTableScan(table=[[pulse_metrics_it, survey_responses]])");
        });
    }

    @Test
    void aRegionalManagersRevenueByProvinceFiltersBothViewsOfTheJoin() {
        Caller east = new Caller("manager", Role.REGIONAL_MANAGER, Scope.of(Set.of("华东")));
        MetricExplanation e = metrics.explain(MetricQuery.of(List.of("revenue"), List.of("province"), FROM, TO), east);
        assertThat(e.statements()).singleElement().satisfies(s -> {
            assertThat(s.sql()).isEqualTo("""
                    SELECT `customers0`.`province`, SUM(`transactions0`.`amount`) AS `revenue`
                    FROM (SELECT *
                    FROM `pulse_metrics_it`.`transactions`
                    WHERE `region` = {p2:String}) AS `transactions0`
                    LEFT JOIN (SELECT *
                    FROM `pulse_metrics_it`.`customers`
                    WHERE `region` = {p2:String}) AS `customers0` ON `transactions0`.`customer_id` = `customers0`.`customer_id`
                    WHERE `transactions0`.`ts` >= {p0:DateTime64(3, 'UTC')} AND `transactions0`.`ts` < {p1:DateTime64(3, 'UTC')}
                    GROUP BY `customers0`.`province`""");
            assertThat(s.params()).containsEntry("p2", "华东").hasSize(3);
        });
    }

    @Test
    void churnComparesEachCustomerBeforeAndDuringTheRange() {
        MetricExplanation e = metrics.explain(
                MetricQuery.of(
                        List.of("churn_rate_pct"),
                        List.of("region"),
                        LocalDate.of(2026, 1, 1),
                        LocalDate.of(2026, 2, 1)),
                NATIONAL);
        assertThat(e.statements()).singleElement().satisfies(s -> {
            assertThat(s.sql()).isEqualTo("""
                    SELECT `region`, COUNT(*) AS `churn_base`, SUM(`$f4`) AS `churned`
                    FROM (SELECT `region`, CASE WHEN SUM(CASE WHEN `ts` >= {p5:DateTime64(3, 'UTC')} THEN {p6:Int64} \
                    ELSE {p7:Int64} END) = {p9:Int64} THEN {p10:Int64} ELSE {p11:Int64} END AS `$f4`
                    FROM `pulse_metrics_it`.`transactions`
                    WHERE `ts` >= {p0:DateTime64(3, 'UTC')} AND `ts` < {p1:DateTime64(3, 'UTC')}
                    GROUP BY `customer_id`, `region`
                    HAVING SUM(CASE WHEN NOT `ts` >= {p2:DateTime64(3, 'UTC')} THEN {p3:Int64} ELSE {p4:Int64} END) > {p8:Int64}) AS `t3`
                    GROUP BY `region`""");
            // the window before: the 31 days before 2026-01-01
            assertThat(s.params())
                    .containsEntry("p0", Instant.parse("2025-11-30T16:00:00Z"))
                    .containsEntry("p2", Instant.parse("2025-12-31T16:00:00Z"))
                    .containsEntry("p1", Instant.parse("2026-01-31T16:00:00Z"));
        });
    }

    @Test
    void churnByMonthComparesEachMonthWithTheOneBefore() {
        MetricExplanation e = metrics.explain(
                MetricQuery.of(
                        List.of("churned_customers"),
                        List.of("month"),
                        LocalDate.of(2026, 1, 1),
                        LocalDate.of(2026, 3, 1)),
                new Caller("m", Role.REGIONAL_MANAGER, Scope.of(Set.of("华北"))));
        assertThat(e.statements()).singleElement().satisfies(s -> {
            // both arms of the UNION ALL read the manager's region only
            assertThat(s.sql()).isEqualTo("""
                    SELECT `month`, COUNT(*) AS `churn_base`, SUM(`$f4`) AS `churned`
                    FROM (SELECT `month`, CASE WHEN SUM(`d`) = {p11:Int64} THEN {p12:Int64} ELSE {p13:Int64} END AS `$f4`
                    FROM (SELECT toStartOfMonth(`ts`, 'Asia/Shanghai') AS `month`, `customer_id`, {p2:Int64} AS `b`, {p3:Int64} AS `d`
                    FROM (SELECT *
                    FROM `pulse_metrics_it`.`transactions`
                    WHERE `region` = {p14:String}) AS `transactions`
                    WHERE `ts` >= {p0:DateTime64(3, 'UTC')} AND `ts` < {p1:DateTime64(3, 'UTC')}
                    UNION ALL
                    SELECT *
                    FROM (SELECT addMonths(toStartOfMonth(`ts`, 'Asia/Shanghai'), {p6:Int64}) AS `month`, `customer_id`, {p7:Int64} AS `b`, {p8:Int64} AS `d`
                    FROM (SELECT *
                    FROM `pulse_metrics_it`.`transactions`
                    WHERE `region` = {p14:String}) AS `transactions`
                    WHERE `ts` >= {p4:DateTime64(3, 'UTC')} AND `ts` < {p5:DateTime64(3, 'UTC')}) AS `t4`
                    WHERE `month` < {p9:Date}) AS `t6`
                    GROUP BY `month`, `customer_id`
                    HAVING SUM(`b`) > {p10:Int64}) AS `t9`
                    GROUP BY `month`""");
            // shifted reads start a month before January, the first month
            assertThat(s.params())
                    .containsEntry("p4", Instant.parse("2025-11-30T16:00:00Z"))
                    .containsEntry("p9", LocalDate.of(2026, 3, 1))
                    .containsEntry("p14", "华北");
        });
    }

    @Test
    void campaignRoiReadsCostsAndAttributedRevenue() {
        MetricExplanation e =
                metrics.explain(MetricQuery.of(List.of("campaign_roi"), List.of("campaign"), FROM, TO), NATIONAL);
        assertThat(e.statements())
                .extracting(MetricExplanation.Statement::source)
                .containsExactly("campaigns", "attribution");
        assertThat(e.statements().get(1).sql()).isEqualTo("""
                SELECT `campaigns`.`campaign_id` AS `campaign`, SUM(`transactions`.`amount`) AS `attributed_revenue`
                FROM `pulse_metrics_it`.`campaigns`
                INNER JOIN `pulse_metrics_it`.`transactions` ON `campaigns`.`campaign_id` = `transactions`.`campaign_id`
                WHERE `campaigns`.`start_date` >= {p0:Date} AND `campaigns`.`start_date` < {p1:Date} \
                AND toDate(`transactions`.`ts`, 'Asia/Shanghai') >= `campaigns`.`start_date` \
                AND toDate(`transactions`.`ts`, 'Asia/Shanghai') <= addDays(`campaigns`.`end_date`, {p2:Int64})
                GROUP BY `campaigns`.`campaign_id`""");
        assertThat(e.statements().get(1).params()).isEqualTo(Map.of("p0", FROM, "p1", TO, "p2", 30L));
    }

    @Test
    void topThemesAmongDetractorsExpandTheThemesOnceAndFilterTheGroup() {
        Caller east = new Caller("manager", Role.REGIONAL_MANAGER, Scope.of(Set.of("华东")));
        MetricExplanation e = metrics.explain(
                new MetricQuery(
                        List.of("responses"),
                        List.of("theme"),
                        List.of(
                                new MetricQuery.Filter("nps_group", MetricQuery.Op.EQ, List.of("detractor")),
                                new MetricQuery.Filter("theme", MetricQuery.Op.IN, List.of("delivery", "price"))),
                        FROM,
                        TO,
                        List.of(new MetricQuery.Order("responses", MetricQuery.Direction.DESC)),
                        5,
                        null),
                east);
        assertThat(e.statements()).singleElement().satisfies(s -> {
            // equal arrayJoin expressions are one expansion in ClickHouse: the key, its output and HAVING agree;
            // the filters use has(), which keeps a response whole
            assertThat(s.sql()).isEqualTo("""
                    SELECT arrayJoin(`themes`) AS `theme`, COUNT(`nps_score`) AS `nps_n`
                    FROM (SELECT *
                    FROM (SELECT *
                    FROM `pulse_metrics_it`.`survey_responses`
                    WHERE `region` = {p13:String}) AS `survey_responses`
                    WHERE `ts` >= {p0:DateTime64(3, 'UTC')} AND `ts` < {p1:DateTime64(3, 'UTC')}) AS `t0`
                    WHERE CASE WHEN `nps_score` >= {p2:Int64} THEN {p3:String} WHEN `nps_score` >= {p4:Int64} THEN {p5:String} \
                    WHEN `nps_score` <= {p6:Int64} THEN {p7:String} ELSE NULL END = {p8:String} \
                    AND (has(`themes`, {p9:String}) OR has(`themes`, {p10:String}))
                    GROUP BY arrayJoin(`themes`)
                    HAVING arrayJoin(`themes`) = {p11:String} OR arrayJoin(`themes`) = {p12:String}""");
            assertThat(s.params())
                    .hasSize(14)
                    .containsEntry("p3", "promoter")
                    .containsEntry("p5", "passive")
                    .containsEntry("p7", "detractor")
                    .containsEntry("p8", "detractor")
                    .containsEntry("p9", "delivery")
                    .containsEntry("p10", "price")
                    .containsEntry("p11", "delivery")
                    .containsEntry("p12", "price")
                    .containsEntry("p13", "华东");
        });
    }

    @Test
    void firstResponseTimesAreExactQuantilesOfSeconds() {
        MetricExplanation e = metrics.explain(
                MetricQuery.of(List.of("first_response_median_minutes", "sla_compliance_pct"), List.of(), FROM, TO),
                NATIONAL);
        assertThat(e.statements()).singleElement().satisfies(s -> {
            assertThat(s.sql()).isEqualTo("""
                    SELECT COUNT(*) AS `feedback_n`, SUM(CASE WHEN `first_response_at` IS NOT NULL \
                    AND dateDiff('second', `ts`, `first_response_at`) <= {p2:Int64} THEN {p3:Int64} ELSE {p4:Int64} END) AS `sla_met`, \
                    quantileExactInclusive(0.5)(dateDiff('second', `ts`, `first_response_at`)) AS `first_response_median`
                    FROM `pulse_metrics_it`.`feedback`
                    WHERE `ts` >= {p0:DateTime64(3, 'UTC')} AND `ts` < {p1:DateTime64(3, 'UTC')}""");
            // pulse.sla.first-response: 4 hours
            assertThat(s.params()).containsEntry("p2", 14400L);
        });
    }

    @Test
    void cohortRetentionJoinsCohortSizesWithBuyersPerMonthSinceSignup() {
        Caller east = new Caller("manager", Role.REGIONAL_MANAGER, Scope.of(Set.of("华东")));
        MetricExplanation e = metrics.explain(
                MetricQuery.of(
                        List.of("retention_pct"),
                        List.of("cohort_month", "months_since"),
                        LocalDate.of(2026, 1, 15),
                        LocalDate.of(2026, 4, 1)),
                east);
        assertThat(e.statements()).singleElement().satisfies(s -> {
            assertThat(s.source()).isEqualTo("cohorts");
            // the customers of the scope who signed up in the range, and their purchases in the scope from the
            // first day of the first signup month, counted by calendar month in Asia/Shanghai
            assertThat(s.sql()).isEqualTo("""
                    SELECT `t2`.`cohort_month`, `t2`.`cohort_customers`, `t9`.`months_since`, `t9`.`retained`
                    FROM (SELECT toStartOfMonth(`signup_date`) AS `cohort_month`, COUNT(*) AS `cohort_customers`
                    FROM (SELECT *
                    FROM `pulse_metrics_it`.`customers`
                    WHERE `region` = {p6:String}) AS `customers`
                    WHERE `signup_date` >= {p0:Date} AND `signup_date` < {p1:Date}
                    GROUP BY toStartOfMonth(`signup_date`)) AS `t2`
                    LEFT JOIN (SELECT `t5`.`cohort_month`, dateDiff('month', `t5`.`cohort_month`, toStartOfMonth(`transactions0`.`ts`, 'Asia/Shanghai')) \
                    AS `months_since`, assumeNotNull(COUNT(DISTINCT `t5`.`customer_id`)) AS `retained`
                    FROM (SELECT toStartOfMonth(`signup_date`) AS `cohort_month`, `customer_id`
                    FROM (SELECT *
                    FROM `pulse_metrics_it`.`customers`
                    WHERE `region` = {p6:String}) AS `customers`
                    WHERE `signup_date` >= {p2:Date} AND `signup_date` < {p3:Date}) AS `t5`
                    INNER JOIN (SELECT *
                    FROM `pulse_metrics_it`.`transactions`
                    WHERE `region` = {p6:String}) AS `transactions0` ON `t5`.`customer_id` = `transactions0`.`customer_id`
                    WHERE `transactions0`.`ts` >= {p4:DateTime64(3, 'UTC')} AND `transactions0`.`ts` < {p5:DateTime64(3, 'UTC')} \
                    AND toStartOfMonth(`transactions0`.`ts`, 'Asia/Shanghai') >= `t5`.`cohort_month`
                    GROUP BY `t5`.`cohort_month`, dateDiff('month', `t5`.`cohort_month`, toStartOfMonth(`transactions0`.`ts`, 'Asia/Shanghai'))) AS `t9` \
                    ON `t2`.`cohort_month` = `t9`.`cohort_month`""");
            assertThat(s.params())
                    .isEqualTo(Map.of(
                            "p0",
                            LocalDate.of(2026, 1, 15),
                            "p1",
                            LocalDate.of(2026, 4, 1),
                            "p2",
                            LocalDate.of(2026, 1, 15),
                            "p3",
                            LocalDate.of(2026, 4, 1),
                            "p4",
                            Instant.parse("2025-12-31T16:00:00Z"),
                            "p5",
                            Instant.parse("2026-03-31T16:00:00Z"),
                            "p6",
                            "华东"));
        });
    }
}
