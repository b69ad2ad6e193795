package dev.pulse.warehouse.metrics;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.PulseSettings;
import dev.pulse.warehouse.WriteWatermark;
import dev.pulse.warehouse.query.SqlCompiler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires {@link Metrics} and {@link LatestComments}; loading the catalogue here makes a broken catalogue stop the application at startup. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MetricsSettings.class, MetricsSettings.Sla.class})
class MetricsConfiguration {

    @Bean
    Metrics metrics(SqlCompiler compiler, ClickHouseEngine engine, WriteWatermark watermark, MetricsSettings settings,
            MetricsSettings.Sla sla, PulseSettings pulse) {
        return new MetricService(Catalogue.load(), compiler, engine, watermark, settings, plans(compiler, settings, sla, pulse));
    }

    @Bean
    LatestComments latestComments(SqlCompiler compiler, ClickHouseEngine engine, MetricsSettings settings,
            MetricsSettings.Sla sla, PulseSettings pulse) {
        return new CommentService(Catalogue.load(), compiler, engine, settings, plans(compiler, settings, sla, pulse));
    }

    private static Plans plans(SqlCompiler compiler, MetricsSettings settings, MetricsSettings.Sla sla, PulseSettings pulse) {
        return new Plans(compiler, pulse.timezone(), settings.campaignAttributionDays(), sla.firstResponse());
    }
}
