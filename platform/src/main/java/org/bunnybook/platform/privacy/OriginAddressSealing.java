package org.bunnybook.platform.privacy;

import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.bunnybook.api.PersonalData.Erased;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import static org.bunnybook.platform.command.RequestOrigin.ACTOR;
import static org.bunnybook.platform.command.RequestOrigin.CLIENT_ADDRESS;

/**
 * Seals the client address an event's metadata records with its owner's key ({@link AddressOwner}) as the event is
 * published, in the transaction that appends it, as a {@code @PersonalData} field is sealed: erasing the member makes
 * it unreadable, and it reads as {@code [erased]}. Where it is read (the sessions' projection, the audit) it opens as
 * the event store's serializer opens every sealed string; a saga's command handed the address of the event it reacted
 * to gets it opened, and its events seal it again. One that is no one's is dropped. Dead letters keep the bytes the
 * event was stored with.
 */
@Component
class OriginAddressSealing implements MessageDispatchInterceptor<EventMessage<?>> {

    private final PersonalDataCipher cipher;

    OriginAddressSealing(EventBus events, PersonalDataCipher cipher) {
        this.cipher = cipher;
        events.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, event) -> {
            MetaData metaData = event.getMetaData();
            if (!(metaData.get(CLIENT_ADDRESS) instanceof String address) || PersonalDataCipher.isSealed(address)) {
                return event;
            }
            Optional<UUID> owner = AddressOwner.of(metaData.get(ACTOR));
            return owner.isPresent()
                    ? event.andMetaData(Map.of(CLIENT_ADDRESS, cipher.seal(owner.get(), address, Erased.TEXT)))
                    : event.withMetaData(metaData.withoutKeys(Set.of(CLIENT_ADDRESS)));
        };
    }
}
