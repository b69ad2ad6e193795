package dev.pulse.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** {@code pulse.ingest.fsync} is on unless switched off, by property or by the documented environment variable. */
class IngestSettingsTest {

    /** Binds from {@code source} alone, so that this machine's own environment cannot change the answer. */
    static IngestSettings bind(PropertySource<?> source) {
        return new Binder(ConfigurationPropertySources.from(source)).bindOrCreate("pulse.ingest", IngestSettings.class);
    }

    @Test
    void fsyncIsOnByDefaultAndInTheDefaultsForCodeWithoutSpring() {
        assertThat(bind(new MapPropertySource("none", Map.of())).fsync()).isTrue();
        assertThat(IngestSettings.defaults()).isEqualTo(bind(new MapPropertySource("none", Map.of())));
    }

    @Test
    void fsyncIsSwitchedOffByThePropertyOrTheEnvironmentVariable() {
        assertThat(bind(new MapPropertySource("yml", Map.of("pulse.ingest.fsync", "false")))
                        .fsync())
                .isFalse();
        assertThat(bind(new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("PULSE_INGEST_FSYNC", "false")))
                        .fsync())
                .isFalse();
    }
}
