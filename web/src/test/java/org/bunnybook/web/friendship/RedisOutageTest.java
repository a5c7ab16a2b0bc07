package org.bunnybook.web.friendship;

import org.bunnybook.embedded.EmbeddedRedisServer;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.RedisOutages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bunnybook.web.support.Friends.*;

/** Redis is only a cache for friendships: without it answers stay right, and after it they are right at once. */
@BunnybookTest
class RedisOutageTest {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redisTemplate;

    @Test
    void friendshipsAreServedFromTheGraphWhileRedisIsDownAndCachedAnswersDoNotOutliveIt() {
        EmbeddedRedisServer redis = RedisOutages.embeddedRedis();

        Member a = Members.register(port, "Outage");
        Member b = Members.register(port, "Outage");
        befriend(a, b);
        String friendsOfA = "/web/profiles/" + a.id() + "/friends";
        // cached now, and kept by Redis across its restart
        assertThat(relationship(a, b)).isEqualTo("FRIEND");
        assertThat(all(new ApiClient(port), friendsOfA)).containsExactly(b.username());

        redis.stop();
        try {
            assertThat(relationship(a, b)).isEqualTo("FRIEND");
            assertThat(unfriend(a, b).status()).isEqualTo(204);
            assertThat(relationship(a, b)).isEqualTo("NONE");
            assertThat(relationship(b, a)).isEqualTo("NONE");
            assertThat(all(new ApiClient(port), friendsOfA)).isEmpty();
            Member c = Members.register(port, "Outage");   // registering and logging in work too
            befriend(a, c);
            assertThat(all(new ApiClient(port), friendsOfA)).containsExactly(c.username());
        } finally {
            RedisOutages.restart(redis, redisTemplate);
        }

        // what was cached before the outage is back in Redis, but the generations the outage kept from moving on
        // are moved on before any of it is read
        assertThat(relationship(a, b)).isEqualTo("NONE");
        assertThat(all(new ApiClient(port), friendsOfA)).hasSize(1).doesNotContain(b.username());
    }
}
