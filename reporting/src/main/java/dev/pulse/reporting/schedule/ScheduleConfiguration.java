package dev.pulse.reporting.schedule;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTaskWithPersistentSchedule;
import com.github.kagkarlsson.scheduler.task.helper.ScheduleAndData;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.kernel.RegionDirectory;
import dev.pulse.reporting.ReportRuns;
import dev.pulse.reporting.ReportingSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Wires schedules on db-scheduler: the schedules live in the operational database, one instance of
 * the burst task per schedule; due executions (also those missed while the service was down) run
 * once across all instances, and a failed burst is retried with exponential backoff. Editing a schedule replans
 * its instance; deleting one cancels it; one that is running then replans or ends itself (see {@link BurstTask}).
 */
@Configuration(proxyBeanMethods = false)
class ScheduleConfiguration {

    static final String TASK = "report-schedule";

    @Bean
    ScheduleStore scheduleStore(DataSource dataSource) {
        return new ScheduleStore(JdbcClient.create(dataSource));
    }

    @Bean
    Burst burst(
            ScheduleStore store,
            ReportRuns runs,
            JavaMailSender mail,
            ReportingSettings settings,
            ObjectProvider<RegionDirectory> directory) {
        // without a module that keeps region owners (the surveys module does), a region needs named recipients
        return new Burst(
                store,
                runs,
                new DeliveryMailer(mail, settings.mailFrom(), settings.dashboardUrl()),
                directory.getIfAvailable(() -> RegionDirectory.NONE),
                Clock.systemUTC());
    }

    @Bean
    RecurringTaskWithPersistentSchedule<ScheduleAndData> burstTask(
            Burst burst, ScheduleStore store, ReportingSettings settings) {
        return new BurstTask(burst, store, settings.retryBackoff());
    }

    @Bean(destroyMethod = "stop")
    Scheduler reportScheduler(
            DataSource dataSource,
            RecurringTaskWithPersistentSchedule<ScheduleAndData> burstTask,
            List<RecurringTask<?>> fixedTasks) {
        return Scheduler.create(dataSource, burstTask)
                .startTasks(fixedTasks)
                .threads(2)
                .pollingInterval(Duration.ofSeconds(10))
                .build();
    }

    @Bean
    ScheduleService reportSchedules(
            ScheduleStore store,
            Scheduler scheduler,
            RecurringTaskWithPersistentSchedule<ScheduleAndData> burstTask,
            PulseSettings pulse) {
        return new ScheduleService(store, scheduler, burstTask, pulse.regions(), pulse.timezone(), Clock.systemUTC());
    }

    /** Starts polling once the application is ready, so a due burst never meets half-started beans. */
    @EventListener(ApplicationReadyEvent.class)
    void startScheduler(ApplicationReadyEvent event) {
        if (event.getApplicationContext().getBean(ReportingSettings.class).schedulerEnabled()) {
            event.getApplicationContext().getBean(Scheduler.class).start();
        }
    }
}
