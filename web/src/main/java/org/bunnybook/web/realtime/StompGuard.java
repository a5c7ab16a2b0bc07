package org.bunnybook.web.realtime;

import org.bunnybook.web.security.Member;
import org.bunnybook.web.security.RevocationList;
import org.bunnybook.web.security.Tokens;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Every inbound STOMP frame passes here. CONNECT needs a valid access token of a session that has not ended (the
 * {@code Authorization} header, else the handshake's cookie; the session is remembered for {@link OpenSockets},
 * which closes the connection when it ends), from a member who holds fewer sockets on this node than one may; a
 * refused CONNECT gets an ERROR frame and the socket is closed. A
 * session may subscribe to its own user queue only and send to {@code /app/**} only. Frames beyond the per-second
 * budget are refused ({@link FrameBudget}), so a flooding client slows only itself.
 */
@Component
class StompGuard implements ChannelInterceptor {

    static final String EVENTS = "/user/queue/events";

    private final Tokens tokens;
    private final RevocationList revocations;
    private final FrameBudget budget;
    private final OpenSockets openSockets;

    StompGuard(Tokens tokens, RevocationList revocations, FrameBudget budget, OpenSockets openSockets) {
        this.tokens = tokens;
        this.revocations = revocations;
        this.budget = budget;
        this.openSockets = openSockets;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null || stomp.getCommand() == null) {
            return message; // heartbeats
        }
        if (stomp.getCommand() != StompCommand.CONNECT && stomp.getCommand() != StompCommand.STOMP
                && stomp.getCommand() != StompCommand.DISCONNECT
                && !budget.admit(stomp, message)) {
            return null; // over budget: not handled, and its sender was told
        }
        switch (stomp.getCommand()) {
            case CONNECT, STOMP -> stomp.setUser(new MemberPrincipal(authenticate(stomp)));
            case SUBSCRIBE -> {
                if (!EVENTS.equals(stomp.getDestination())) {
                    throw new MessagingException("subscribe to " + EVENTS + " only");
                }
            }
            case SEND -> {
                if (stomp.getDestination() == null || !stomp.getDestination().startsWith("/app/")) {
                    throw new MessagingException("send to /app/** only");
                }
            }
            default -> {
            }
        }
        return message;
    }

    private Member authenticate(StompHeaderAccessor stomp) {
        String header = stomp.getFirstNativeHeader("Authorization");
        Optional<String> token = header != null && header.startsWith("Bearer ")
                ? Optional.of(header.substring("Bearer ".length()))
                : Optional.ofNullable(stomp.getSessionAttributes())
                .map(attributes -> (String) attributes.get(WebSocketConfiguration.HANDSHAKE_TOKEN));
        Tokens.AccessGrant grant = token.flatMap(tokens::readAccessGrant)
                .filter(valid -> !revocations.isRevoked(valid.sessionId()))
                .orElseThrow(() -> new MessagingException("Unauthorized"));
        if (!openSockets.admit(stomp.getSessionId(), stomp.getSessionAttributes(), grant.member().profileId(),
                grant.sessionId())) {
            throw new MessagingException("too many open sockets: a member may hold " + openSockets.perMember()
                    + " at once on one server; close one first");
        }
        return grant.member();
    }
}
