package dev.pulse.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class OpsDatabaseDefaultsTest {

    static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(properties)));
        new OpsDatabaseDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void withoutAUrlTheDatabaseIsAnH2FileUnderTheDataDirectory() {
        StandardEnvironment env = environment(Map.of("pulse.data-dir", "data dir/中文", "spring.datasource.url", ""));
        String expected = Path.of("data dir/中文")
                .toAbsolutePath()
                .normalize()
                .resolve("ops")
                .resolve("pulse")
                .toString();
        assertThat(env.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:h2:file:" + expected
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        assertThat(env.getProperty("spring.datasource.username")).isEqualTo("sa");
        assertThat(env.getProperty("spring.flyway.locations")).isEqualTo("classpath:db/ops");
        assertThat(env.getProperty("spring.flyway.out-of-order")).isEqualTo("true");
    }

    @Test
    void theDefaultDataDirectoryIsDotData() {
        assertThat(environment(Map.of()).getProperty("spring.datasource.url"))
                .startsWith("jdbc:h2:file:"
                        + Path.of("data").toAbsolutePath().normalize().resolve("ops"));
    }

    @Test
    void aGivenUrlAndFlywaySettingsAreKept() {
        StandardEnvironment env = environment(Map.of(
                "spring.datasource.url",
                "jdbc:postgresql://db:5432/pulse",
                "spring.datasource.username",
                "pulse",
                "spring.flyway.locations",
                "classpath:elsewhere"));
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/pulse");
        assertThat(env.getProperty("spring.datasource.username")).isEqualTo("pulse");
        assertThat(env.getProperty("spring.flyway.locations")).isEqualTo("classpath:elsewhere");
    }
}
