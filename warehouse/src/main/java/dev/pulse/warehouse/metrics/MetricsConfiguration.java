package dev.pulse.warehouse.metrics;

import dev.pulse.kernel.PulseSettings;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.WriteWatermark;
import dev.pulse.warehouse.query.SqlCompiler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires {@link Metrics}, {@link LatestComments}, {@link AtRiskCustomers} and {@link TriggerEvents} on one
 * catalogue and one set of plans; loading the catalogue here makes a broken catalogue stop the application at startup.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MetricsSettings.class, MetricsSettings.Sla.class})
class MetricsConfiguration {

    @Bean
    Catalogue metricCatalogue() {
        return Catalogue.load();
    }

    @Bean
    Plans metricPlans(SqlCompiler compiler, MetricsSettings settings, MetricsSettings.Sla sla, PulseSettings pulse) {
        return new Plans(compiler, pulse.timezone(), settings.campaignAttributionDays(), sla.firstResponse());
    }

    @Bean
    Metrics metrics(
            Catalogue catalogue,
            SqlCompiler compiler,
            ClickHouseEngine engine,
            WriteWatermark watermark,
            MetricsSettings settings,
            Plans plans) {
        return new MetricService(catalogue, compiler, engine, watermark, settings, plans);
    }

    @Bean
    LatestComments latestComments(
            Catalogue catalogue, SqlCompiler compiler, ClickHouseEngine engine, MetricsSettings settings, Plans plans) {
        return new CommentService(catalogue, compiler, engine, settings, plans);
    }

    @Bean
    TriggerEvents triggerEvents(SqlCompiler compiler, ClickHouseEngine engine) {
        return new TriggerEventService(compiler, engine);
    }

    @Bean
    AtRiskCustomers atRiskCustomers(
            Catalogue catalogue, SqlCompiler compiler, ClickHouseEngine engine, Plans plans, PulseSettings pulse) {
        return new AtRiskService(catalogue, compiler, engine, plans, pulse.timezone());
    }
}
