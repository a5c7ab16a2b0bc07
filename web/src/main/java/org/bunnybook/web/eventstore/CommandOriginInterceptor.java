package org.bunnybook.web.eventstore;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bunnybook.web.security.Member;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import static org.bunnybook.web.eventstore.RequestOrigin.*;

/**
 * Stamps a command sent from outside any message handler with its origin: the signed-in member (or
 * {@value RequestOrigin#SYSTEM}), the HTTP request's correlation id and client address. Commands sent while handling
 * a message inherit that message's origin through {@link RequestOriginCorrelation} instead.
 */
@Component
class CommandOriginInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    /** Request attribute holding the correlation id of the current HTTP request. */
    static final String CORRELATION_ATTRIBUTE = CommandOriginInterceptor.class.getName() + ".correlationId";

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            if (CurrentUnitOfWork.isStarted()) {
                return command;
            }
            Map<String, Object> metaData = originOfCurrentRequest();
            metaData.putAll(command.getMetaData()); // what the sender stated itself wins, e.g. the actor
            return command.withMetaData(metaData);
        };
    }

    private static Map<String, Object> originOfCurrentRequest() {
        Map<String, Object> origin = new HashMap<>();
        origin.put(ACTOR, currentActor());
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            Object correlationId = request.getAttribute(CORRELATION_ATTRIBUTE);
            if (correlationId == null) {
                correlationId = UUID.randomUUID().toString();
                request.setAttribute(CORRELATION_ATTRIBUTE, correlationId);
            }
            origin.put(CORRELATION_ID, correlationId);
            origin.put(CLIENT_ADDRESS, request.getRemoteAddr());
        } else {
            origin.put(CORRELATION_ID, UUID.randomUUID().toString());
        }
        return origin;
    }

    private static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Member member
                ? member.profileId().toString()
                : SYSTEM;
    }
}
