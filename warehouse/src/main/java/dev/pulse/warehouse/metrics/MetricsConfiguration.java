package dev.pulse.warehouse.metrics;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.PulseSettings;
import dev.pulse.warehouse.WriteWatermark;
import dev.pulse.warehouse.query.SqlCompiler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires {@link Metrics}; loading the catalogue here makes a broken catalogue stop the application at startup. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MetricsSettings.class, MetricsSettings.Sla.class})
class MetricsConfiguration {

    @Bean
    Metrics metrics(SqlCompiler compiler, ClickHouseEngine engine, WriteWatermark watermark, MetricsSettings settings,
            MetricsSettings.Sla sla, PulseSettings pulse) {
        Plans plans = new Plans(compiler, pulse.timezone(), settings.campaignAttributionDays(), sla.firstResponse());
        return new MetricService(Catalogue.load(), compiler, engine, watermark, settings, plans);
    }
}
