package dev.pulse.kernel;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every module shares; bound from {@code pulse.*}.
 *
 * @param dataDir where all local data lives ({@code PULSE_DATA_DIR})
 * @param timezone the zone in which days and months are counted
 * @param regions the sales regions, in display order
 */
@ConfigurationProperties("pulse")
public record PulseSettings(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("Asia/Shanghai") ZoneId timezone,

        @DefaultValue({"华北", "东北", "华东", "华中", "华南", "西南", "西北"})
        List<String> regions) {}
