package org.bunnybook.web.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Creates fresh members through the API, with names no other test uses. */
public final class Members {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    public static final String PASSWORD = "carrots-and-clover";

    private Members() {
    }

    /** A username unique to this run, starting with {@code prefix}. */
    public static String uniqueName(String prefix) {
        return prefix + SEQUENCE.incrementAndGet() + UUID.randomUUID().toString().substring(0, 6);
    }

    /** Registers and logs in a new member; the returned client carries the access token and refresh cookie. */
    public static Member register(int port, String prefix) {
        ApiClient client = new ApiClient(port);
        String username = uniqueName(prefix);
        String email = username.toLowerCase() + "@bunnybook.test";
        ApiClient.Response registered = client.post("/web/register",
                Map.of("username", username, "email", email, "password", PASSWORD));
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        ApiClient.Response login = client.post("/web/login", Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        client.bearer(login.json().get("accessToken").asText());
        return new Member(UUID.fromString(registered.json().get("id").asText()), username, email, client);
    }

    public record Member(UUID id, String username, String email, ApiClient client) {
        public JsonNode me() {
            return client.get("/web/me").json();
        }
    }
}
