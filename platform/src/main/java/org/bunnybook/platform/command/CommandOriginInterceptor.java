package org.bunnybook.platform.command;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Stamps a command sent from outside any message handler with its origin, as the adapter that received the request
 * tells it ({@link CurrentOrigin}), else as the system's own action. Commands sent while handling a message inherit
 * that message's origin through {@link RequestOriginCorrelation} instead.
 */
@Component
class CommandOriginInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    /** The origin of a command no adapter vouches for: the system's own action, a correlation of its own. */
    private static final CurrentOrigin SYSTEM = () -> Map.of(RequestOrigin.ACTOR, RequestOrigin.SYSTEM,
            RequestOrigin.CORRELATION_ID, UUID.randomUUID().toString());

    private final ObjectProvider<CurrentOrigin> currentOrigin;

    CommandOriginInterceptor(ObjectProvider<CurrentOrigin> currentOrigin) {
        this.currentOrigin = currentOrigin;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            if (CurrentUnitOfWork.isStarted()) {
                return command;
            }
            Map<String, Object> metaData = new HashMap<>(currentOrigin.getIfAvailable(() -> SYSTEM).metaData());
            metaData.putAll(command.getMetaData()); // what the sender stated itself wins, e.g. the actor
            return command.withMetaData(metaData);
        };
    }
}
