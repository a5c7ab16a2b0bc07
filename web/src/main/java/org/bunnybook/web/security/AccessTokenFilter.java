package org.bunnybook.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.bunnybook.web.error.ErrorResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates a request by its access token, from the {@code Authorization: Bearer} header or else the access
 * cookie (which {@link SameOriginWrites} has checked comes from a page of ours if it asks for a change). No token
 * means anonymous; a token that does not verify is a 401 even where anonymous access is allowed, so a client with a
 * broken token finds out instead of silently seeing less. So is a token of a session that has ended
 * ({@link RevocationList}: one in-memory lookup). The endpoints that obtain, renew or end a session ignore
 * access tokens: an expired or foreign one must not keep a member from logging in again.
 */
class AccessTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    /** The endpoints that obtain, renew or end a session (SameOriginWrites guards them too). */
    static final Set<String> SESSION_ENDPOINTS = Set.of("/web/register", "/web/login", "/web/refresh", "/web/logout");

    private final Tokens tokens;
    private final RevocationList revocations;
    private final ErrorResponses errors;

    AccessTokenFilter(Tokens tokens, RevocationList revocations, ErrorResponses errors) {
        this.tokens = tokens;
        this.revocations = revocations;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SESSION_ENDPOINTS.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> presented = presentedToken(request);
        if (presented.isPresent()) {
            Optional<Tokens.AccessGrant> grant = tokens.readAccessGrant(presented.get());
            if (grant.isEmpty() || revocations.isRevoked(grant.get().sessionId())) {
                errors.write(response, HttpStatus.UNAUTHORIZED);
                return;
            }
            authenticate(grant.get());
        }
        chain.doFilter(request, response);
    }

    private static Optional<String> presentedToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            return Optional.of(header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? header.substring(BEARER.length()).trim()
                    : ""); // another scheme, or garbage: not a token we accept
        }
        return AuthCookies.read(request, AuthCookies.ACCESS).filter(value -> !value.isEmpty());
    }

    private static void authenticate(Tokens.AccessGrant grant) {
        var authority = new SimpleGrantedAuthority("ROLE_" + grant.member().role().name());
        var authentication = new UsernamePasswordAuthenticationToken(grant.member(), null, List.of(authority));
        authentication.setDetails(grant); // the token's expiry, for GET /web/session
        SecurityContextHolder.getContext().setAuthentication(authentication);
    }
}
