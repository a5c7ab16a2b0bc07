package org.bunnybook.web.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;

/**
 * Gives every HTTP request its correlation id up front and puts it in the logging context ({@code correlationId} in
 * the MDC), so every line logged while serving the request carries the id its commands and events will carry too:
 * the security module's {@code RequestOriginOfMember} takes the id from the request attribute set here. Runs right
 * after Spring's observation filter, before security, so that its lines carry the id (and the trace, when on).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class CorrelationIdLogging extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(CorrelationIdLogging.class);

    static final String MDC_KEY = "correlationId";
    /** The request attribute {@code RequestOriginOfMember} reads the correlation id of the request from. */
    static final String REQUEST_ATTRIBUTE = "org.bunnybook.web.security.RequestOriginOfMember.correlationId";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String correlationId = UUID.randomUUID().toString();
        request.setAttribute(REQUEST_ATTRIBUTE, correlationId);
        MDC.put(MDC_KEY, correlationId);
        try {
            chain.doFilter(request, response);
            // an access log, at DEBUG: the line that ties a request to its correlation id
            log.debug("{} {} answered {}", request.getMethod(), request.getRequestURI(), response.getStatus());
        } finally {
            MDC.remove(MDC_KEY);
        }
    }
}
