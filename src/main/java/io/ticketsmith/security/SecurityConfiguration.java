package io.ticketsmith.security;

import static org.springframework.security.config.Customizer.withDefaults;

import jakarta.servlet.Filter;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.util.unit.DataSize;

/**
 * Three doors, one identity store (the engine's users and groups):
 * <ul>
 *   <li>{@code /engine-rest}: Camunda's own HTTP Basic filter, so the engine's authorizations decide
 *       (401 without valid credentials, 403 without the authorization) - this is what Modeler uses;</li>
 *   <li>{@code /api/**} and actuator: Spring Security with HTTP Basic against the same users; health is open
 *       for load balancers and container health checks, everything else needs a login. A webapp login also
 *       opens the API for reading (the Cockpit plugin uses it), never for changes;</li>
 *   <li>the webapps under {@code /camunda}: their own session login and CSRF protection.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * Spring Security observes nothing: no observation around the filter chain and each of its filters, the
     * authentication and the authorization. They would be started and stopped at every HTTP call, the intake's, the
     * webhooks' and Tasklist's, for {@code spring.security.*} meters nothing reads. Each HTTP call is still measured
     * once, as {@code http.server.requests}.
     */
    @Bean
    static SecurityObservationSettings securityObservesNothing() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    IdentityLogins identityLogins(IdentityService identityService, SecurityProperties properties,
            java.time.Clock clock) {
        return new IdentityLogins(identityService, properties.authenticationCacheTtl(), clock);
    }

    @Bean
    AuthenticationProvider camundaIdentityAuthenticationProvider(IdentityLogins logins) {
        return new CamundaIdentityAuthenticationProvider(logins);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiAndActuatorSecurity(HttpSecurity http,
            @Value("${camunda.bpm.process-engine-name:default}") String engineName,
            @Value("${ticketsmith.security.public-api-docs:false}") boolean publicApiDocs) throws Exception {
        http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                .authorizeHttpRequests(requests -> requests
                        // The API's documentation needs a login, except in the embedded demo.
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                        .access((authentication, context) -> new AuthorizationDecision(publicApiDocs
                                || authentication.get() != null && authentication.get().isAuthenticated()
                                        && !(authentication.get() instanceof AnonymousAuthenticationToken)))
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint())
                        .hasAnyRole(TicketsmithGroups.ADMINS, TicketsmithGroups.OPERATORS, TicketsmithGroups.MONITORING)
                        // The webhook checks Jira's signature itself; Jira cannot log in.
                        .requestMatchers(HttpMethod.POST, "/api/webhooks/jira").permitAll()
                        // Zendesk signs its webhook calls; the controller checks the signature.
                        .requestMatchers(HttpMethod.POST, "/api/zendesk/webhook").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/zendesk/triage")
                        .hasAnyRole(TicketsmithGroups.ADMINS, TicketsmithGroups.OPERATORS)
                        .requestMatchers(HttpMethod.GET, "/api/costs")
                        .hasAnyRole(TicketsmithGroups.ADMINS, TicketsmithGroups.OPERATORS, TicketsmithGroups.AUDITORS)
                        // Support leads' figures; reviewers and API clients have no business with them.
                        .requestMatchers(HttpMethod.GET, "/api/analytics/**")
                        .hasAnyRole(TicketsmithGroups.ADMINS, TicketsmithGroups.LEADS, TicketsmithGroups.OPERATORS,
                                TicketsmithGroups.AUDITORS)
                        .requestMatchers(HttpMethod.POST, "/api/knowledge/sync")
                        .hasAnyRole(TicketsmithGroups.ADMINS, TicketsmithGroups.OPERATORS)
                        .requestMatchers(HttpMethod.GET, "/api/knowledge/sync")
                        .hasAnyRole(TicketsmithGroups.ADMINS, TicketsmithGroups.OPERATORS, TicketsmithGroups.AUDITORS)
                        // Replaying the analysis reads finished requests' texts and spends on the LLM.
                        .requestMatchers("/api/replays/analysis", "/api/replays/analysis/**")
                        .hasAnyRole(TicketsmithGroups.ADMINS, TicketsmithGroups.PROCESS_OWNERS, TicketsmithGroups.AUDITORS)
                        .requestMatchers(HttpMethod.POST, "/api/triage/run")
                        .hasAnyRole(TicketsmithGroups.ADMINS, TicketsmithGroups.OPERATORS)
                        .requestMatchers(HttpMethod.POST, "/api/requests")
                        .hasAnyRole(TicketsmithGroups.ADMINS, TicketsmithGroups.API_CLIENTS)
                        .requestMatchers(HttpMethod.POST, "/api/plan")
                        .hasAnyRole(TicketsmithGroups.ADMINS, TicketsmithGroups.API_CLIENTS, TicketsmithGroups.REVIEWERS,
                                TicketsmithGroups.LEADS, TicketsmithGroups.PROCESS_OWNERS)
                        // What-if replays read every finished request's decision: owners tune the table, auditors check it.
                        .requestMatchers("/api/replays", "/api/replays/**")
                        .hasAnyRole(TicketsmithGroups.ADMINS, TicketsmithGroups.PROCESS_OWNERS, TicketsmithGroups.AUDITORS)
                        .requestMatchers(HttpMethod.GET, "/api/requests/*/record", "/api/requests/*/feedback")
                        .hasAnyRole(TicketsmithGroups.ADMINS, TicketsmithGroups.AUDITORS)
                        .requestMatchers(HttpMethod.GET, "/api/requests", "/api/requests/**")
                        .hasAnyRole(TicketsmithGroups.ADMINS, TicketsmithGroups.API_CLIENTS, TicketsmithGroups.AUDITORS,
                                TicketsmithGroups.OPERATORS, TicketsmithGroups.REVIEWERS, TicketsmithGroups.LEADS)
                        .anyRequest().authenticated())
                .httpBasic(withDefaults())
                .addFilterBefore(new WebappSessionAuthenticationFilter(engineName), BasicAuthenticationFilter.class)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /** The webapps and engine REST bring their own authentication, CSRF protection and security headers. */
    @Bean
    @Order(2)
    SecurityFilterChain camundaSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    @Bean
    FilterRegistrationBean<Filter> httpBoundary(
            @Value("${spring.jersey.application-path:/engine-rest}") String engineRestPath,
            @Value("${ticketsmith.security.max-api-body:256KB}") DataSize maxApiBody,
            @Value("${ticketsmith.security.max-webhook-body:1MB}") DataSize maxWebhookBody,
            @Value("${ticketsmith.security.max-engine-body:20MB}") DataSize maxEngineBody) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new HttpBoundaryFilter(
                maxApiBody.toBytes(), maxWebhookBody.toBytes(), maxEngineBody.toBytes()));
        registration.setName("http-boundary");
        registration.addUrlPatterns("/api/*", engineRestPath + "/*");
        // Before anything reads a body or authenticates: a refused call costs nothing.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> apiClientsStayOutOfWebapps(IdentityService identityService,
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                new ApiClientsStayOutOfWebapps(identityService));
        registration.setName("api-clients-stay-out-of-webapps");
        registration.addUrlPatterns(webappPath + "/api/admin/auth/user/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> engineRestAuthenticationFilter(
            @Value("${spring.jersey.application-path:/engine-rest}") String engineRestPath,
            ObjectProvider<IdentityLogins> logins) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                new EngineRestAuthenticationFilter(logins::getObject));
        registration.setName("engine-rest-authentication");
        registration.addUrlPatterns(engineRestPath + "/*");
        registration.setAsyncSupported(true);
        return registration;
    }
}
