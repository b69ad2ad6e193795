package dev.pulse.kernel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of what every module shares; bound from {@code pulse.kernel.*}.
 *
 * @param jsonBodyLimit the largest JSON request body any API reads, and the largest body of any API but
 *     ingestion that dashboards' filter lets through; a survey definition with 100 questions of 50 options
 *     in two languages fits well within the default
 */
@ConfigurationProperties("pulse.kernel")
public record KernelSettings(@DefaultValue("1MB") DataSize jsonBodyLimit) {

    /** The property's name, as problems and messages name it. */
    public static final String JSON_BODY_LIMIT = "pulse.kernel.json-body-limit";

    public KernelSettings {
        if (jsonBodyLimit == null || jsonBodyLimit.toBytes() < 1 || jsonBodyLimit.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(JSON_BODY_LIMIT + " must be between 1B and 2GB");
        }
    }
}
