package org.bunnybook.web.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The HttpOnly cookies the web UI authenticates with. The refresh cookie is scoped to {@code /web/refresh} and
 * SameSite=Strict: it only ever needs to reach the refresh endpoint, from our own pages, so no other route (and no
 * bug or log of one) ever sees it. Logout names the session by the access token instead.
 */
@Component
public class AuthCookies {

    public static final String ACCESS = "access_token";
    public static final String REFRESH = "refresh_token";
    public static final String REFRESH_PATH = "/web/refresh";
    /** Where refresh cookies were scoped before: cleared too, so browsers that still hold one drop it. */
    private static final String FORMER_REFRESH_PATH = "/web";

    private final CookieProperties properties;

    AuthCookies(CookieProperties properties) {
        this.properties = properties;
    }

    public void set(HttpServletResponse response, Tokens.IssuedToken access, Tokens.IssuedToken refresh) {
        add(response, cookie(ACCESS, access.jwt(), "/", "Lax", untilExpiry(access.expiresAt())));
        add(response, cookie(REFRESH, refresh.jwt(), REFRESH_PATH, "Strict", untilExpiry(refresh.expiresAt())));
    }

    public void clear(HttpServletResponse response) {
        add(response, cookie(ACCESS, "", "/", "Lax", Duration.ZERO));
        add(response, cookie(REFRESH, "", REFRESH_PATH, "Strict", Duration.ZERO));
        add(response, cookie(REFRESH, "", FORMER_REFRESH_PATH, "Strict", Duration.ZERO));
    }

    public static Optional<String> read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies).filter(c -> name.equals(c.getName())).map(Cookie::getValue).findFirst();
    }

    private ResponseCookie cookie(String name, String value, String path, String sameSite, Duration maxAge) {
        return ResponseCookie.from(name, value)
                .httpOnly(true)
                .secure(properties.secure())
                .sameSite(sameSite)
                .path(path)
                .maxAge(maxAge)
                .build();
    }

    private static Duration untilExpiry(Instant expiresAt) {
        return Duration.between(Instant.now(), expiresAt);
    }

    private static void add(HttpServletResponse response, ResponseCookie cookie) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }
}
