package dev.pulse.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/** The one JSON body limit: 1MB unless configured, bound from its one property, refused outside 1B..2GB. */
class KernelSettingsTest {

    static KernelSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("pulse.kernel", KernelSettings.class);
    }

    @Test
    void theDefaultIsOneMegabyte() {
        assertThat(bind(Map.of()).jsonBodyLimit()).isEqualTo(DataSize.ofMegabytes(1));
    }

    @Test
    void theOnePropertySetsIt() {
        assertThat(bind(Map.of(KernelSettings.JSON_BODY_LIMIT, "64KB")).jsonBodyLimit())
                .isEqualTo(DataSize.ofKilobytes(64));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Integer.MAX_VALUE - 7})
    void aLimitOutsideOneByteToTwoGigabytesIsRefusedNamingTheProperty(long bytes) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new KernelSettings(DataSize.ofBytes(bytes)))
                .withMessage("pulse.kernel.json-body-limit must be between 1B and 2GB");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, Integer.MAX_VALUE - 8})
    void theEdgesAreAccepted(long bytes) {
        assertThat(new KernelSettings(DataSize.ofBytes(bytes)).jsonBodyLimit().toBytes())
                .isEqualTo(bytes);
    }
}
