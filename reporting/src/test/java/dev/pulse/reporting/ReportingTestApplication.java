package dev.pulse.reporting;

import dev.pulse.kernel.AuditLog;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The Spring application the reporting ITs start: the warehouse, the metrics and this module, nothing else. */
@SpringBootApplication(scanBasePackages = "dev.pulse")
class ReportingTestApplication {

    /** The audit log lives with the application (dashboards); these tests do not read it. */
    @Bean
    AuditLog auditLog() {
        return event -> {};
    }
}
