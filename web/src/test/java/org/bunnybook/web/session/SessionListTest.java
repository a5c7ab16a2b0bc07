package org.bunnybook.web.session;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A member's list of sessions, ending one or all of them, and an admin ending a member's: who may do what. */
@BunnybookTest
class SessionListTest {

    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private static final String SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    @LocalServerPort
    int port;

    @Test
    void aMemberSeesTheirOwnSessionsWithDeviceAddressAndWhichIsThisOne() {
        var member = Members.register(port, "Lister");
        ApiClient firefox = loginWith(member, FIREFOX);
        ApiClient phone = loginWith(member, SAFARI);

        JsonNode sessions = firefox.get("/web/sessions").json();
        assertThat(sessions).hasSize(3);
        JsonNode current = only(sessions, session -> session.get("current").asBoolean());
        assertThat(current.get("device").asText()).isEqualTo("Firefox on Linux");
        assertThat(current.get("clientAddress").asText()).isEqualTo(firefox.clientAddress());
        assertThat(current.get("startedAt").asText()).endsWith("Z");
        assertThat(current.get("lastUsedAt").asText()).isNotBlank();
        assertThat(devices(phone.get("/web/sessions").json())).contains("Safari on iOS", "Firefox on Linux");

        // a refresh is a use: it moves lastUsedAt and the address (the phone took another network), which its
        // event keeps sealed and the sessions' projection reads opened
        String before = only(phone.get("/web/sessions").json(), s -> s.get("current").asBoolean())
                .get("lastUsedAt").asText();
        ApiClient moved = new ApiClient(port).bearer(phone.accessToken());
        moved.cookies().putAll(phone.cookies());
        assertThat(moved.post("/web/refresh", "").status()).isEqualTo(200);
        JsonNode used = only(moved.get("/web/sessions").json(), s -> s.get("current").asBoolean());
        assertThat(Instant.parse(used.get("lastUsedAt").asText())).isAfter(Instant.parse(before));
        assertThat(used.get("clientAddress").asText()).isEqualTo(moved.clientAddress());

        // other members never see them
        assertThat(Members.register(port, "Nosy").client().get("/web/sessions").json()).hasSize(1);
        assertThat(new ApiClient(port).get("/web/sessions").status()).isEqualTo(401);
    }

    @Test
    void endingOneOfOnesSessionsEndsThatOneOnlyAndOthersSessionsAreNotFound() {
        var member = Members.register(port, "Ender");
        ApiClient other = loginWith(member, SAFARI);
        UUID otherSession = currentSession(other);
        var stranger = Members.register(port, "Stranger");

        assertThat(delete(new ApiClient(port), "/web/sessions/" + otherSession).status()).isEqualTo(401);
        assertThat(delete(stranger.client(), "/web/sessions/" + otherSession).status()).isEqualTo(404);
        assertThat(other.get("/web/me").status()).isEqualTo(200);
        assertThat(delete(member.client(), "/web/sessions/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(delete(member.client(), "/web/sessions/not-a-uuid").status()).isEqualTo(422);

        assertThat(delete(member.client(), "/web/sessions/" + otherSession).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(1)).until(() -> other.get("/web/me").status() == 401);
        assertThat(member.client().get("/web/me").status()).isEqualTo(200);
        assertThat(member.client().get("/web/sessions").json()).hasSize(1);
        assertThat(delete(member.client(), "/web/sessions/" + otherSession).status()).isEqualTo(404);
    }

    @Test
    void loggingOutEverywhereEndsEverySessionOfTheMemberOnly() {
        var member = Members.register(port, "Everywhere");
        ApiClient other = loginWith(member, SAFARI);
        var bystander = Members.register(port, "Bystander");

        assertThat(delete(new ApiClient(port), "/web/sessions").status()).isEqualTo(401);
        var ended = delete(member.client(), "/web/sessions");
        assertThat(ended.status()).isEqualTo(204);
        assertThat(ended.cookie("refresh_token")).contains("Max-Age=0");
        await().atMost(Duration.ofSeconds(1)).until(() -> other.get("/web/me").status() == 401
                && member.client().get("/web/me").status() == 401);
        assertThat(bystander.client().get("/web/me").status()).isEqualTo(200);
    }

    @Test
    void onlyAnAdminEndsEverySessionOfAMember() {
        var member = Members.register(port, "Ended");
        String path = "/web/admin/profiles/" + member.id() + "/sessions";

        assertThat(delete(new ApiClient(port), path).status()).isEqualTo(401);
        assertThat(delete(member.client(), path).status()).isEqualTo(403);
        assertThat(delete(Staff.auditor(port).client(), path).status()).isEqualTo(403);
        assertThat(member.client().get("/web/me").status()).isEqualTo(200);

        ApiClient admin = Staff.admin(port);
        assertThat(delete(admin, "/web/admin/profiles/" + UUID.randomUUID() + "/sessions").status()).isEqualTo(404);
        assertThat(delete(admin, path).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(1)).until(() -> member.client().get("/web/me").status() == 401);
        assertThat(admin.get("/web/me").status()).isEqualTo(200);
    }

    @Test
    void changingThePasswordNeedsASignedInMemberAndValidInput() {
        var member = Members.register(port, "Validate");
        String path = "/web/me/password";
        assertThat(new ApiClient(port).put(path, Map.of("currentPassword", Members.PASSWORD,
                "newPassword", "long-enough-1")).status()).isEqualTo(401);
        assertThat(member.client().put(path, Map.of("newPassword", "long-enough-1")).status()).isEqualTo(422);
        assertThat(member.client().put(path, Map.of("currentPassword", Members.PASSWORD,
                "newPassword", "x".repeat(65))).status()).isEqualTo(422);
        assertThat(member.client().put(path, Map.of("currentPassword", Members.PASSWORD,
                "newPassword", "ü".repeat(40))).status()).isEqualTo(422); // 80 bytes: more than BCrypt reads
        assertThat(member.client().get("/web/me").status()).isEqualTo(200);
    }

    private ApiClient loginWith(Members.Member member, String userAgent) {
        ApiClient client = new ApiClient(port);
        var login = client.send("POST", "/web/login", HttpRequest.BodyPublishers.ofString(ApiClient.toJson(
                        Map.of("email", member.email(), "password", Members.PASSWORD))),
                Map.of("Content-Type", "application/json", "User-Agent", userAgent));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        return client; // by the access cookie, like a browser
    }

    private static UUID currentSession(ApiClient client) {
        return UUID.fromString(only(client.get("/web/sessions").json(), s -> s.get("current").asBoolean())
                .get("id").asText());
    }

    private static ApiClient.Response delete(ApiClient client, String path) {
        return client.send("DELETE", path, HttpRequest.BodyPublishers.noBody(), Map.of());
    }

    private static JsonNode only(JsonNode array, java.util.function.Predicate<JsonNode> which) {
        List<JsonNode> matching = StreamSupport.stream(array.spliterator(), false).filter(which).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    private static List<String> devices(JsonNode sessions) {
        return sessions.findValuesAsText("device");
    }
}
