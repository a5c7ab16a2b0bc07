package org.bunnybook.web.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.bunnybook.platform.push.LocalDelivery;
import org.bunnybook.platform.push.Push;
import org.bunnybook.web.observability.PushDeliveries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * Delivers the pushes published on Redis (by any node) to the sessions connected to this node, on each member's
 * {@code /user/queue/events}. A member connected to several nodes gets a push on each of them, once per session.
 * A push this node could not publish (Redis away) is handed to its own sessions directly ({@link LocalDelivery}).
 */
@Configuration(proxyBeanMethods = false)
class PushRelay {

    private static final Logger log = LoggerFactory.getLogger(PushRelay.class);

    @Bean
    LocalDelivery localDelivery(SimpUserRegistry users, SessionAnswers sessions, PushDeliveries deliveries) {
        return push -> {
            SimpUser member = users.getUser(push.to().toString());
            if (member == null) {
                return; // no session of theirs here
            }
            // one message per session: sent to the member as a whole, Spring's ordered delivery
            // (preservePublishOrder) reuses one message for all their sessions and fails from the second on
            deliveries.deliver(push, () -> member.getSessions().forEach(session ->
                    sessions.deliver(member.getName(), session.getId(), push.envelope())));
        };
    }

    @Bean
    RedisMessageListenerContainer pushListener(RedisConnectionFactory redis, LocalDelivery here, ObjectMapper json) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        // one thread, so that a member's pushes reach their sessions in the order they were published (the
        // default starts a thread per message); delivering is only handing them to the outbound channel
        container.setTaskExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "push-relay");
            thread.setDaemon(true);
            return thread;
        }));
        container.addMessageListener((message, pattern) -> {
            try {
                here.deliverHere(json.readValue(new String(message.getBody(), StandardCharsets.UTF_8), Push.class));
            } catch (IOException | RuntimeException e) {
                log.warn("could not relay a push: {}", e.getMessage());
            }
        }, new ChannelTopic(Push.CHANNEL));
        return container;
    }
}
