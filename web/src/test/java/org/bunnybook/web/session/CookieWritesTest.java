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
 * The access cookie changes things only for pages of our own origin: a page on a sibling subdomain (same site, so
 * SameSite=Lax lets the cookie go) cannot post as the member. Reads, bearer tokens and non-browser clients are
 * unaffected.
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

    private static ApiClient.Response post(ApiClient client, Map<String, String> headers) {
        var withJson = new java.util.HashMap<>(headers);
        withJson.put("Content-Type", "application/json");
        return client.send("POST", "/web/posts", HttpRequest.BodyPublishers.ofString("{\"content\":\"crumbs\"}"),
                withJson);
    }
}
