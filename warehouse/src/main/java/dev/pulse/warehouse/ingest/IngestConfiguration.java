package dev.pulse.warehouse.ingest;

import dev.pulse.warehouse.IngestSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the ingestion limits wherever the ingestion service runs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestSettings.class)
class IngestConfiguration {}
