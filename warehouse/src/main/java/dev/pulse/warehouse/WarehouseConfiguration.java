package dev.pulse.warehouse;

import dev.pulse.kernel.PulseSettings;
import dev.pulse.warehouse.engine.EmbeddedEngine;
import dev.pulse.warehouse.engine.ServerEngine;
import dev.pulse.warehouse.schema.SchemaMigrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the engine the settings ask for and brings its schema up to date before anyone uses it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WarehouseSettings.class, PulseSettings.class})
class WarehouseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WarehouseConfiguration.class);

    @Bean(destroyMethod = "close")
    ClickHouseEngine clickHouseEngine(WarehouseSettings settings) {
        log.info("Starting the warehouse: {}", settings);
        ClickHouseEngine engine = switch (settings.mode()) {
            case EMBEDDED -> new EmbeddedEngine(settings);
            case SERVER -> new ServerEngine(settings);
        };
        try {
            new SchemaMigrator(engine, "db/clickhouse").migrate();
            return engine;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }
}
