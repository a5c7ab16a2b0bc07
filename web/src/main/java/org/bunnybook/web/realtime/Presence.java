package org.bunnybook.web.realtime;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.friendship.FindFriendIds;
import org.bunnybook.platform.push.Pushes;
import org.bunnybook.platform.redis.RedisCircuit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Who is online: a member is while their key {@code online:<id>} lives; every ping of any of their sessions renews
 * it for {@code presenceTimeToLive}, so several devices keep one key alive and a node that dies cannot keep anyone
 * online longer than that. A member coming online is announced to their online friends at once; going offline is
 * seen by each friend at their next ping, which answers with the friends online now. Redis is asked through the
 * node's {@link RedisCircuit}; while it cannot answer nobody is shown online, and chat goes on.
 */
@Component
class Presence {

    private static final Logger log = LoggerFactory.getLogger(Presence.class);

    private final StringRedisTemplate redis;
    private final RedisCircuit circuit;
    private final QueryGateway queries;
    private final Pushes pushes;
    private final RealtimeProperties properties;

    Presence(StringRedisTemplate redis, RedisCircuit circuit, QueryGateway queries, Pushes pushes,
             RealtimeProperties properties) {
        this.redis = redis;
        this.circuit = circuit;
        this.queries = queries;
        this.pushes = pushes;
        this.properties = properties;
    }

    void ping(UUID member) {
        List<UUID> friends = friends(member);
        try {
            boolean cameOnline = Boolean.TRUE.equals(circuit.call(() -> redis.opsForValue()
                    .setIfAbsent(key(member), "online", properties.presenceTimeToLive())));
            if (!cameOnline) {
                circuit.call(() -> redis.expire(key(member), properties.presenceTimeToLive()));
            }
            List<UUID> online = online(friends);
            pushes.push(member, "online_friends", online);
            if (cameOnline) {
                online.forEach(friend -> pushes.push(friend, "online_friends", online(friends(friend))));
            }
        } catch (RuntimeException e) {
            log.warn("presence unavailable: {}", e.getMessage());
        }
    }

    private List<UUID> online(List<UUID> members) {
        if (members.isEmpty()) {
            return List.of();
        }
        List<String> keys = Objects.requireNonNull(circuit.call(() -> redis.opsForValue()
                .multiGet(members.stream().map(Presence::key).toList())));
        List<UUID> online = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (keys.get(i) != null) {
                online.add(members.get(i));
            }
        }
        return online;
    }

    private List<UUID> friends(UUID member) {
        return queries.query(new FindFriendIds(member), ResponseTypes.multipleInstancesOf(UUID.class)).join();
    }

    private static String key(UUID member) {
        return "online:" + member;
    }
}
