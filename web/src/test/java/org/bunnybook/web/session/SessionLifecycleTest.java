package org.bunnybook.web.session;

import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

@BunnybookTest
class SessionLifecycleTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void registerLoginMeRefreshReuseDetectionAndLogout() {
        ApiClient browser = new ApiClient(port);
        String username = Members.uniqueName("Hazel");
        String email = username + "@Warren.Test";

        var registered = browser.post("/web/register",
                Map.of("username", username, "email", email, "password", Members.PASSWORD));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().get("username").asText()).isEqualTo(username);
        assertThat(registered.json().get("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(registered.json().get("role").asText()).isEqualTo("USER");
        String id = registered.json().get("id").asText();

        var login = browser.post("/web/login", Map.of("email", email.toLowerCase(), "password", Members.PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        long now = System.currentTimeMillis() / 1000;
        assertThat(login.json().get("accessExp").asLong()).isBetween(now + 14 * 60, now + 15 * 60 + 5);
        assertThat(login.json().get("refreshExp").asLong()).isBetween(now + 14 * 86400 - 60, now + 14 * 86400 + 5);
        String refreshCookie = login.cookie("refresh_token");
        assertThat(refreshCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Secure")
                .contains("Path=/web/refresh;");
        assertThat(login.cookie("access_token")).contains("HttpOnly").contains("SameSite=Lax");

        // /me by bearer token, and by the access cookie alone
        var me = new ApiClient(port).bearer(login.json().get("accessToken").asText()).get("/web/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asText()).isEqualTo(id);
        assertThat(me.json().has("passwordHash")).isFalse();
        assertThat(browser.get("/web/me").json().get("username").asText()).isEqualTo(username);

        String firstRefreshToken = browser.cookies().get("refresh_token");
        var refreshed = browser.post("/web/refresh", "");
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().get("accessToken").asText()).isNotBlank();
        String secondRefreshToken = browser.cookies().get("refresh_token");
        assertThat(secondRefreshToken).isNotEqualTo(firstRefreshToken);

        // the member refreshes once more, so the first token is no longer the one just replaced (whose repeat within
        // the grace window would be taken for a lost answer)
        assertThat(browser.post("/web/refresh", "").status()).isEqualTo(200);

        // a thief replays the first token: refused, and the whole session is revoked
        ApiClient thief = new ApiClient(port).cookie("refresh_token", firstRefreshToken);
        var stolen = thief.post("/web/refresh", "");
        assertThat(stolen.status()).isEqualTo(401);
        assertThat(stolen.json().get("detail").asText()).isEqualTo("Unauthorized");
        assertThat(stolen.cookie("refresh_token")).contains("Max-Age=0");

        // ... so even the member's own newest token no longer works: a fresh login is needed
        assertThat(browser.post("/web/refresh", "").status()).isEqualTo(401);
        assertThat(sessionEvents(id)).containsSubsequence("SessionStarted", "RefreshTokenRotated", "SessionRevoked");

        var again = browser.post("/web/login", Map.of("email", email, "password", Members.PASSWORD));
        assertThat(again.status()).isEqualTo(200);
        assertThat(browser.post("/web/refresh", "").status()).isEqualTo(200);

        String beforeLogout = browser.cookies().get("refresh_token");
        var logout = browser.post("/web/logout", "");
        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.cookie("refresh_token")).contains("Max-Age=0");
        assertThat(logout.cookie("access_token")).contains("Max-Age=0");
        assertThat(new ApiClient(port).cookie("refresh_token", beforeLogout).post("/web/refresh", "").status())
                .isEqualTo(401);
    }

    @Test
    void twoConcurrentRefreshesWithOneTokenAreOneRotationAndOneRepeatOfIt() {
        var member = Members.register(port, "Fiver");
        String token = member.client().cookies().get("refresh_token");
        List<ApiClient> clients = List.of(new ApiClient(port).cookie("refresh_token", token),
                new ApiClient(port).cookie("refresh_token", token));
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<CompletableFuture<Integer>> attempts = new ArrayList<>();
        for (ApiClient client : clients) {
            attempts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return client.post("/web/refresh", "").status();
            }));
        }
        start.countDown();
        List<Integer> statuses = attempts.stream().map(CompletableFuture::join).toList();
        // the loser presented the token just replaced, within the grace window: answered as a lost answer repeated,
        // and only the later of the two new tokens goes on
        assertThat(statuses).containsExactly(200, 200);
        assertThat(sessionEvents(member.id().toString())).containsExactly("SessionStarted", "RefreshTokenRotated",
                "LostRefreshRepeated");
        List<Integer> next = clients.stream().map(client -> client.post("/web/refresh", "").status()).toList();
        assertThat(next).contains(401); // the token the repeat replaced is reuse: the session ends
    }

    @Test
    void wrongPasswordUnknownEmailAndMissingCookieAreRefused() {
        var member = Members.register(port, "Bigwig");
        ApiClient client = new ApiClient(port);
        assertThat(client.post("/web/login", Map.of("email", member.email(), "password", "not-the-password"))
                .status()).isEqualTo(401);
        assertThat(client.post("/web/login", Map.of("email", "nobody@bunnybook.test", "password", "whatever1"))
                .json().get("detail").asText()).isEqualTo("Unauthorized");
        assertThat(client.post("/web/refresh", "").status()).isEqualTo(401);
        assertThat(client.cookie("refresh_token", "garbage").post("/web/refresh", "").status()).isEqualTo(401);
        assertThat(client.post("/web/logout", "").status()).isEqualTo(204);
    }

    @Test
    void aStaleOrBrokenAccessTokenDoesNotStandInTheWayOfLoggingInAgain() {
        var member = Members.register(port, "Stale");
        ApiClient browser = new ApiClient(port).bearer("expired.or.foreign").cookie("access_token", "garbage");
        assertThat(browser.post("/web/login", Map.of("email", member.email(), "password", Members.PASSWORD)).status())
                .isEqualTo(200);
        assertThat(browser.bearer("expired.or.foreign").post("/web/refresh", "").status()).isEqualTo(200);
        assertThat(browser.post("/web/logout", "").status()).isEqualTo(204);
    }

    @Test
    void passwordsBeyondWhatBcryptReadsAreRefusedNotCrashedOn() {
        String username = Members.uniqueName("Umlaut");
        String longInBytes = "ü".repeat(40); // 40 characters, 80 bytes
        var registered = new ApiClient(port).post("/web/register",
                Map.of("username", username, "email", username + "@u.test", "password", longInBytes));
        assertThat(registered.status()).isEqualTo(422);
        assertThat(registered.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"password\"]");
        var member = Members.register(port, "Umlaut");
        assertThat(new ApiClient(port).post("/web/login", Map.of("email", member.email(), "password", longInBytes))
                .status()).isEqualTo(401);
    }

    private List<String> sessionEvents(String profileId) {
        return jdbc.sql("""
                        SELECT payload_type FROM domain_event_entry
                        WHERE payload_type LIKE 'org.bunnybook.api.session.%'
                          AND convert_from(payload, 'UTF8')::jsonb ->> 'profileId' = :id
                        ORDER BY global_index""")
                .param("id", profileId)
                .query(String.class).list().stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }
}
