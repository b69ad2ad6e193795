package dev.pulse.warehouse.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.WriteWatermark;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The latest comments on the seeded dataset equal a plain-Java selection of the same rows: newest first, only
 * non-blank comments, the filters applied, and under a regional scope only that region's.
 */
@SpringBootTest(classes = MetricsIT.Warehouse.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
// closes the engine after the class: other ITs of this JVM may open another storage path
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CommentsIT {

    static final ZoneId ZONE = MetricsIT.ZONE;
    static final LocalDate FROM = MetricsIT.FROM;
    static final LocalDate TO = MetricsIT.TO;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        MetricsIT.warehouse(registry);
    }

    @Autowired
    LatestComments comments;

    @Autowired
    ClickHouseEngine engine;

    @Autowired
    WriteWatermark watermark;

    @Autowired
    dev.pulse.warehouse.query.SqlCompiler compiler;

    @BeforeEach
    void load() {
        MetricsIT.writeOnce(engine, watermark);
    }

    /** The expected comments: in range, not blank, passing {@code keep}, newest first, ties by id. */
    static List<Dataset.Survey> expected(Dataset data, Predicate<Dataset.Survey> keep, int limit) {
        return data.surveys().stream()
                .filter(s -> !s.comment().isBlank())
                .filter(s -> {
                    LocalDate d = LocalDate.ofInstant(s.ts(), ZONE);
                    return !d.isBefore(FROM) && d.isBefore(TO);
                })
                .filter(keep)
                .sorted(Comparator.comparing(Dataset.Survey::ts)
                        .thenComparing(Dataset.Survey::eventId)
                        .reversed())
                .limit(limit)
                .toList();
    }

    @Test
    void theLatestCommentsNewestFirstWithScoresAndThemes() {
        CommentPage page =
                comments.latest(new CommentQuery(FROM, TO, List.of(), 15), MetricsIT.NATIONAL, Locale.ENGLISH);
        List<Dataset.Survey> want = expected(MetricsIT.DATA, s -> true, 15);
        assertThat(page.comments())
                .extracting(CommentPage.Comment::id)
                .isEqualTo(want.stream().map(Dataset.Survey::eventId).toList());
        for (int i = 0; i < want.size(); i++) {
            Dataset.Survey s = want.get(i);
            CommentPage.Comment c = page.comments().get(i);
            assertThat(c.ts()).isEqualTo(s.ts());
            assertThat(c.region()).isEqualTo(s.region());
            assertThat(c.channel()).isEqualTo(s.channel());
            assertThat(c.npsScore()).isEqualTo(s.nps() == null ? null : (long) s.nps());
            assertThat(c.csatScore()).isEqualTo(s.csat() == null ? null : (long) s.csat());
            assertThat(c.cesScore()).isEqualTo(s.ces() == null ? null : (long) s.ces());
            assertThat(c.text()).isEqualTo(s.comment());
            assertThat(c.themes()).extracting(CommentPage.Theme::id).isEqualTo(s.themes());
        }
        assertThat(page.comments())
                .flatExtracting(CommentPage.Comment::themes)
                .contains(new CommentPage.Theme("delivery", "Delivery"));
        assertThat(comments.latest(new CommentQuery(FROM, TO, List.of(), null), MetricsIT.NATIONAL, Locale.CHINESE)
                        .comments())
                .hasSize(LatestComments.DEFAULT_LIMIT)
                .flatExtracting(CommentPage.Comment::themes)
                .extracting(CommentPage.Theme::label)
                .contains("物流配送");
    }

    static Stream<String> regions() {
        return Dataset.REGIONS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regions")
    void aRegionalManagerReadsOnlyTheirRegionsComments(String region) {
        Caller manager = new Caller("manager", Role.REGIONAL_MANAGER, Scope.of(Set.of(region)));
        CommentPage page = comments.latest(new CommentQuery(FROM, TO, List.of(), 100), manager, Locale.CHINESE);
        assertThat(page.comments())
                .extracting(CommentPage.Comment::id)
                .isEqualTo(expected(MetricsIT.DATA.in(region), s -> true, 100).stream()
                        .map(Dataset.Survey::eventId)
                        .toList());
        assertThat(page.comments()).extracting(CommentPage.Comment::region).containsOnly(region);
        // asking for another region does not widen the scope
        String other = Dataset.REGIONS.stream()
                .filter(r -> !r.equals(region))
                .findFirst()
                .orElseThrow();
        assertThat(comments.latest(
                                new CommentQuery(
                                        FROM,
                                        TO,
                                        List.of(new MetricQuery.Filter("region", MetricQuery.Op.EQ, List.of(other))),
                                        100),
                                manager,
                                Locale.CHINESE)
                        .comments())
                .isEmpty();
    }

    @Test
    void theDashboardFiltersApplyToComments() {
        List<MetricQuery.Filter> filters = List.of(
                new MetricQuery.Filter("region", MetricQuery.Op.EQ, List.of("华东")),
                new MetricQuery.Filter("segment", MetricQuery.Op.EQ, List.of("个人")),
                new MetricQuery.Filter("nps_group", MetricQuery.Op.EQ, List.of("detractor")),
                new MetricQuery.Filter("theme", MetricQuery.Op.EQ, List.of("price")));
        CommentPage page = comments.latest(new CommentQuery(FROM, TO, filters, 50), MetricsIT.NATIONAL, Locale.CHINESE);
        List<Dataset.Survey> want = expected(
                MetricsIT.DATA,
                s -> s.region().equals("华东")
                        && MetricsIT.DATA.customer(s.customerId()).segment().equals("个人")
                        && s.nps() != null
                        && s.nps() <= 6
                        && s.themes().contains("price"),
                50);
        assertThat(want).isNotEmpty();
        assertThat(page.comments())
                .extracting(CommentPage.Comment::id)
                .isEqualTo(want.stream().map(Dataset.Survey::eventId).toList());
    }

    @Test
    void theCommentsPlanReadsOnlyTheScopeAndKeepsValuesOutOfTheSql() {
        Plans plans = new Plans(compiler, ZONE, 30, java.time.Duration.ofHours(4));
        Plans.Slice slice = new Plans.Slice(
                List.of(), List.of(new MetricQuery.Filter("segment", MetricQuery.Op.EQ, List.of("个人"))), FROM, TO);
        dev.pulse.warehouse.query.CompiledQuery q = compiler.compile(plans.comments(slice, 20), Scope.of(Set.of("华东")));
        // both views of the join read 华东 only; the range, the blank test and the segment are parameters
        assertThat(q.sql()).isEqualTo("""
                SELECT `event_id` AS `id`, `ts`, `region`, `channel`, `nps_score`, `csat_score`, `ces_score`, `themes`, `comment`
                FROM (SELECT `survey_responses0`.`event_id` AS `event_id`, `survey_responses0`.`survey_id` AS `survey_id`, `survey_responses0`.`customer_id` AS `customer_id`, \
                `survey_responses0`.`transaction_id` AS `transaction_id`, `survey_responses0`.`ts` AS `ts`, `survey_responses0`.`region` AS `region`, `survey_responses0`.`channel` AS `channel`, \
                `survey_responses0`.`language` AS `language`, `survey_responses0`.`nps_score` AS `nps_score`, `survey_responses0`.`csat_score` AS `csat_score`, \
                `survey_responses0`.`ces_score` AS `ces_score`, `survey_responses0`.`comment` AS `comment`, `survey_responses0`.`answers` AS `answers`, `survey_responses0`.`themes` AS `themes`, \
                `customers0`.`customer_id` AS `customer_id0`, `customers0`.`updated_at` AS `updated_at`, `customers0`.`name` AS `name`, \
                `customers0`.`region` AS `region0`, `customers0`.`province` AS `province`, `customers0`.`city` AS `city`, `customers0`.`segment` AS `segment`, \
                `customers0`.`email` AS `email`, `customers0`.`phone` AS `phone`, `customers0`.`signup_date` AS `signup_date`
                FROM (SELECT *
                FROM `pulse_metrics_it`.`survey_responses`
                WHERE `region` = {p4:String}) AS `survey_responses0`
                LEFT JOIN (SELECT *
                FROM `pulse_metrics_it`.`customers`
                WHERE `region` = {p4:String}) AS `customers0` ON `survey_responses0`.`customer_id` = `customers0`.`customer_id`
                WHERE `survey_responses0`.`ts` >= {p0:DateTime64(3, 'UTC')} AND `survey_responses0`.`ts` < {p1:DateTime64(3, 'UTC')} \
                AND trimBoth(`survey_responses0`.`comment`) <> {p2:String}) AS `t1`
                WHERE `t1`.`segment` = {p3:String}
                ORDER BY `ts` DESC NULLS FIRST, `event_id` DESC NULLS FIRST
                LIMIT 20""");
        assertThat(q.params())
                .containsEntry("p2", "")
                .containsEntry("p3", "个人")
                .containsEntry("p4", "华东")
                .hasSize(5);
    }

    @Test
    void aBadRequestNamesTheField() {
        assertThatThrownBy(() ->
                        comments.latest(new CommentQuery(FROM, TO, List.of(), 101), MetricsIT.NATIONAL, Locale.CHINESE))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("limit must be between 1 and 100")
                .extracting(e -> ((InvalidFieldException) e).field())
                .isEqualTo("limit");
        assertThatThrownBy(() -> comments.latest(
                        new CommentQuery(
                                FROM,
                                TO,
                                List.of(new MetricQuery.Filter("product_category", MetricQuery.Op.EQ, List.of("数码"))),
                                null),
                        MetricsIT.NATIONAL,
                        Locale.CHINESE))
                .hasMessage("comments cannot be filtered by 'product_category'")
                .extracting(e -> ((InvalidFieldException) e).field())
                .isEqualTo("filters[0].dimension");
        assertThatThrownBy(() -> comments.latest(
                        new CommentQuery(null, TO, List.of(), null), MetricsIT.NATIONAL, Locale.CHINESE))
                .extracting(e -> ((InvalidFieldException) e).field())
                .isEqualTo("from");
        assertThatThrownBy(() -> comments.latest(
                        new CommentQuery(
                                FROM,
                                TO,
                                List.of(new MetricQuery.Filter("nps_group", MetricQuery.Op.EQ, List.of("angry"))),
                                null),
                        MetricsIT.NATIONAL,
                        Locale.CHINESE))
                .extracting(e -> ((InvalidFieldException) e).field())
                .isEqualTo("filters[0].values[0]");
    }
}
