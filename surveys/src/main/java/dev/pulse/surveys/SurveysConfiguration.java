package dev.pulse.surveys;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the module's settings; the operational database itself is Spring Boot's data source and Flyway. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SurveysSettings.class)
class SurveysConfiguration {}
