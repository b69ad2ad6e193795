package dev.pulse.warehouse.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether an empty warehouse gets demo data at startup; bound from {@code pulse.demo.*}.
 *
 * @param enabled load the demo data into an empty warehouse ({@code PULSE_DEMO_DATA}; {@code scripts/run} turns it on)
 * @param seed the same seed gives the same data
 * @param scale 1.0 is the full set (50 000 customers, 1 000 000 transactions, ...); 0.01 a hundredth of it
 */
@ConfigurationProperties("pulse.demo")
record DemoSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("20261111") long seed,
        @DefaultValue("1.0") double scale) {}
