package org.bunnybook.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.bunnybook.web.error.ErrorResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

import java.io.IOException;
import java.util.Set;

/**
 * Refuses a change asked for by a page of another origin when the browser would vouch for it with our cookies. SameSite
 * keeps other sites' pages from sending them, but not a sibling subdomain's (same site, other origin), nor a page on
 * another port of our host: so cookies may change things, and log in, renew or end a session, only for pages of our own
 * origin. Browsers say where a request comes from in {@code Sec-Fetch-Site}, older ones (and plain-HTTP pages) in
 * {@code Origin}, compared as scheme, host and port with forwarded headers honoured; a client that sends neither is not
 * a browser page, and bearer tokens are never sent by a browser on its own. Audit reads count as changes here: they
 * record an event, and SameSite=Lax cookies go along with a link followed from another site.
 */
final class SameOriginWrites extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final ErrorResponses errors;

    SameOriginWrites(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        boolean vouchedByCookies = request.getHeader(HttpHeaders.AUTHORIZATION) == null
                // a forged login would put the member in the attacker's account; a forged logout, out of their own
                && (AuthCookies.read(request, AuthCookies.ACCESS).isPresent()
                || AccessTokenFilter.SESSION_ENDPOINTS.contains(request.getRequestURI()));
        return !recordsSomething(request) || !vouchedByCookies;
    }

    /** Every change, and the audit reads too: each one records who consulted what (a link on any page could). */
    private static boolean recordsSomething(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod()) || request.getRequestURI().startsWith("/web/audit/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (fromOurOrigin(request)) {
            chain.doFilter(request, response);
        } else {
            errors.write(response, HttpStatus.FORBIDDEN);
        }
    }

    private static boolean fromOurOrigin(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin") || site.equals("none"); // "none": typed by the member themself
        }
        return WebUtils.isSameOrigin(new ServletServerHttpRequest(request)); // true without an Origin header
    }
}
