package dev.pulse.dashboards.security;

import dev.pulse.kernel.KernelSettings;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the JSON body limit right after Spring Security (order -100): a caller is authenticated
 * before anything of their body is read, and nothing after reads more than the limit.
 */
@Configuration(proxyBeanMethods = false)
class BodyLimitConfiguration {

    @Bean
    FilterRegistrationBean<JsonBodyLimitFilter> jsonBodyLimitFilter(
            KernelSettings settings, ProblemResponses problems) {
        FilterRegistrationBean<JsonBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new JsonBodyLimitFilter((int) settings.jsonBodyLimit().toBytes(), problems));
        registration.setOrder(-50);
        return registration;
    }
}
