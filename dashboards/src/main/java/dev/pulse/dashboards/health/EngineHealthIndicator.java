package dev.pulse.dashboards.health;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.EngineHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The warehouse engine in {@code /actuator/health} (component {@code engine}, from the bean name
 * without its {@code HealthIndicator} suffix): mode, version and
 * whether it answers. The engine's own detail (a path or an error text) stays out of this public
 * endpoint.
 */
@Component
class EngineHealthIndicator implements HealthIndicator {

    private final ClickHouseEngine engine;

    EngineHealthIndicator(ClickHouseEngine engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        EngineHealth health = engine.health();
        Health.Builder builder = health.reachable() ? Health.up() : Health.down();
        return builder.withDetail("mode", health.mode())
                .withDetail("version", health.version())
                .withDetail("reachable", health.reachable())
                .build();
    }
}
