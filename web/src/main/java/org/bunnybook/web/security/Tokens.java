package org.bunnybook.web.security;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.bunnybook.api.account.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Issues and checks the two kinds of JWT: short-lived access tokens naming the member, role and session, and refresh
 * tokens naming a session and one token of its family. Both are HS256 only; any other algorithm, a bad signature, an
 * expired token or one of the other kind is refused.
 */
@Component
@EnableConfigurationProperties({JwtProperties.class, CookieProperties.class})
public class Tokens {

    private static final Logger log = LoggerFactory.getLogger(Tokens.class);
    private static final String KIND = "kind";
    private static final String ACCESS = "access";
    private static final String REFRESH = "refresh";
    private static final String SESSION = "sid";

    private final SecretKey key;
    private final JwtProperties properties;
    private final Clock clock;
    /** Immutable and thread-safe: built once, not for every request (building was 8 % of verifying, profiled). */
    private final JwtParser parser;

    Tokens(JwtProperties properties, Environment environment, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.key = Keys.hmacShaKeyFor(secretBytes(properties.secret(), environment));
        this.parser = Jwts.parser().verifyWith(key).clock(() -> Date.from(clock.instant())).build();
    }

    private static byte[] secretBytes(String secret, Environment environment) {
        if (secret != null && !secret.isBlank()) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalStateException("bunnybook.jwt.secret must be at least 32 bytes long");
            }
            return bytes;
        }
        if (environment.acceptsProfiles(Profiles.of("local"))) {
            log.info("No bunnybook.jwt.secret set: using a random one; sessions end when the application stops");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        }
        throw new IllegalStateException("Set bunnybook.jwt.secret (BUNNYBOOK_JWT_SECRET), at least 32 bytes");
    }

    /** An access token for {@code member} in {@code sessionId}: revoking the session refuses it (RevocationList). */
    public IssuedToken issueAccess(Member member, UUID sessionId) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.accessLifetime());
        String jwt = Jwts.builder()
                .subject(member.profileId().toString())
                .claim(KIND, ACCESS)
                .claim("username", member.username())
                .claim("role", member.role().name())
                .claim(SESSION, sessionId.toString())
                .issuedAt(Date.from(now))
                .expiration(Date.from(expires))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
        return new IssuedToken(jwt, expires);
    }

    public IssuedToken issueRefresh(RefreshClaims claims) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.refreshLifetime());
        String jwt = Jwts.builder()
                .subject(claims.profileId().toString())
                .id(claims.tokenId().toString())
                .claim(KIND, REFRESH)
                .claim(SESSION, claims.sessionId().toString())
                .issuedAt(Date.from(now))
                .expiration(Date.from(expires))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
        return new IssuedToken(jwt, expires);
    }

    /** The member an access token vouches for, or empty if it is not a valid, current access token. */
    public Optional<Member> readAccess(String jwt) {
        return readAccessGrant(jwt).map(AccessGrant::member);
    }

    /** The member an access token vouches for and until when, or empty if it is not a valid, current access token. */
    public Optional<AccessGrant> readAccessGrant(String jwt) {
        return verify(jwt, ACCESS, claims -> new AccessGrant(new Member(
                UUID.fromString(claims.getSubject()),
                Objects.requireNonNull(claims.get("username", String.class)),
                Role.valueOf(claims.get("role", String.class))),
                UUID.fromString(claims.get(SESSION, String.class)),
                claims.getExpiration().toInstant()));
    }

    /**
     * The session an access token of ours names, even if the token has expired (but never if it is forged): logging
     * out after a long pause must still end the session it names.
     */
    public Optional<SessionOfToken> readSessionOfAnyAge(String jwt) {
        Optional<SessionOfToken> current = readAccessGrant(jwt)
                .map(grant -> new SessionOfToken(grant.sessionId(), grant.member().profileId()));
        if (current.isPresent() || jwt == null || jwt.isBlank() || jwt.length() > 4096) {
            return current;
        }
        try {
            parser.parseSignedClaims(jwt);
            return Optional.empty(); // valid yet not a current access token: another kind
        } catch (ExpiredJwtException expired) { // thrown only after the signature was verified
            Claims claims = expired.getClaims();
            if (!ACCESS.equals(claims.get(KIND)) || !"HS256".equals(expired.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            try {
                return Optional.of(new SessionOfToken(UUID.fromString(claims.get(SESSION, String.class)),
                        UUID.fromString(claims.getSubject())));
            } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
                return Optional.empty();
            }
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** What a refresh token names, or empty if it is not a valid, current refresh token. */
    public Optional<RefreshClaims> readRefresh(String jwt) {
        return verify(jwt, REFRESH, claims -> new RefreshClaims(
                UUID.fromString(claims.get("sid", String.class)),
                UUID.fromString(claims.getId()),
                UUID.fromString(claims.getSubject())));
    }

    /** Verifies the token and reads it; whatever is wrong with it, the answer is empty. */
    private <T> Optional<T> verify(String jwt, String kind, Function<Claims, T> reader) {
        if (jwt == null || jwt.isBlank() || jwt.length() > 4096) {
            return Optional.empty();
        }
        try {
            Jws<Claims> jws = parser.parseSignedClaims(jwt);
            if (!"HS256".equals(jws.getHeader().getAlgorithm()) || !kind.equals(jws.getPayload().get(KIND))) {
                return Optional.empty();
            }
            return Optional.of(reader.apply(jws.getPayload()));
        } catch (JwtException | IllegalArgumentException | ClassCastException | NullPointerException e) {
            return Optional.empty(); // garbage, forged, expired, wrong algorithm, or claims that are not ours
        }
    }

    public record IssuedToken(String jwt, Instant expiresAt) {
    }

    /** What a verified access token says: who, in which session, and until when it may say so. */
    public record AccessGrant(Member member, UUID sessionId, Instant expiresAt) {
    }

    /** The session an access token names, and its member. */
    public record SessionOfToken(UUID sessionId, UUID profileId) {
    }

    public record RefreshClaims(UUID sessionId, UUID tokenId, UUID profileId) {
    }
}
