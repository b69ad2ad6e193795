package dev.pulse.kernel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of what every module shares; bound from {@code pulse.kernel.*}.
 *
 * @param jsonBodyLimit the largest JSON request body any API reads; a survey definition with 100
 *                      questions of 50 options in two languages fits well within the default
 */
@ConfigurationProperties("pulse.kernel")
public record KernelSettings(@DefaultValue("1MB") DataSize jsonBodyLimit) {}
