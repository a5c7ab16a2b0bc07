package org.bunnybook.web.post;

import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store loads an aggregate by its identifier alone: an id that names another kind of aggregate (a member's
 * public profile id, say) must answer like an id that names nothing, 404, to every action on a post.
 */
@BunnybookTest
class NotAPostTest {

    @LocalServerPort
    int port;

    @Test
    void actingOnAMembersIdAsIfItWereAPostFindsNothing() {
        Member member = Members.register(port, "NotAPost");
        Member other = Members.register(port, "NotAPost");
        for (UUID id : new UUID[]{other.id(), UUID.randomUUID()}) {
            String post = "/web/posts/" + id;
            assertThat(member.client().post(post + "/likes", Map.of()).status()).as("like %s", id).isEqualTo(404);
            assertThat(member.client().send("DELETE", post + "/likes", BodyPublishers.noBody(), Map.of()).status())
                    .as("unlike %s", id).isEqualTo(404);
            assertThat(member.client().post(post + "/comments", Map.of("content", "hello?")).status())
                    .as("comment %s", id).isEqualTo(404);
            assertThat(member.client().send("DELETE", post, BodyPublishers.noBody(), Map.of()).status())
                    .as("delete %s", id).isEqualTo(404);
            assertThat(member.client().get(post).status()).as("read %s", id).isEqualTo(404);
        }
    }
}
