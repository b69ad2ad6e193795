package dev.pulse.reporting.data;

import dev.pulse.kernel.PulseSettings;
import dev.pulse.reporting.ReportingSettings;
import dev.pulse.warehouse.WriteWatermark;
import dev.pulse.warehouse.metrics.Metrics;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the report data, read through the governed metrics. */
@Configuration(proxyBeanMethods = false)
class DataConfiguration {

    @Bean
    ReportDataService reportDataService(
            Metrics metrics, WriteWatermark watermark, PulseSettings pulse, ReportingSettings settings) {
        return new ReportDataService(metrics, watermark, pulse, settings, Clock.systemUTC());
    }
}
