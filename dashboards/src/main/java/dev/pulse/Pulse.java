package dev.pulse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Pulse application: every module's beans under {@code dev.pulse} in one Spring Boot process. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Pulse {

    public static void main(String[] args) {
        SpringApplication.run(Pulse.class, args);
    }
}
