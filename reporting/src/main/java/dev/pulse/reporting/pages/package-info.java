/** Server-rendered pages for report schedules, the archive and running a report now; no JavaScript. */
package dev.pulse.reporting.pages;
