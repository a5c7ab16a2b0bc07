package org.bunnybook.web.session;

import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpRequest;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cookies change things only for pages of our own origin: a page on a sibling subdomain or on another port of our
 * host (same site, so SameSite lets the cookies go) can neither post as the member nor log them in, out or over.
 * Reads, bearer tokens and non-browser clients are unaffected.
 */
@BunnybookTest
class CookieWritesTest {

    @LocalServerPort
    int port;

    @Test
    void aCookieWritesOnlyFromOurOwnOrigin() {
        Member member = Members.register(port, "Crumb");
        ApiClient browser = new ApiClient(port).cookie("access_token", member.client().cookies().get("access_token"));

        assertThat(post(browser, Map.of("Sec-Fetch-Site", "same-site")).status()).isEqualTo(403);
        assertThat(post(browser, Map.of("Sec-Fetch-Site", "cross-site")).status()).isEqualTo(403);
        assertThat(post(browser, Map.of("Origin", "http://evil.localhost:" + port)).status()).isEqualTo(403);
        assertThat(post(browser, Map.of("Origin", "null")).status()).isEqualTo(403);
        assertThat(post(browser, Map.of("Origin", "http://127.0.0.1:" + (port + 1))).status()).as("another port")
                .isEqualTo(403);
        assertThat(post(browser, Map.of("Origin", "https://127.0.0.1:" + port)).status()).as("another scheme")
                .isEqualTo(403);
        assertThat(browser.send("DELETE", "/web/posts/" + java.util.UUID.randomUUID(),
                HttpRequest.BodyPublishers.noBody(), Map.of("Sec-Fetch-Site", "same-site")).status()).isEqualTo(403);

        assertThat(post(browser, Map.of("Sec-Fetch-Site", "same-origin")).status()).isEqualTo(201);
        assertThat(post(browser, Map.of("Origin", "http://127.0.0.1:" + port)).status()).isEqualTo(201);
        assertThat(post(browser, Map.of()).status()).as("not a browser page").isEqualTo(201);
        assertThat(browser.send("GET", "/web/me", HttpRequest.BodyPublishers.noBody(),
                Map.of("Sec-Fetch-Site", "cross-site")).status()).as("reading is harmless").isEqualTo(200);
        assertThat(post(member.client(), Map.of("Sec-Fetch-Site", "cross-site")).status())
                .as("a bearer token is never sent by a browser on its own").isEqualTo(201);
    }

    @Test
    void onlyOurOwnPagesLogInLogOutOrRenew() {
        Member member = Members.register(port, "Sprout");
        String login = ApiClient.toJson(Map.of("email", member.email(), "password", Members.PASSWORD));
        Map<String, String> sibling = Map.of("Sec-Fetch-Site", "same-site", "Content-Type", "application/json");
        Map<String, String> ours = Map.of("Sec-Fetch-Site", "same-origin", "Content-Type", "application/json");

        ApiClient browser = new ApiClient(port);
        assertThat(browser.send("POST", "/web/login", HttpRequest.BodyPublishers.ofString(login), sibling).status())
                .as("a forged login would put the member in someone else's account").isEqualTo(403);
        assertThat(browser.cookies()).isEmpty();
        assertThat(browser.send("POST", "/web/login", HttpRequest.BodyPublishers.ofString(login), ours).status())
                .isEqualTo(200);

        for (String endpoint : new String[] {"/web/refresh", "/web/logout"}) {
            assertThat(browser.send("POST", endpoint, HttpRequest.BodyPublishers.noBody(), sibling).status())
                    .as(endpoint).isEqualTo(403);
        }
        assertThat(browser.get("/web/me").status()).as("still logged in").isEqualTo(200);
        assertThat(browser.send("POST", "/web/refresh", HttpRequest.BodyPublishers.noBody(), ours).status())
                .isEqualTo(200);
        assertThat(browser.send("POST", "/web/logout", HttpRequest.BodyPublishers.noBody(), ours).status())
                .isEqualTo(204);
    }

    private static ApiClient.Response post(ApiClient client, Map<String, String> headers) {
        var withJson = new java.util.HashMap<>(headers);
        withJson.put("Content-Type", "application/json");
        return client.send("POST", "/web/posts", HttpRequest.BodyPublishers.ofString("{\"content\":\"crumbs\"}"),
                withJson);
    }
}
