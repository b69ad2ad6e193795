package dev.pulse.surveys.response;

import dev.pulse.surveys.SurveysSettings;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the body budget first, before Spring's own form reader for PUT, PATCH and DELETE (order
 * -9900), and the public form reader in front of Spring Security (whose filters start at order
 * -100), so that no body of a public page is read before it is counted.
 */
@Configuration(proxyBeanMethods = false)
class ResponsePageConfiguration {

    @Bean
    PublicBodyBudget publicBodyBudget(SurveysSettings settings) {
        return new PublicBodyBudget(settings.publicBodyBudget().toBytes());
    }

    @Bean
    FilterRegistrationBean<PublicBodyBudgetFilter> publicBodyBudgetFilter(
            PublicBodyBudget budget, SurveysSettings settings) {
        FilterRegistrationBean<PublicBodyBudgetFilter> registration = new FilterRegistrationBean<>(
                new PublicBodyBudgetFilter(budget, settings.maxFormBytes().toBytes()));
        registration.addUrlPatterns("/s/*");
        registration.setOrder(-10_000);
        return registration;
    }

    @Bean
    FilterRegistrationBean<PublicFormFilter> publicFormFilter(SurveysSettings settings) {
        FilterRegistrationBean<PublicFormFilter> registration = new FilterRegistrationBean<>(
                new PublicFormFilter((int) settings.maxFormBytes().toBytes()));
        registration.addUrlPatterns("/s/*");
        registration.setOrder(-200);
        return registration;
    }
}
