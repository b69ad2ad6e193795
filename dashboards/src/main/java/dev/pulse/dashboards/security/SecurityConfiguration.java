package dev.pulse.dashboards.security;

import dev.pulse.dashboards.DashboardsSettings;
import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.dashboards.embed.EmbedGrants;
import dev.pulse.kernel.PulseSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two filter chains. {@code /api/**} is authenticated by API keys, or by the session of a signed-in
 * person; it never creates a session, and needs the CSRF header only when the session cookie is
 * what authenticates (a bearer key is not sent by browsers on their own). In both, an embedded
 * page's requests are authenticated by the grant in their {@code X-Pulse-Embed} header. Everything else is the
 * web application: form login, sessions, CSRF, a Content-Security-Policy allowing only our own
 * scripts, with the public survey pages, static files and the health endpoint open. Method security
 * is on for {@code @PreAuthorize} in every module.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties({SecuritySettings.class, DashboardsSettings.class})
class SecurityConfiguration {

    /** Scripts and styles only from this origin; no inline script, no plug-ins; framing is added by {@link PageHeaders}. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    ApiKeys apiKeys(SecuritySettings settings, PulseSettings pulse) {
        return new ApiKeys(settings.apiKeys(), pulse.regions());
    }

    @Bean
    ProblemResponses problemResponses(tools.jackson.databind.json.JsonMapper json) {
        return new ProblemResponses(json);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    LoginThrottle loginThrottle(DashboardsSettings settings) {
        return new LoginThrottle(
                new LoginThrottle.Limits(
                        settings.loginFailures(),
                        settings.loginWindow(),
                        settings.loginUserFailures(),
                        settings.loginUserLock(),
                        settings.loginAddressFailures()),
                Clock.systemUTC());
    }

    /** The only authentication provider, so Spring Boot invents no default user (whose password it would log). */
    @Bean
    PasswordLogin passwordLogin(Accounts accounts, LoginThrottle throttle) {
        return new PasswordLogin(accounts, throttle);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(
            HttpSecurity http,
            ApiKeys keys,
            StoredApiKeys stored,
            EmbedGrants grants,
            ProblemResponses problems,
            Accounts accounts) {
        return http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfiguration::cookieAuthenticatedWrite))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .addFilterAfter(new SessionVersionFilter(accounts), SecurityContextHolderFilter.class)
                .addFilterBefore(new ApiKeyFilter(keys, stored, problems), AuthorizationFilter.class)
                .addFilterBefore(new EmbedGrantFilter(grants, problems), AuthorizationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(auth -> auth.requestMatchers("/api/v1/ingest/**")
                        .hasAnyRole("INGEST", "ADMIN")
                        .anyRequest()
                        .authenticated())
                .build();
    }

    /**
     * A write that the session cookie may authenticate: no bearer key or embed grant, and the browser sent a live session
     * (one that {@link SessionVersionFilter} ended authenticates nothing, so its request is 401, not a CSRF 403).
     */
    private static boolean cookieAuthenticatedWrite(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod())
                && request.getHeader("Authorization") == null
                && !EmbedGrantFilter.presentsGrant(request)
                && request.getRequestedSessionId() != null
                && request.isRequestedSessionIdValid();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(
            HttpSecurity http,
            EmbedGrants grants,
            ProblemResponses problems,
            Accounts accounts,
            ApiKeys keys,
            StoredApiKeys stored) {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        RequestMatcher any = AnyRequestMatcher.INSTANCE;
        return http.formLogin(form -> form.loginPage("/login")
                        .loginProcessingUrl("/login")
                        .successHandler(LoginHandlers.success())
                        .failureHandler(LoginHandlers.failure())
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                // an embedded page's requests carry its grant (exports in a header, its filter form in the body to
                // /embed/),
                // a secret that a forged cross-site request cannot know; a header that is not a live grant is refused
                // before CSRF
                .csrf(csrf -> csrf.ignoringRequestMatchers(EmbedGrantFilter::presentsGrant)
                        .ignoringRequestMatchers("/embed/**"))
                .addFilterBefore(new EmbedGrantFilter(grants, problems), CsrfFilter.class)
                .addFilterAfter(new SessionVersionFilter(accounts), SecurityContextHolderFilter.class)
                // the health endpoint shows its details to an ADMIN, who may also come with an API key
                .addFilterBefore(
                        new ApiKeyFilter(
                                keys,
                                stored,
                                problems,
                                PathPatternRequestMatcher.withDefaults().matcher("/actuator/**")),
                        AuthorizationFilter.class)
                .headers(h -> h.frameOptions(f -> f.disable())
                        .addHeaderWriter(new PageHeaders())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .exceptionHandling(
                        e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), html)
                                .defaultAuthenticationEntryPointFor(problems, any)
                                .accessDeniedHandler(problems))
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/s/**",
                                "/actuator/health",
                                "/actuator/health/**",
                                "/error",
                                "/login",
                                "/embed/**",
                                "/css/**",
                                "/js/**",
                                "/webjars/**",
                                "/favicon.ico")
                        .permitAll()
                        .requestMatchers("/admin/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/dashboards/**")
                        .hasAnyRole("EXECUTIVE", "ANALYST", "QUALITY", "REGIONAL_MANAGER", "ADMIN")
                        .anyRequest()
                        .authenticated())
                .build();
    }
}
