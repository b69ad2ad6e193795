package dev.pulse.dashboards.audit;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.pulse.kernel.PulseSettings;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;

/**
 * Wires the audit log: the store every module writes to, the security events it listens to, and the
 * daily retention purge, a db-scheduler task that the report scheduler runs once across instances.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditSettings.class)
class AuditConfiguration {

    @Bean
    AuditStore auditLog(DataSource dataSource) {
        return new AuditStore(JdbcClient.create(dataSource));
    }

    /** Every night at 03:30 in pulse.timezone, once across instances (db-scheduler's table decides who runs it). */
    @Bean
    RecurringTask<Void> auditRetentionTask(AuditStore store, AuditSettings settings, PulseSettings pulse) {
        return Tasks.recurring("audit-retention", Schedules.cron("0 30 3 * * ?", pulse.timezone()))
                .execute((instance, context) ->
                        store.purge(context.getExecution().executionTime.minus(settings.retention())));
    }

    /** Publishes sign-in failures of every kind (a throttled one too), not only the mapped ones, for {@link SecurityAudit}. */
    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher events) {
        DefaultAuthenticationEventPublisher publisher = new DefaultAuthenticationEventPublisher(events);
        publisher.setDefaultAuthenticationFailureEvent(AuthenticationFailureBadCredentialsEvent.class);
        return publisher;
    }

    /** Makes the URL rules and {@code @PreAuthorize} publish their refusals, for {@link SecurityAudit}. */
    @Bean
    AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher events) {
        return new SpringAuthorizationEventPublisher(events);
    }
}
