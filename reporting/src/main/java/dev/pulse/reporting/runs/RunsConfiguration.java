package dev.pulse.reporting.runs;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.reporting.ReportingSettings;
import dev.pulse.reporting.data.ReportDataService;
import dev.pulse.reporting.render.ReportRenderer;
import java.time.Clock;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires report runs over the operational database; runs of gone instances resume once the application is ready. */
@Configuration(proxyBeanMethods = false)
class RunsConfiguration {

    @Bean(destroyMethod = "close")
    ReportRunService reportRuns(
            DataSource dataSource,
            PlatformTransactionManager transactions,
            ReportDataService data,
            ReportRenderer renderer,
            PulseSettings pulse,
            ReportingSettings settings) {
        return new ReportRunService(
                new RunRepository(JdbcClient.create(dataSource), new TransactionTemplate(transactions)),
                data,
                renderer,
                new ReportFiles(pulse.dataDir().resolve("reports")),
                pulse.regions(),
                Executors.newFixedThreadPool(
                        settings.concurrentRuns(),
                        Thread.ofPlatform().name("report-run-", 0).factory()),
                Clock.systemUTC(),
                RunPolicy.of(settings));
    }

    @Bean
    Retention reportRetention(DataSource dataSource, ReportingSettings settings) {
        return new Retention(JdbcClient.create(dataSource), settings.retention());
    }

    /** Every night at 03:00 in pulse.timezone, once across instances. */
    @Bean
    RecurringTask<Void> reportRetentionTask(Retention retention, PulseSettings pulse) {
        return Tasks.recurring("report-retention", Schedules.cron("0 0 3 * * ?", pulse.timezone()))
                .execute((instance, context) -> retention.purge(context.getExecution().executionTime));
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinishedRuns(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(ReportRunService.class).recover();
    }
}
