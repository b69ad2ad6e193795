package dev.pulse.surveys.response;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the public form reader in front of Spring Security (whose filters start at order -100). */
@Configuration(proxyBeanMethods = false)
class ResponsePageConfiguration {

    @Bean
    FilterRegistrationBean<PublicFormFilter> publicFormFilter() {
        FilterRegistrationBean<PublicFormFilter> registration = new FilterRegistrationBean<>(new PublicFormFilter());
        registration.addUrlPatterns("/s/*");
        registration.setOrder(-200);
        return registration;
    }
}
