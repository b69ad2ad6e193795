package dev.pulse.kernel;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the settings every module shares, so that a module's test application needs nothing else. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KernelSettings.class, PulseSettings.class})
class KernelConfiguration {}
