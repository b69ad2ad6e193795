package dev.pulse.dashboards.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;

/**
 * The language of pages and metric labels: the signed-in person's choice, kept in the session
 * (set at sign-in from the account); before sign-in, and for API keys, the Accept-Language header.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    LocaleResolver localeResolver() {
        return new SessionLocaleResolver();
    }
}
