package dev.pulse.reporting;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds reporting's settings; the renderer and the report data are wired in their own packages
 * ({@code render.RenderConfiguration}, {@code data.DataConfiguration}), so this package never reaches into them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportingSettings.class)
class ReportingConfiguration {}
