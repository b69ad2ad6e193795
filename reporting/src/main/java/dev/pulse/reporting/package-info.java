/** Reporting: JasperReports PDFs per region, schedules with per-region bursting, delivery and archive. */
package dev.pulse.reporting;
