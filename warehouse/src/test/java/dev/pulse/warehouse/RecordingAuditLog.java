package dev.pulse.warehouse;

import dev.pulse.kernel.AuditEvent;
import dev.pulse.kernel.AuditLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** The audit log of the warehouse's own Spring tests, which have no operational database: entries stay in memory. */
@Component
public class RecordingAuditLog implements AuditLog {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    /** What was recorded so far, oldest first. */
    public List<AuditEvent> events() {
        return List.copyOf(events);
    }
}
