package org.bunnybook.web.session;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every token that is not a current access token of ours gets a 401, on private and public endpoints alike. */
@BunnybookTest
class TokenRefusalTest {

    @LocalServerPort
    int port;

    @Value("${bunnybook.jwt.secret}")
    String secret;

    @Test
    void badTokensAreRefusedWith401AndNever5xx() {
        var member = Members.register(port, "Holly");
        String refreshToken = member.client().cookies().get("refresh_token");
        SecretKey ourKey = Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8));
        SecretKey otherKey = Keys.hmacShaKeyFor("another-secret-another-secret-another-secret!!".getBytes());
        String subject = member.id().toString();

        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("garbage", "garbage");
        tokens.put("three dots", "a.b.c");
        tokens.put("long", "x".repeat(4_000));
        tokens.put("forged signature", access(subject).signWith(otherKey, Jwts.SIG.HS256).compact());
        tokens.put("expired", access(subject).expiration(Date.from(Instant.now().minusSeconds(60)))
                .signWith(ourKey, Jwts.SIG.HS256).compact());
        tokens.put("HS384 with our key", access(subject).signWith(ourKey, Jwts.SIG.HS384).compact());
        tokens.put("alg none", unsigned("{\"alg\":\"none\"}",
                "{\"sub\":\"" + subject + "\",\"kind\":\"access\",\"username\":\"x\",\"role\":\"ADMIN\"}"));
        tokens.put("refresh token as access token", refreshToken);
        tokens.put("no role", Jwts.builder().subject(subject).claim("kind", "access")
                .expiration(Date.from(Instant.now().plusSeconds(60))).signWith(ourKey, Jwts.SIG.HS256).compact());
        tokens.put("subject not a uuid", Jwts.builder().subject("bunny").claim("kind", "access")
                .claim("username", "x").claim("role", "USER")
                .expiration(Date.from(Instant.now().plusSeconds(60))).signWith(ourKey, Jwts.SIG.HS256).compact());
        tokens.put("unknown role", Jwts.builder().subject(subject).claim("kind", "access")
                .claim("username", "x").claim("role", "KING")
                .expiration(Date.from(Instant.now().plusSeconds(60))).signWith(ourKey, Jwts.SIG.HS256).compact());

        tokens.forEach((name, token) -> {
            for (String path : new String[]{"/web/me", "/web/session", "/web/profiles?username_query=a"}) {
                var byHeader = new ApiClient(port).bearer(token).get(path);
                assertThat(byHeader.status()).as(name + " as bearer on " + path).isEqualTo(401);
                assertThat(byHeader.json().get("detail").asText()).isEqualTo("Unauthorized");
                var byCookie = new ApiClient(port).cookie("access_token", token).get(path);
                assertThat(byCookie.status()).as(name + " as cookie on " + path).isEqualTo(401);
            }
        });

        var basic = new ApiClient(port).send("GET", "/web/me",
                java.net.http.HttpRequest.BodyPublishers.noBody(), Map.of("Authorization", "Basic Ym9iOmJvYg=="));
        assertThat(basic.status()).isEqualTo(401);
        assertThat(new ApiClient(port).get("/web/me").status()).as("no token at all").isEqualTo(401);
        assertThat(new ApiClient(port).get("/web/session").status()).as("no token at all").isEqualTo(401);
        // beyond the server's header limit the container refuses it before we see it: still a 4xx
        assertThat(new ApiClient(port).bearer("x".repeat(20_000)).get("/web/me").status()).isBetween(400, 431);
        assertThat(new ApiClient(port).get("/web/profiles?username_query=a").status()).as("anonymous").isEqualTo(200);
    }

    private static io.jsonwebtoken.JwtBuilder access(String subject) {
        return Jwts.builder().subject(subject).id(UUID.randomUUID().toString()).claim("kind", "access")
                .claim("username", "holly").claim("role", "ADMIN")
                .expiration(Date.from(Instant.now().plusSeconds(600)));
    }

    private static String unsigned(String header, String payload) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(header.getBytes()) + "." + encoder.encodeToString(payload.getBytes()) + ".";
    }
}
