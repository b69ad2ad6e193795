package dev.pulse.warehouse.query;

import dev.pulse.kernel.PulseSettings;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.WarehouseSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the query layer: the one {@link SqlCompiler} every plan goes through. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuerySettings.class)
class QueryConfiguration {

    @Bean
    CalciteSqlCompiler sqlCompiler(WarehouseSettings warehouse, PulseSettings pulse, QuerySettings settings) {
        return new CalciteSqlCompiler(warehouse.database(), pulse.timezone(), settings.planCacheSize());
    }

    @Bean
    AnalystSql analystSql(CalciteSqlCompiler compiler, ClickHouseEngine engine, QuerySettings settings) {
        return new AnalystSql(compiler, engine, settings);
    }
}
