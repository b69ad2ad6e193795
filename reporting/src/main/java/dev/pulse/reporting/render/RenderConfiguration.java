package dev.pulse.reporting.render;

import dev.pulse.kernel.PulseSettings;
import dev.pulse.reporting.ReportingSettings;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Wires the renderer; a missing font stops the application at start-up, not at the first report. */
@Configuration(proxyBeanMethods = false)
class RenderConfiguration {

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
}
