package dev.pulse.surveys.cases;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the follow-up settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FollowUpSettings.class)
class CaseConfiguration {}
