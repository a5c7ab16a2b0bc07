package org.bunnybook.web.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.web.support.Members.Member;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Friendship actions and reads through the HTTP API, for tests. */
public final class Friends {

    private Friends() {
    }

    public static ApiClient.Response request(Member from, Member to) {
        return from.client().post("/web/profiles/" + from.id() + "/outgoing_friend_requests/" + to.id(), "");
    }

    public static ApiClient.Response accept(Member target, Member requester) {
        return target.client().post("/web/profiles/" + target.id() + "/friends/" + requester.id(), "");
    }

    public static ApiClient.Response reject(Member target, Member requester) {
        return target.client().send("DELETE", "/web/profiles/" + target.id() + "/incoming_friend_requests/"
                + requester.id(), java.net.http.HttpRequest.BodyPublishers.noBody(), java.util.Map.of());
    }

    public static ApiClient.Response cancel(Member requester, Member target) {
        return requester.client().send("DELETE", "/web/profiles/" + requester.id() + "/outgoing_friend_requests/"
                + target.id(), java.net.http.HttpRequest.BodyPublishers.noBody(), java.util.Map.of());
    }

    public static ApiClient.Response unfriend(Member member, Member friend) {
        return member.client().send("DELETE", "/web/profiles/" + member.id() + "/friends/" + friend.id(),
                java.net.http.HttpRequest.BodyPublishers.noBody(), java.util.Map.of());
    }

    public static void befriend(Member a, Member b) {
        assertThat(request(a, b).status()).isEqualTo(201);
        assertThat(accept(b, a).status()).isEqualTo(201);
    }

    /**
     * Befriends the two and waits until their conversation is open: a process opens it a moment after the acceptance,
     * which on a busy machine can outlast the acceptance's own wait for it. Answers the conversation.
     */
    public static UUID befriendAndChat(Member a, Member b) {
        befriend(a, b);
        UUID chat = ChatGroupId.of(a.id(), b.id());
        await("the two's conversation open").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> a.client().get("/web/chat/" + chat + "/messages").status() == 200);
        return chat;
    }

    public static String relationship(Member from, Member to) {
        ApiClient.Response response = from.client().get("/web/profiles/" + from.id() + "/relationships/" + to.id());
        assertThat(response.status()).isEqualTo(200);
        return response.json().asText();
    }

    /** Usernames of one page of {@code path} (which may already carry query parameters). */
    public static List<String> page(ApiClient client, String path, String usernameGt, int limit) {
        String separator = path.contains("?") ? "&" : "?";
        String url = path + separator + "limit=" + limit
                + (usernameGt == null ? "" : "&username_gt=" + URLEncoder.encode(usernameGt, StandardCharsets.UTF_8));
        ApiClient.Response response = client.get(url);
        assertThat(response.status()).as(url + ": " + response.text()).isEqualTo(200);
        List<String> usernames = new ArrayList<>();
        for (JsonNode profile : response.json()) {
            usernames.add(profile.get("username").asText());
        }
        return usernames;
    }

    /** Every username of {@code path}, page after page. */
    public static List<String> all(ApiClient client, String path) {
        List<String> all = new ArrayList<>();
        List<String> page = page(client, path, null, 50);
        while (!page.isEmpty()) {
            all.addAll(page);
            page = page(client, path, page.get(page.size() - 1), 50);
        }
        return all;
    }
}
