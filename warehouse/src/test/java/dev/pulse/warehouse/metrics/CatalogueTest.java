package dev.pulse.warehouse.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The shipped catalogue is complete and consistent; a broken one fails with a message naming the entry. */
class CatalogueTest {

    static final Catalogue CATALOGUE = Catalogue.load();

    @Test
    void holdsEveryMetricOfTheIssueWithBothLabels() {
        assertThat(CATALOGUE.metrics().keySet())
                .containsExactlyInAnyOrder(
                        "responses",
                        "nps",
                        "promoters_pct",
                        "detractors_pct",
                        "nps_ci95",
                        "csat_top2_pct",
                        "csat_avg",
                        "ces_avg",
                        "revenue",
                        "orders",
                        "aov",
                        "active_customers",
                        "churned_customers",
                        "churn_rate_pct",
                        "campaign_cost",
                        "campaign_revenue",
                        "campaign_roi",
                        "feedback",
                        "complaints",
                        "complaints_per_1k_orders",
                        "first_response_median_minutes",
                        "first_response_p90_minutes",
                        "resolution_rate_pct",
                        "sla_compliance_pct",
                        "rfm_customers",
                        "clv",
                        "response_rate_pct",
                        "cases",
                        "cases_overdue",
                        "followup_median_hours",
                        "recovery_rate_pct",
                        "cohort_customers",
                        "retained_customers",
                        "retention_pct");
        assertThat(CATALOGUE.dimensions().keySet())
                .containsExactlyInAnyOrder(
                        "region",
                        "province",
                        "city",
                        "segment",
                        "channel",
                        "product_category",
                        "campaign",
                        "survey",
                        "feedback_category",
                        "rfm_segment",
                        "theme",
                        "nps_group",
                        "nps_score",
                        "day",
                        "week",
                        "month",
                        "quarter",
                        "year",
                        "cohort_month",
                        "months_since");
        assertThat(CATALOGUE.metrics().get("nps").label().in(Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("净推荐值");
        assertThat(CATALOGUE.metrics().get("nps").label().in(Locale.ENGLISH)).isEqualTo("Net Promoter Score");
        assertThat(CATALOGUE.dimensions().get("region").in(Locale.CHINA)).isEqualTo("大区");
    }

    @ParameterizedTest(name = "{0} by {1}: {2}")
    @CsvSource({
        "nps, region, true",
        "nps, survey, true",
        "nps, month, true",
        "nps, product_category, false",
        "revenue, product_category, true",
        "revenue, survey, false",
        "complaints_per_1k_orders, region, true",
        "complaints_per_1k_orders, feedback_category, false",
        "churn_rate_pct, month, true",
        "rfm_customers, month, false",
        "rfm_customers, rfm_segment, true",
        "revenue, rfm_segment, false",
        "campaign_roi, campaign, true",
        "campaign_roi, province, false",
        "nps, theme, true",
        "complaints, theme, true",
        "feedback, theme, true",
        "revenue, theme, false",
        "churn_rate_pct, theme, false",
        "nps, nps_group, true",
        "csat_avg, nps_score, true",
        "complaints, nps_group, false",
        "response_rate_pct, nps_score, false"
    })
    void knowsWhichMetricCanBeSlicedByWhichDimension(String metric, String dimension, boolean sliceable) {
        assertThat(CATALOGUE.sliceable(CATALOGUE.metrics().get(metric), dimension))
                .isEqualTo(sliceable);
    }

    @Test
    void labelsEveryThemeTheAnalyzerCanFindAndEveryNpsGroup() {
        try (var analyzer = new dev.pulse.warehouse.themes.ThemeAnalyzer()) {
            assertThat(CATALOGUE.values().get("theme").keySet()).containsExactlyElementsOf(analyzer.themes());
        }
        assertThat(CATALOGUE.valueLabels("theme", Locale.SIMPLIFIED_CHINESE)).containsEntry("delivery", "物流配送");
        assertThat(CATALOGUE.valueLabels("theme", Locale.ENGLISH)).containsEntry("delivery", "Delivery");
        assertThat(CATALOGUE.valueLabels("nps_group", Locale.SIMPLIFIED_CHINESE))
                .containsExactly(
                        java.util.Map.entry("detractor", "贬损者"),
                        java.util.Map.entry("passive", "中立者"),
                        java.util.Map.entry("promoter", "推荐者"));
        assertThat(CATALOGUE.valueLabels("region", Locale.ENGLISH)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a theme without an English label | /dimensions/theme/values/price/en | | value price of dimension theme has no English label (en)",
                "a metric without an English label | /metrics/nps/en | | metric nps has no English label (en)",
                "a dimension without a Chinese label | /dimensions/city/zh | | dimension city has no Chinese label (zh)",
                "an unknown source | /metrics/orders/sources/0 | orderz | metric orders refers to unknown source orderz",
                "a source slicing by an unknown dimension | /sources/feedback/0 | colour | source feedback refers to unknown dimension colour",
                "a source slicing by a dimension it lacks | /sources/rfm/0 | month | source rfm cannot be sliced by dimension month",
                "a metric reading the wrong source | /metrics/aov/sources/0 | feedback | metric aov declares sources [feedback] but its definition reads [transactions]",
                "a bad type | /metrics/aov/type | text | metric aov has type 'text', expected integer or decimal"
            })
    void refusesABrokenCatalogue(String what, String pointer, String value, String message) throws Exception {
        ObjectNode root = (ObjectNode) shipped();
        JsonNode parent = root.at(pointer.substring(0, pointer.lastIndexOf('/')));
        String last = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (parent.isArray()) {
            ((tools.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).put(last, value == null ? "" : value);
        }
        assertThatThrownBy(() -> Catalogue.parse(root))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesAMetricWithoutDefinitionAndADefinitionWithoutEntry() throws Exception {
        ObjectNode root = (ObjectNode) shipped();
        ObjectNode metrics = (ObjectNode) root.get("metrics");
        metrics.set("nps_total", metrics.get("nps"));
        metrics.remove("clv");
        assertThatThrownBy(() -> Catalogue.parse(root))
                .hasMessageContaining("metric nps_total has no definition in code")
                .hasMessageContaining("metric clv is defined in code but missing from the catalogue");
    }

    private static JsonNode shipped() throws Exception {
        try (var in = CatalogueTest.class.getClassLoader().getResourceAsStream(Catalogue.RESOURCE)) {
            return JsonMapper.builder().build().readTree(in);
        }
    }
}
