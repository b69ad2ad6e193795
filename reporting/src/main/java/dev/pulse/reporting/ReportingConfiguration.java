package dev.pulse.reporting;

import dev.pulse.kernel.PulseSettings;
import dev.pulse.reporting.data.ReportDataService;
import dev.pulse.reporting.render.ReportRenderer;
import dev.pulse.warehouse.WriteWatermark;
import dev.pulse.warehouse.metrics.Metrics;
import java.time.Clock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Wires the renderer and the report data; a missing font stops the application at start-up, not at the first report. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportingSettings.class)
class ReportingConfiguration {

    @Bean(destroyMethod = "close")
    ReportRenderer reportRenderer(ReportingSettings settings, PulseSettings pulse) {
        return new ReportRenderer(settings.fontDir(), pulse.timezone());
    }

    /** Compiles the templates in the background once the application is up: the first report is then as fast as the rest. */
    @EventListener(ApplicationReadyEvent.class)
    void compileTemplates(ApplicationReadyEvent event) {
        ReportRenderer renderer = event.getApplicationContext().getBean(ReportRenderer.class);
        Thread.ofVirtual().name("report-templates").start(renderer::warmUp);
    }

    @Bean
    ReportDataService reportDataService(
            Metrics metrics, WriteWatermark watermark, PulseSettings pulse, ReportingSettings settings) {
        return new ReportDataService(metrics, watermark, pulse, settings, Clock.systemUTC());
    }
}
