package org.bunnybook.web.realtime;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.util.WebUtils;

import jakarta.servlet.http.Cookie;
import org.bunnybook.web.error.BoundedPostgresWaits;
import org.bunnybook.web.security.AuthCookies;

import java.util.Map;

/**
 * STOMP over WebSocket at {@code /ws} (docs/realtime.md). Clients subscribe to {@code /user/queue/events} and send to
 * {@code /app/<name>}; {@link StompGuard} decides who may connect, subscribe and send. The broker is in memory:
 * each node delivers to its own sessions, and pushes reach the other nodes through Redis ({@link PushRelay}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
@EnableConfigurationProperties(RealtimeProperties.class)
class WebSocketConfiguration implements WebSocketMessageBrokerConfigurer, Ordered {

    /** Where the access-token cookie of the handshake waits for CONNECT. */
    static final String HANDSHAKE_TOKEN = "handshakeAccessToken";
    private static final int INBOUND_THREADS = 16;
    /** Spring's own default for the channel that sends to the sockets. */
    private static final int OUTBOUND_THREADS = 2 * Runtime.getRuntime().availableProcessors();
    /**
     * The largest STOMP frame taken, in characters (the container's buffer for one WebSocket text message) and in
     * bytes (Spring's STOMP decoder): a chat message at its 4,096-character limit with every character escaped in
     * JSON (six characters each, twelve for a surrogate pair) is about 49,000, which Tomcat's default of 8,192 closed
     * the socket on. Larger frames still close it with 1009 before any application code runs.
     */
    static final int MAX_FRAME = 64 * 1024;

    private final RealtimeProperties properties;
    private final StompGuard guard;
    private final OpenSockets openSockets;
    private final BoundedPostgresWaits boundedPostgresWaits;
    /**
     * The threads that handle the members' frames, and those that send to their sockets: the channels' own. Spring
     * Boot hands both channels the application's task executor when the context has exactly one, and here that is the
     * scheduler of the {@code @Scheduled} work (platform's SchedulingConfiguration), four threads: chat frames and
     * every push then waited behind scheduled work, and while PostgreSQL stalled, behind scheduled work that waited
     * on it, so that a chat frame's refusal reached no one until it answered again (RELIABILITY.md). Spring makes
     * each the channel's executor bean, which it starts and shuts down.
     */
    private final ThreadPoolTaskExecutor inbound = channelThreads("clientInboundChannel-", INBOUND_THREADS);
    private final ThreadPoolTaskExecutor outbound = channelThreads("clientOutboundChannel-", OUTBOUND_THREADS);

    WebSocketConfiguration(RealtimeProperties properties, StompGuard guard, OpenSockets openSockets,
                           BoundedPostgresWaits boundedPostgresWaits) {
        this.properties = properties;
        this.guard = guard;
        this.openSockets = openSockets;
        this.boundedPostgresWaits = boundedPostgresWaits;
    }

    private static ThreadPoolTaskExecutor channelThreads(String prefix, int threads) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix(prefix);
        executor.setCorePoolSize(threads);
        executor.setAllowCoreThreadTimeOut(true);
        return executor;
    }

    /** After Spring Boot's configurer (order 0), so that the channels' executors set here are the ones kept. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(openSockets); // closes the connections of sessions that ended
        registration.setMessageSizeLimit(MAX_FRAME);
    }

    /** The servlet container's own limit for one incoming WebSocket message, raised to {@link #MAX_FRAME}. */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_FRAME);
        container.setMaxBinaryMessageBufferSize(MAX_FRAME);
        return container;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        // the same origin is always allowed, and so are clients that send no Origin (scripts, native apps)
        registry.addEndpoint("/ws")
                .setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new))
                .addInterceptors(new AccessCookie());
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        // a member's pushes reach each session in the order they were relayed (chat messages, unread lists)
        registry.setPreservePublishOrder(true);
        registry.enableSimpleBroker("/queue");
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(guard, boundedPostgresWaits); // the latter on the frame's handling thread
        // a chat frame's thread waits on PostgreSQL (loading the conversation, the append and its commit) more than
        // it computes: Spring's default, two threads a core, queued chat behind a few commits (docs/performance.md)
        registration.executor(inbound);
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.executor(outbound);
    }

    /** Keeps the handshake's access-token cookie for CONNECT, which may come without an Authorization header. */
    private static final class AccessCookie implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                       WebSocketHandler handler, Map<String, Object> attributes) {
            if (request instanceof ServletServerHttpRequest servlet) {
                Cookie cookie = WebUtils.getCookie(servlet.getServletRequest(), AuthCookies.ACCESS);
                if (cookie != null) {
                    attributes.put(HANDSHAKE_TOKEN, cookie.getValue());
                }
            }
            return true;
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Exception exception) {
        }
    }
}
