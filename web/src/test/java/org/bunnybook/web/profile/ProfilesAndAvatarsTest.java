package org.bunnybook.web.profile;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@BunnybookTest
class ProfilesAndAvatarsTest {

    @LocalServerPort
    int port;

    private JsonNode search(String query) {
        var response = new ApiClient(port).get("/web/profiles?username_query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private List<String> usernames(JsonNode profiles) {
        List<String> names = new ArrayList<>();
        profiles.forEach(p -> names.add(p.get("username").asText()));
        return names;
    }

    @Test
    void searchIsCaseInsensitiveSubstringWithPrefixMatchesFirstAndAtMostFive() {
        String stem = Members.uniqueName("zq").toLowerCase();
        ApiClient client = new ApiClient(port);
        for (String name : new String[]{"a" + stem, "b" + stem, stem + "z", "c" + stem, "d" + stem, "e" + stem}) {
            client.post("/web/register", Map.of("username", name, "email", name + "@s.test",
                    "password", Members.PASSWORD));
        }
        List<String> found = usernames(search(stem.toUpperCase()));
        assertThat(found).hasSize(5);
        assertThat(found.get(0)).isEqualTo(stem + "z");
        assertThat(found.subList(1, 5)).isSorted();
    }

    @Test
    void percentAndUnderscoreAreLiteral() {
        String stem = Members.uniqueName("lit").toLowerCase();
        new ApiClient(port).post("/web/register", Map.of("username", stem + "_x", "email", stem + "@l.test",
                "password", Members.PASSWORD));
        new ApiClient(port).post("/web/register", Map.of("username", stem + "ax", "email", stem + "a@l.test",
                "password", Members.PASSWORD));
        assertThat(usernames(search(stem + "_"))).containsExactly(stem + "_x");
        assertThat(search(stem + "%")).isEmpty();
        assertThat(search("%")).isEmpty();
    }

    @Test
    void aProfileByIdIsPublicAndAnUnknownOneIs404() {
        var member = Members.register(port, "Cowslip");
        JsonNode profile = new ApiClient(port).get("/web/profiles/" + member.id()).json();
        assertThat(profile.get("id").asText()).isEqualTo(member.id().toString());
        assertThat(profile.get("username").asText()).isEqualTo(member.username());
        assertThat(profile.size()).isEqualTo(2);
    }

    @Test
    void avatarsAreDeterministicPngsOf256Pixels() throws Exception {
        var first = new ApiClient(port).get("/web/avatar/thumper");
        var again = new ApiClient(port).get("/web/avatar/thumper");
        var other = new ApiClient(port).get("/web/avatar/bluebell");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).isEqualTo("image/png");
        assertThat(first.bytes()).isEqualTo(again.bytes()).isNotEqualTo(other.bytes());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(first.bytes()));
        assertThat(image.getWidth()).isEqualTo(256);
        assertThat(image.getHeight()).isEqualTo(256);
    }

    @Test
    void aMembersAvatarIsSavedAfterRegistration() throws Exception {
        String username = Members.uniqueName("Avatar");
        ApiClient client = new ApiClient(port);
        client.post("/web/register", Map.of("username", username, "email", username + "@av.test",
                "password", Members.PASSWORD, "avatarIdentifier", "moonlight"));
        // painted by its own projection, asynchronously: wait a bounded while for it
        ApiClient.Response saved = await("the saved avatar").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> client.get("/web/avatars/" + username + ".png"), response -> response.status() == 200);
        assertThat(saved.bytes()).isEqualTo(client.get("/web/avatar/moonlight").bytes());
        assertThat(client.get("/web/avatars/" + username.toUpperCase() + ".png").status()).isEqualTo(200);
        assertThat(client.get("/web/avatars/nobody-at-all.png").status()).isEqualTo(404);
        assertThat(client.get("/web/avatars/" + username).status()).isEqualTo(404);
    }
}
