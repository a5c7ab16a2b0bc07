package org.bunnybook.web.error;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.bunnybook.platform.processing.ServingThreads;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.lang.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;

/**
 * Bounds how long a thread serving a member waits for each of PostgreSQL's answers, to
 * {@code bunnybook.serving.postgres-wait}: an HTTP request's thread (as a filter) and a chat frame's (as an interceptor
 * of the inbound STOMP channel, on the thread that handles the frame). A PostgreSQL that stays connected but stops
 * answering is then a 503 (a frame refused, for a chat message) within that, not a thread held for ever
 * ({@link ServingThreads}).
 * <p>
 * Not bounded: staff's requests, auditors', moderators' and admins' (filtered reads and exports of the whole
 * history, dead letters retried as a processor would, a rebuild's cancellation waiting for its row), and a member's
 * export and erasure (the erasure scans the event table for the member's personal data): their statements may rightly
 * run longer, and staff and a member leaving wait for them rather than be refused every time.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class BoundedPostgresWaits extends OncePerRequestFilter implements ExecutorChannelInterceptor {

    private final Duration postgresWait;

    BoundedPostgresWaits(@Value("${bunnybook.serving.postgres-wait:10s}") Duration postgresWait) {
        this.postgresWait = postgresWait;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/web/audit/") || path.startsWith("/web/admin/") || path.equals("/web/me/export")
                || path.equals("/web/me") && request.getMethod().equals("DELETE");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ServingThreads.begin(postgresWait);
        try {
            chain.doFilter(request, response);
        } finally {
            ServingThreads.end();
        }
    }

    @Override
    public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
        ServingThreads.begin(postgresWait);
        return message;
    }

    @Override
    public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
                                    @Nullable Exception ex) {
        ServingThreads.end();
    }
}
