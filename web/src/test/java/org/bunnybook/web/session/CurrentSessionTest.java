package org.bunnybook.web.session;

import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /web/session} tells a member what their access token says; without a valid one it is a 401. */
@BunnybookTest
class CurrentSessionTest {

    @LocalServerPort
    int port;

    @Test
    void answersTheTokensMemberRoleAndExpiryByHeaderAndByCookie() {
        ApiClient browser = new ApiClient(port);
        String username = Members.uniqueName("Clover");
        String email = username.toLowerCase() + "@bunnybook.test";
        String id = browser.post("/web/register",
                Map.of("username", username, "email", email, "password", Members.PASSWORD)).json().get("id").asText();
        var login = browser.post("/web/login", Map.of("email", email, "password", Members.PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        long accessExp = login.json().get("accessExp").asLong();

        var byHeader = new ApiClient(port).bearer(login.json().get("accessToken").asText()).get("/web/session");
        var byCookie = browser.get("/web/session"); // the web UI's way: the access_token cookie alone
        for (var session : new ApiClient.Response[]{byHeader, byCookie}) {
            assertThat(session.status()).as(session.text()).isEqualTo(200);
            assertThat(session.json().get("id").asText()).isEqualTo(id);
            assertThat(session.json().get("username").asText()).isEqualTo(username);
            assertThat(session.json().get("role").asText()).isEqualTo("USER");
            assertThat(session.json().get("accessExp").asLong()).isEqualTo(accessExp);
            assertThat(session.json().size()).as("nothing but the token's claims").isEqualTo(4);
        }
    }

    @Test
    void aRenewedTokenAnswersItsOwnExpiry() throws InterruptedException {
        var member = Members.register(port, "Basil");
        ApiClient browser = member.client();
        long first = browser.get("/web/session").json().get("accessExp").asLong();
        Thread.sleep(1_100); // expiries are whole seconds
        var refreshed = browser.post("/web/refresh", "");
        assertThat(refreshed.status()).isEqualTo(200);
        browser.bearer(refreshed.json().get("accessToken").asText());
        long renewed = browser.get("/web/session").json().get("accessExp").asLong();
        assertThat(renewed).isEqualTo(refreshed.json().get("accessExp").asLong()).isGreaterThan(first);
    }

    @Test
    void withoutAValidTokenIs401() {
        assertThat(new ApiClient(port).get("/web/session").status()).isEqualTo(401);
        assertThat(new ApiClient(port).bearer("not-a-token").get("/web/session").json().get("detail").asText())
                .isEqualTo("Unauthorized");
        // expired, forged and other bad tokens: TokenRefusalTest, which asks this endpoint too
    }
}
