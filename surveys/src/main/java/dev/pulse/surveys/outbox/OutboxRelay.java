package dev.pulse.surveys.outbox;

import dev.pulse.surveys.PeriodicJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** Retries undelivered warehouse events every {@code pulse.surveys.outbox.interval} on a thread of its own. */
@Component
@EnableConfigurationProperties(OutboxSettings.class)
class OutboxRelay extends PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    OutboxRelay(WarehouseOutbox outbox, OutboxSettings settings) {
        super("warehouse-outbox", settings.interval(), () -> {
            int delivered = outbox.deliverDue();
            if (delivered > 0) {
                log.info("delivered {} pending warehouse events", delivered);
            }
        });
    }
}
