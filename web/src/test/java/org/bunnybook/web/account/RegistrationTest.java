package org.bunnybook.web.account;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

@BunnybookTest
class RegistrationTest {

    @LocalServerPort
    int port;

    private Map<String, Object> registration(String username, String email) {
        return Map.of("username", username, "email", email, "password", Members.PASSWORD);
    }

    @Test
    void aDuplicateUsernameIsAConflictWhateverItsCase() {
        String username = Members.uniqueName("Dandelion");
        ApiClient client = new ApiClient(port);
        assertThat(client.post("/web/register", registration(username, username + "@a.test")).status())
                .isEqualTo(201);
        var duplicate = client.post("/web/register", registration(username.toUpperCase(), username + "@b.test"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json()).isEqualTo(json("""
                {"message":"username already taken","code":"UsernameAlreadyTaken","error":{"field":"username"}}"""));
    }

    @Test
    void aDuplicateEmailIsAConflictWhateverItsCase() {
        String username = Members.uniqueName("Blackberry");
        ApiClient client = new ApiClient(port);
        assertThat(client.post("/web/register", registration(username, username + "@warren.test")).status())
                .isEqualTo(201);
        var duplicate = client.post("/web/register",
                registration(username + "x", (username + "@WARREN.test").toUpperCase()));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json()).isEqualTo(json("""
                {"message":"email already taken","code":"EmailAlreadyTaken","error":{"field":"email"}}"""));
    }

    @Test
    void twentyConcurrentRegistrationsOfOneUsernameGiveExactlyOneAccount() throws Exception {
        String username = Members.uniqueName("Pipkin");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String email = username + "-" + i + "@race.test";
            ApiClient client = new ApiClient(port);
            attempts.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return client.post("/web/register", registration(username, email)).status();
            }));
        }
        start.countDown();
        List<Integer> statuses = attempts.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
    }

    @Test
    void aNewMemberCanLogInAndFindThemselvesAtOnce() {
        String username = Members.uniqueName("Speedwell");
        ApiClient client = new ApiClient(port);
        assertThat(client.post("/web/register", registration(username, username + "@now.test")).status())
                .isEqualTo(201);
        assertThat(client.post("/web/login", Map.of("email", username + "@now.test", "password", Members.PASSWORD))
                .status()).isEqualTo(200);
        JsonNode found = client.get("/web/profiles?username_query=" + username).json();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("username").asText()).isEqualTo(username);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "username|a",
            "username|thirty-three-characters-long-name",
            "username|two--dashes",
            "username|-leading",
            "username|trailing.",
            "username|spa ce",
            "username|ünicode",
            "email|not-an-email",
            "email|bunny@nodot",
            "password|short",
            "password|sixty-five-characters-are-too-many-for-a-password-0123456789abcde",
    })
    void invalidRegistrationsAreRefusedNamingTheField(String field, String value) {
        Map<String, Object> body = new HashMap<>(registration(Members.uniqueName("Valid"), "valid@bunnybook.test"));
        body.put(field, value);
        var response = new ApiClient(port).post("/web/register", body);
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("detail").findValuesAsText("msg")).isNotEmpty();
        assertThat(response.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"" + field + "\"]");
    }

    @Test
    void missingFieldsAreEachNamed() {
        var response = new ApiClient(port).post("/web/register", "{}");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("detail").findValues("loc").stream().map(JsonNode::toString))
                .containsExactlyInAnyOrder("[\"body\",\"username\"]", "[\"body\",\"email\"]",
                        "[\"body\",\"password\"]");
    }

    @Test
    void snakeCaseInputIsAcceptedToo() {
        String username = Members.uniqueName("Snake");
        var response = new ApiClient(port).post("/web/register", Map.of("username", username,
                "email", username + "@snake.test", "password", Members.PASSWORD, "avatar_identifier", "cloud"));
        assertThat(response.status()).isEqualTo(201);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
