package org.bunnybook.web.session;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.bunnybook.embedded.EmbeddedRedisServer;
import org.bunnybook.web.BunnybookApplication;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.RedisOutages;
import org.bunnybook.web.support.Socket;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Revocation takes effect at once: within a second of a logout, a detected reuse, a role change or a password
 * change, the session's access token is refused and its open STOMP connections are closed, on every node. A second
 * node beside the test application shares its stores, and is configured with a short absolute session lifetime and
 * refresh grace, so that both can be seen to end without waiting days.
 */
@BunnybookTest
class RevocationTest {

    private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);
    private static ConfigurableApplicationContext secondNode;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redisTemplate;

    @Value("${bunnybook.jwt.secret}")
    String secret;

    @BeforeAll
    static void startSecondNode() {
        secondNode = new SpringApplicationBuilder(BunnybookApplication.class)
                .profiles("test")
                .run("--server.port=0", "--bunnybook.node-id=revocation-node",
                        "--bunnybook.jwt.absolute-session-lifetime=3s", "--bunnybook.jwt.refresh-grace=1s");
    }

    @AfterAll
    static void stopSecondNode() {
        secondNode.close();
    }

    private static int secondPort() {
        return ((WebServerApplicationContext) secondNode).getWebServer().getPort();
    }

    @Test
    void afterLogoutTheOpenSocketIsClosedAndTheOldAccessTokenRefusedWithinASecond() {
        var member = Members.register(port, "Logout");
        String token = member.client().accessToken();
        try (Socket socket = Socket.open(port, token)) {
            assertThat(bearer(port, token).get("/web/me").status()).isEqualTo(200);

            assertThat(member.client().post("/web/logout", "").status()).isEqualTo(204);
            Instant loggedOut = Instant.now();

            await().atMost(WITHIN_A_SECOND).until(() -> !socket.isConnected()
                    && bearer(port, token).get("/web/me").status() == 401);
            assertThat(Duration.between(loggedOut, Instant.now())).isLessThan(WITHIN_A_SECOND);
        }
        assertThat(refusedConnect(port, token)).isTrue();
    }

    @Test
    void aLogoutOnOneNodeEndsTheSessionOnTheOtherWithinASecond() {
        var member = Members.register(port, "Across");
        String token = member.client().accessToken();
        try (Socket onSecond = Socket.open(secondPort(), token)) {
            assertThat(bearer(secondPort(), token).get("/web/me").status()).isEqualTo(200);

            assertThat(member.client().post("/web/logout", "").status()).isEqualTo(204);

            // the second node learns it from PostgreSQL, not from the node that logged out
            await().atMost(WITHIN_A_SECOND).until(() -> !onSecond.isConnected()
                    && bearer(secondPort(), token).get("/web/me").status() == 401);
        }
    }

    @Test
    void aLogoutReachesTheOtherNodeWithinASecondWhileRedisIsDown() {
        EmbeddedRedisServer redis = RedisOutages.embeddedRedis();
        var member = Members.register(port, "NoRedis");
        String token = member.client().accessToken();
        assertThat(bearer(secondPort(), token).get("/web/me").status()).isEqualTo(200);

        redis.stop();
        try {
            assertThat(member.client().post("/web/logout", "").status()).isEqualTo(204);
            await().atMost(WITHIN_A_SECOND).until(() -> bearer(secondPort(), token).get("/web/me").status() == 401);
        } finally {
            RedisOutages.restart(redis, redisTemplate);
        }
    }

    @Test
    void reuseOfARefreshTokenEndsTheSessionItsSocketsAndAccessTokens() {
        var member = Members.register(port, "Reuse");
        String firstRefresh = member.client().cookies().get("refresh_token");
        var refreshed = member.client().post("/web/refresh", "");
        assertThat(refreshed.status()).isEqualTo(200);
        String token = refreshed.json().get("accessToken").asText();
        assertThat(member.client().post("/web/refresh", "").status()).isEqualTo(200); // the second token is used
        try (Socket socket = Socket.open(secondPort(), token)) {
            var replayed = new ApiClient(port).cookie("refresh_token", firstRefresh).post("/web/refresh", "");
            assertThat(replayed.status()).isEqualTo(401);

            await().atMost(WITHIN_A_SECOND).until(() -> !socket.isConnected()
                    && bearer(port, token).get("/web/me").status() == 401
                    && bearer(secondPort(), token).get("/web/me").status() == 401);
        }
        assertThat(member.client().post("/web/refresh", "").status()).isEqualTo(401);
    }

    @Test
    void aDemotedAdminLosesTheAdminRoutesAtOnce() {
        var member = Members.register(port, "Demoted");
        ApiClient admin = Staff.admin(port);
        assertThat(admin.put("/web/admin/profiles/" + member.id() + "/role", Map.of("role", "ADMIN")).status())
                .isEqualTo(200);
        ApiClient asAdmin = login(port, member.email(), Members.PASSWORD);
        String token = asAdmin.accessToken();
        String adminRoute = "/web/admin/profiles/" + member.id();
        assertThat(bearer(secondPort(), token).get(adminRoute).status()).isEqualTo(200);
        try (Socket socket = Socket.open(secondPort(), token)) {
            assertThat(admin.put("/web/admin/profiles/" + member.id() + "/role", Map.of("role", "USER")).status())
                    .isEqualTo(200);

            // the session that carried ADMIN has ended, on both nodes
            await().atMost(WITHIN_A_SECOND).until(() -> !socket.isConnected()
                    && bearer(port, token).get(adminRoute).status() == 401
                    && bearer(secondPort(), token).get(adminRoute).status() == 401);
        }
        assertThat(asAdmin.post("/web/refresh", "").status()).isEqualTo(401);
        ApiClient again = login(secondPort(), member.email(), Members.PASSWORD);
        assertThat(again.get(adminRoute).status()).isEqualTo(403);
        assertThat(again.get("/web/me").json().get("role").asText()).isEqualTo("USER");
    }

    @Test
    void changingThePasswordEndsEveryOtherSessionAndKeepsThisOne() {
        var member = Members.register(port, "Password");
        ApiClient elsewhere = login(port, member.email(), Members.PASSWORD);
        String path = "/web/me/password";

        assertThat(member.client().put(path, Map.of("currentPassword", "not-my-password", "newPassword",
                "a-new-password")).status()).isEqualTo(403);
        var weak = member.client().put(path, Map.of("currentPassword", Members.PASSWORD, "newPassword", "short"));
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.text()).contains("newPassword");
        assertThat(new ApiClient(port).put(path, Map.of("currentPassword", Members.PASSWORD,
                "newPassword", "a-new-password")).status()).isEqualTo(401);

        try (Socket other = Socket.open(secondPort(), elsewhere.accessToken())) {
            assertThat(member.client().put(path, Map.of("currentPassword", Members.PASSWORD,
                    "newPassword", "a-new-password")).status()).isEqualTo(204);

            await().atMost(WITHIN_A_SECOND).until(() -> !other.isConnected()
                    && elsewhere.get("/web/me").status() == 401);
        }
        assertThat(elsewhere.post("/web/refresh", "").status()).isEqualTo(401);
        assertThat(member.client().get("/web/me").status()).isEqualTo(200);
        assertThat(member.client().post("/web/refresh", "").status()).isEqualTo(200);
        assertThat(new ApiClient(port).post("/web/login", Map.of("email", member.email(),
                "password", Members.PASSWORD)).status()).isEqualTo(401);
        assertThat(new ApiClient(port).post("/web/login", Map.of("email", member.email(),
                "password", "a-new-password")).status()).isEqualTo(200);
        assertThat(reasons(member.id())).contains("PASSWORD_CHANGED");
    }

    @Test
    void aSessionEndsAtItsAbsoluteLifetimeHoweverOftenItIsRefreshed() throws InterruptedException {
        var member = Members.register(port, "Lifetime");
        ApiClient onSecond = new ApiClient(secondPort()).cookie("refresh_token",
                member.client().cookies().get("refresh_token"));
        assertThat(onSecond.post("/web/refresh", "").status()).isEqualTo(200);
        Thread.sleep(3_100); // the second node's absolute lifetime is 3 s; the sliding refresh lifetime is 14 days
        var late = onSecond.post("/web/refresh", "");
        assertThat(late.status()).isEqualTo(401);
        assertThat(late.cookie("refresh_token")).contains("Max-Age=0");
        assertThat(reasons(member.id())).contains("EXPIRED");
    }

    @Test
    void aRefreshWhoseAnswerWasLostMayBeRepeatedWithinTheGraceWindowOnly() throws InterruptedException {
        // within the grace (10 s on this node): the repeat is answered, and only its token goes on
        var member = Members.register(port, "Grace");
        String sent = member.client().cookies().get("refresh_token");
        var lostAnswer = new ApiClient(port).cookie("refresh_token", sent).post("/web/refresh", "");
        assertThat(lostAnswer.status()).isEqualTo(200);
        var repeated = member.client().post("/web/refresh", "");
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(member.client().post("/web/refresh", "").status()).isEqualTo(200);
        assertThat(sessionEvents(member.id())).containsSubsequence("RefreshTokenRotated", "LostRefreshRepeated",
                "RefreshTokenRotated");
        assertThat(reasons(member.id())).isEmpty();

        // after the grace (1 s on the second node) the same repeat is reuse, and ends the session
        var late = Members.register(port, "Late");
        ApiClient onSecond = new ApiClient(secondPort()).cookie("refresh_token",
                late.client().cookies().get("refresh_token"));
        String replaced = onSecond.cookies().get("refresh_token");
        assertThat(onSecond.post("/web/refresh", "").status()).isEqualTo(200);
        Thread.sleep(1_200);
        assertThat(new ApiClient(secondPort()).cookie("refresh_token", replaced).post("/web/refresh", "").status())
                .isEqualTo(401);
        assertThat(onSecond.post("/web/refresh", "").status()).isEqualTo(401);
        assertThat(reasons(late.id())).containsExactly("REFRESH_TOKEN_REUSE");
    }

    @Test
    void logoutWithAnExpiredAccessTokenStillEndsItsSession() {
        var member = Members.register(port, "Expired");
        UUID sessionId = sessionsOf(member).get(0);
        String expired = Jwts.builder().subject(member.id().toString()).claim("kind", "access")
                .claim("username", member.username()).claim("role", "USER").claim("sid", sessionId.toString())
                .issuedAt(Date.from(Instant.now().minusSeconds(3600)))
                .expiration(Date.from(Instant.now().minusSeconds(60)))
                .signWith(Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256).compact();
        String refresh = member.client().cookies().get("refresh_token");

        // the refresh cookie no longer reaches /web/logout: the (expired) access cookie names the session
        var logout = new ApiClient(port).cookie("access_token", expired).post("/web/logout", "");
        assertThat(logout.status()).isEqualTo(204);
        assertThat(new ApiClient(port).cookie("refresh_token", refresh).post("/web/refresh", "").status())
                .isEqualTo(401);
        assertThat(reasons(member.id())).containsExactly("LOGOUT");
    }

    @Test
    void theRefreshCookieIsScopedToTheRefreshPath() {
        var login = new ApiClient(port).post("/web/login", Map.of("email", Members.register(port, "Path").email(),
                "password", Members.PASSWORD));
        assertThat(login.cookie("refresh_token")).contains("Path=/web/refresh;").contains("HttpOnly")
                .contains("SameSite=Strict");
        assertThat(login.cookie("access_token")).contains("Path=/;");
    }

    private List<UUID> sessionsOf(Members.Member member) {
        return member.client().get("/web/sessions").json().findValuesAsText("id").stream().map(UUID::fromString)
                .toList();
    }

    private List<String> reasons(UUID profileId) {
        return jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8')::json ->> 'reason' FROM domain_event_entry
                        WHERE payload_type = 'org.bunnybook.api.session.SessionRevoked'
                          AND convert_from(payload, 'UTF8')::json ->> 'profileId' = :id
                        ORDER BY global_index""")
                .param("id", profileId.toString())
                .query(String.class).list();
    }

    private List<String> sessionEvents(UUID profileId) {
        return jdbc.sql("""
                        SELECT substring(payload_type from '[^.]+$') FROM domain_event_entry
                        WHERE payload_type LIKE 'org.bunnybook.api.session.%'
                          AND convert_from(payload, 'UTF8')::json ->> 'profileId' = :id
                        ORDER BY global_index""")
                .param("id", profileId.toString())
                .query(String.class).list();
    }

    private static ApiClient bearer(int port, String token) {
        return new ApiClient(port).bearer(token);
    }

    private static ApiClient login(int port, String email, String password) {
        ApiClient client = new ApiClient(port);
        var login = client.post("/web/login", Map.of("email", email, "password", password));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        return client.bearer(login.json().get("accessToken").asText());
    }

    private static boolean refusedConnect(int port, String token) {
        try (Socket ignored = Socket.open(port, token)) {
            return false;
        } catch (RuntimeException refused) {
            return true;
        }
    }
}
