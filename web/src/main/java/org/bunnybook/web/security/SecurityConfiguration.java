package org.bunnybook.web.security;

import org.bunnybook.web.error.ErrorResponses;
import org.bunnybook.web.observability.ManagementEndpointAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import java.time.Duration;

/**
 * Stateless JWT security. Endpoints that need a member say so here; finer rules ("auth as me") live with the
 * endpoints. Spring's CSRF tokens are off: state-changing requests authenticate with a bearer token, which no
 * browser sends on its own, or with SameSite cookies, which other sites' pages cannot make a browser send and which
 * {@link SameOriginWrites} accepts only from pages of our own origin (a sibling subdomain is the same site).
 */
@Configuration
class SecurityConfiguration {

    /**
     * The UI loads only its own files: no inline script (an injected one would not run), no framing (no
     * clickjacking), images from here or inlined by the build, sockets and requests to this origin only.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** Nothing of the browser's hardware or location is ever needed. */
    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "interest-cohort=()";

    /**
     * No observations of the security chain's filters, authentications and authorizations. With an observation
     * registry present, Spring Security wraps every filter of the chain in observations of its own, a cost each
     * request paid (docs/performance.md, "HTTP reads under load") for metrics nothing reads and spans nested in the
     * request's; the request itself is still observed as a whole ({@code http.server.requests}, and its span when
     * tracing is on). The filters all still run.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, Tokens tokens, RevocationList revocations,
                                            ErrorResponses errors, ManagementEndpointAccess management)
            throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frames -> frames.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY))
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)
                                .maxAgeInSeconds(Duration.ofDays(365).toSeconds())))
                .addFilterBefore(new AccessTokenFilter(tokens, revocations, errors), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new SameOriginWrites(errors), AccessTokenFilter.class)
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) ->
                                errors.write(response, HttpStatus.UNAUTHORIZED))
                        .accessDeniedHandler((request, response, e) -> errors.write(response, HttpStatus.FORBIDDEN)))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/web/me").authenticated()
                        .requestMatchers("/web/admin/reports", "/web/admin/reports/**")
                        .hasAnyRole("MODERATOR", "ADMIN")
                        .requestMatchers("/web/admin/**").hasRole("ADMIN")
                        .requestMatchers("/web/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers(ManagementEndpointAccess.OTHER_ENDPOINTS).access(management)
                        .anyRequest().permitAll())
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
