package org.bunnybook.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

import java.net.URI;
import java.util.Set;

/**
 * Whether a request that changes something may be authenticated by the access cookie. SameSite=Lax keeps other sites'
 * forms from sending it, but not a sibling subdomain's (same site, other origin): so a cookie may only change things
 * for pages of our own origin. Browsers say where a request comes from in {@code Sec-Fetch-Site}, older ones in
 * {@code Origin}; a client that sends neither is not a browser page, and cannot have been tricked into using a cookie.
 */
final class SameOriginWrites {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private SameOriginWrites() {
    }

    static boolean allowed(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return true;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin") || site.equals("none"); // "none": typed by the member themself
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        return origin == null || sameHost(origin, request.getServerName());
    }

    private static boolean sameHost(String origin, String host) {
        try {
            return host.equalsIgnoreCase(URI.create(origin).getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
