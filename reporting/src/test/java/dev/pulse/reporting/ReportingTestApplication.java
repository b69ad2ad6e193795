package dev.pulse.reporting;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring application the reporting ITs start: the warehouse, the metrics and this module, nothing else. */
@SpringBootApplication(scanBasePackages = "dev.pulse")
class ReportingTestApplication {}
