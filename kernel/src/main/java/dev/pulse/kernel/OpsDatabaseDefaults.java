package dev.pulse.kernel;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the operational database at an H2 file under {@code pulse.data-dir} when no
 * {@code spring.datasource.url} ({@code PULSE_DB_URL}) is given. Done in code because H2 refuses
 * relative paths that do not start with {@code ./}, and {@code PULSE_DATA_DIR} may be any path.
 * Also makes Flyway read every module's files under {@code db/ops}.
 */
public class OpsDatabaseDefaults implements EnvironmentPostProcessor, Ordered {

    /** H2 options that keep the portable migration files valid on both H2 and PostgreSQL. */
    public static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || url.isBlank()) {
            Path dataDir = Path.of(environment.getProperty("pulse.data-dir", "./data"))
                    .toAbsolutePath()
                    .normalize();
            defaults.put(
                    "spring.datasource.url",
                    "jdbc:h2:file:" + dataDir.resolve("ops").resolve("pulse") + H2_OPTIONS);
            defaults.put("spring.datasource.username", environment.getProperty("spring.datasource.username", "sa"));
        }
        if (!environment.containsProperty("spring.flyway.locations")) {
            defaults.put("spring.flyway.locations", "classpath:db/ops");
            defaults.put("spring.flyway.out-of-order", "true");
        }
        if (!defaults.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("pulseOpsDatabaseDefaults", defaults));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
