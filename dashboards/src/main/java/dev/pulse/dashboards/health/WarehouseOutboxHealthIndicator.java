package dev.pulse.dashboards.health;

import dev.pulse.surveys.outbox.WarehouseOutbox;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Survey and case events waiting for the warehouse, in {@code /actuator/health} (component
 * {@code warehouseOutbox}): how many, and how many the warehouse refused too often ({@code deadLetters},
 * listed on {@code /admin/outbox}). Always UP, since waiting is what the outbox is for when the
 * warehouse is away (the {@code engine} component says whether it is); a count that keeps growing,
 * or any dead letter, is what an operator watches for.
 */
@Component
class WarehouseOutboxHealthIndicator implements HealthIndicator {

    private final WarehouseOutbox outbox;

    WarehouseOutboxHealthIndicator(WarehouseOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Health health() {
        return Health.up()
                .withDetail("pending", outbox.pending())
                .withDetail("deadLetters", outbox.deadLetterCount())
                .build();
    }
}
