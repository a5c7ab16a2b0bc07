package org.bunnybook.web.observability;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.core.env.Environment;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Who may read the actuator's endpoints other than health (metrics, above all). On their own management port
 * ({@code management.server.port}, the default outside the {@code local} and {@code test} profiles) anyone who can
 * reach the port: the network keeps it private, and Prometheus scrapes it without credentials. Should they share the
 * public port anyway, only administrators, unless {@code bunnybook.management.open-on-public-port} says this is
 * one's own machine (as in {@code local} and the tests). Health stays open: load balancers probe it.
 */
@Component
public class ManagementEndpointAccess implements AuthorizationManager<RequestAuthorizationContext> {

    /** Every actuator endpoint but health (on the management port when it has its own). */
    public static final RequestMatcher OTHER_ENDPOINTS = EndpointRequest.toAnyEndpoint().excluding(HealthEndpoint.class);

    private final boolean open;

    ManagementEndpointAccess(Environment environment) {
        this.open = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT
                || environment.getProperty("bunnybook.management.open-on-public-port", Boolean.class, false);
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        return new AuthorizationDecision(open || isAdmin(authentication.get()));
    }

    private static boolean isAdmin(Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch("ROLE_ADMIN"::equals);
    }
}
